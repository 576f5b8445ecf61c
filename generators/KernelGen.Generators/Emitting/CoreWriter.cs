using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// The width-generic cores, <c>LossCore&lt;W, TV&gt;</c> and <c>LossAndGradientCore&lt;W, TV&gt;</c>, as their callers
/// and bodies see them: the name, the parameters and the arguments that match them, the shared prologue, and the class
/// range a core covers. The path writers (<see cref="BlockLoopWriter"/>, <see cref="LoopPathWriter"/>) write the bodies.
/// </summary>
/// <remarks>
/// With <see cref="KernelPlan.RangedCores"/> a core takes a class range: the full call passes every class, a parallel
/// chunk its own, the class kernels their one class. A parallel plan's core returns its range's Σ log det (the caller
/// adds the chunks and negates); otherwise a core returns the loss of its classes. With
/// <see cref="KernelPlan.ClearsWholeGradient"/> the gradient core also takes the prototype count.
/// </remarks>
internal static class CoreWriter
{
    /// <summary>
    /// 1/(2σ²), the exp's scale, as every kernel computes it from <c>sigma</c>: the cores and a lone class's call
    /// (<see cref="LoneClassWriter"/>) divide alike, so a lone class's entries and rows are its block lane's bits.
    /// </summary>
    public const string Scale = "1d / (2d * sigma * sigma)";

    /// <summary>2/σ², the gradient coefficients' scale, computed as <see cref="Scale"/> is, for the same reason.</summary>
    public const string GradScale = "2d / (sigma * sigma)";

    /// <summary>The core's name for one of the two entries.</summary>
    public static string Name(bool withGradient) => withGradient ? "LossAndGradientCore" : "LossCore";

    /// <summary>The first class a core covers.</summary>
    public static string FirstClass(KernelPlan plan) => plan.RangedCores ? "firstClass" : "0";

    /// <summary>The class after the last one a core covers.</summary>
    public static string EndClass(KernelPlan plan) => plan.RangedCores ? "endClass" : "NClasses";

    /// <summary>
    /// The core's first member in the grouped order: where class <c>firstClass</c>'s run starts, or
    /// <see langword="null"/> when the core starts at member 0.
    /// </summary>
    public static string? FirstMember(KernelPlan plan) => plan.RangedCores ? "firstClass == 0 ? 0 : Unsafe.Add(ref ends, firstClass - 1)" : null;

    /// <summary>
    /// The arguments of a call of the core: the prototypes' origin, the label pass's <c>ends</c> and <c>order</c>, σ,
    /// the gradient's origin, then the class range (<paramref name="classes"/>) and the prototype count
    /// (<paramref name="count"/>) where the core takes them.
    /// </summary>
    public static string Arguments(KernelPlan plan, bool withGradient, string origin, string sigma, string gradientOrigin, string classes = "firstClass, endClass", string count = "count") =>
        $"{origin}, ref ends, ref order, {sigma}" + (withGradient ? $", {gradientOrigin}" : "")
        + (plan.RangedCores ? ", " + classes : "") + (withGradient && plan.ClearsWholeGradient ? ", " + count : "");

    /// <summary>
    /// Opens a core and writes the prologue every path shares (1/(2σ²) and for the gradient 2/σ²); the caller writes
    /// the body. <paramref name="how"/> completes its summary.
    /// </summary>
    public static SourceWriter.Block Open(SourceWriter w, KernelPlan plan, bool withGradient, string how)
    {
        string t = plan.ElementType;
        string summary = plan.CoresReturnLogDeterminants
            ? $"Σ log det of classes [firstClass, endClass){(withGradient ? " and their gradient rows" : "")} at width <typeparamref name=\"W\"/>, {how}"
            : $"The {(withGradient ? "loss and gradient" : "loss")}{(plan.RangedCores ? " of classes [firstClass, endClass)" : "")} at width <typeparamref name=\"W\"/>, {how}";
        w.Line($"/// <summary>{summary}.</summary>");
        w.Line(Literals.Optimized);
        string parameters = $"ref {t} origin, ref int ends, ref int order, double sigma{(withGradient ? $", ref {t} gradientOrigin" : "")}"
            + (plan.RangedCores ? ", int firstClass, int endClass" : "") + (withGradient && plan.ClearsWholeGradient ? ", int count" : "");
        SourceWriter.Block method = w.OpenBlock($"private static {(plan.CoresReturnLogDeterminants ? "double" : t)} {Name(withGradient)}{Widths.TypeParameters}({parameters}) {Widths.Constraints(plan)}");
        w.Line($"double scale = {Scale};");
        if (withGradient)
        {
            w.Line($"double gradScale = {GradScale};");
        }

        return method;
    }
}
