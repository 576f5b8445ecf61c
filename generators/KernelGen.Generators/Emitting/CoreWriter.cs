using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// The width-generic cores, <c>LossCore&lt;W, TV&gt;</c> and <c>LossAndGradientCore&lt;W, TV&gt;</c>, as their callers
/// and bodies see them: the name, the parameters and the arguments that match them, the shared prologue, and the class
/// range a core covers. The path writers (<see cref="BlockLoopWriter"/>, <see cref="LoopPathWriter"/>) write the bodies.
/// </summary>
/// <remarks>
/// A parallel plan's core takes a class range and returns its Σ log det (the caller adds the chunks and negates);
/// otherwise the core covers every class and returns the loss. With <see cref="KernelPlan.GradientCoreTakesCount"/>
/// the gradient core also takes the prototype count.
/// </remarks>
internal static class CoreWriter
{
    /// <summary>The core's name for one of the two entries.</summary>
    public static string Name(bool withGradient) => withGradient ? "LossAndGradientCore" : "LossCore";

    /// <summary>The first class a core covers.</summary>
    public static string FirstClass(KernelPlan plan) => plan.IsParallel ? "firstClass" : "0";

    /// <summary>The class after the last one a core covers.</summary>
    public static string EndClass(KernelPlan plan) => plan.IsParallel ? "endClass" : "NClasses";

    /// <summary>
    /// The core's first member in the grouped order: where class <c>firstClass</c>'s run starts, or
    /// <see langword="null"/> when the core starts at member 0.
    /// </summary>
    public static string? FirstMember(KernelPlan plan) => plan.IsParallel ? "firstClass == 0 ? 0 : Unsafe.Add(ref ends, firstClass - 1)" : null;

    /// <summary>
    /// The arguments of a call of the core: the prototypes' origin, the label pass's <c>ends</c> and <c>order</c>, σ,
    /// the gradient's origin, then the class range or the prototype count where the core takes one.
    /// </summary>
    public static string Arguments(KernelPlan plan, bool withGradient, string origin, string sigma, string gradientOrigin) =>
        $"{origin}, ref ends, ref order, {sigma}" + (withGradient ? $", {gradientOrigin}" : "") + Trailing(plan, withGradient, parameters: false);

    /// <summary>
    /// Opens a core and writes the prologue every path shares (1/(2σ²) and for the gradient 2/σ²); the caller writes
    /// the body. <paramref name="how"/> completes its summary.
    /// </summary>
    public static SourceWriter.Block Open(SourceWriter w, KernelPlan plan, bool withGradient, string how)
    {
        string t = plan.ElementType;
        string summary = plan.IsParallel
            ? $"Σ log det of classes [firstClass, endClass){(withGradient ? " and their gradient rows" : "")} at width <typeparamref name=\"W\"/>, {how}"
            : $"The {(withGradient ? "loss and gradient" : "loss")} at width <typeparamref name=\"W\"/>, {how}";
        w.Line($"/// <summary>{summary}.</summary>");
        w.Line(Literals.Optimized);
        string parameters = $"ref {t} origin, ref int ends, ref int order, double sigma{(withGradient ? $", ref {t} gradientOrigin" : "")}{Trailing(plan, withGradient, parameters: true)}";
        SourceWriter.Block method = w.OpenBlock($"private static {(plan.IsParallel ? "double" : t)} {Name(withGradient)}{Widths.TypeParameters}({parameters}) {Widths.Constraints(plan)}");
        w.Line("double scale = 1d / (2d * sigma * sigma);");
        if (withGradient)
        {
            w.Line("double gradScale = 2d / (sigma * sigma);");
        }

        return method;
    }

    /// <summary>The parameters (or arguments) after the gradient's: the class range, or the count, or none.</summary>
    private static string Trailing(KernelPlan plan, bool withGradient, bool parameters) =>
        plan.IsParallel ? (parameters ? ", int firstClass, int endClass" : ", firstClass, endClass")
        : withGradient && plan.GradientCoreTakesCount ? (parameters ? ", int count" : ", count")
        : "";
}
