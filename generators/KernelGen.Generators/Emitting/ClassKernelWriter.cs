using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the class kernels: one class's diversity term and gradient rows from that class's rows alone, at a cost
/// independent of the number of classes (an online step moves the prototypes of two classes). Where the plan says
/// (<see cref="UnrolledPlan.LoneInScalars"/>) the entry runs the runtime's <c>LoneClass{m}</c>, the block code's pieces
/// on one class in scalars; otherwise, and for a class with a non-finite distance, the full call's own cores (through
/// the runtime's <c>ClassKernelEntry</c>, which holds what every shape shares) on a class range of one class, alone in the
/// first lane of a block with its rows addressed by position, as class-major labels address them. Either way the same
/// operations in the same order on the class, so the rows are the bits the full call writes.
/// </summary>
internal static class ClassKernelWriter
{
    /// <summary>
    /// The kernels class's entry, <c>ClassLoss</c>, for both public overloads: the runtime's <c>ClassKernelEntry.Term</c> over
    /// the shape's cores (<c>Lone</c>), which makes the checks and picks the width as the full entries do.
    /// </summary>
    public static void WriteEntry(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        string signature = $"public static {t} ClassLoss(ReadOnlySpan<{t}> classPrototypes, Span<{t}> classGradient, {t} sigmaDiv, bool withGradient)";
        if (plan.Path == FactorisationPath.None)
        {
            w.Line("/// <summary>One class's term and, <paramref name=\"withGradient\"/>, its row: one prototype, no pair.</summary>");
            using var trivial = w.OpenBlock(signature);
            w.Line("Validation.CheckClass(classPrototypes, classGradient, sigmaDiv, withGradient, Features, MaxPerClass);");
            w.Line("classGradient.Clear();");
            w.Line("return 0;");
            return;
        }

        w.Line(plan.Unrolled is { LoneInScalars: true } scalars
            ? $"/// <summary>One class alone for the class kernels: in scalars (LoneClass{scalars.Members}), or through the cores where a distance is not finite.</summary>"
            : "/// <summary>The cores on one class alone, for the class kernels.</summary>");
        using (w.OpenBlock($"private readonly struct Lone : ILoneClassCode<{t}>"))
        {
            // The runtime's entry picks a width itself (ClassKernelEntry), among the plan's widths only.
            w.Line($"public static int WidestVectorBytes => {plan.WidestVectorBytes};");
            w.Line();
            w.Line(Literals.Inlined);
            w.Line($"public static {t} Term{Widths.TypeParameters}(ref {t} origin, ref int ends, ref int order, double sigma, ref {t} gradientOrigin, int n, bool withGradient) {Widths.Constraints(plan)} =>");
            string Call(bool withGradient) => $"{CoreWriter.Name(withGradient)}{Widths.TypeParameters}({CoreWriter.Arguments(plan, withGradient, "ref origin", "sigma", "ref gradientOrigin", classes: "0, 1", count: "n")})";
            string both = $"withGradient ? {Call(true)} : {Call(false)}";
            string cores = plan.CoresReturnLogDeterminants ? $"({t})(0d - ({both}))" : both;
            if (plan.Unrolled is { LoneInScalars: true } unrolled)
            {
                // The class alone in scalars; where a distance is not finite, the cores, which handle that.
                w.Line($"    {LoneClassWriter.Call(plan, unrolled, t)} ? ({t})term : {cores};");
            }
            else
            {
                w.Line($"    {cores};");
            }
        }

        w.Line();
        w.Line("/// <summary>One class's term and, <paramref name=\"withGradient\"/>, its rows.</summary>");
        w.Line(Literals.Optimized);
        w.Line(signature + " =>");
        w.Line($"    ClassKernelEntry.Term<Lone, {t}>(classPrototypes, classGradient, sigmaDiv, withGradient, Features, MaxPerClass);");
    }

    /// <summary>The public members on the user's class: span and tensor overloads, with and without the gradient rows.</summary>
    public static void WriteApi(SourceWriter w, KernelPlan plan, string kernels, string generated)
    {
        string t = plan.ElementType;
        string ros = $"global::System.ReadOnlySpan<{t}>";
        string span = $"global::System.Span<{t}>";
        string ro = $"global::System.Numerics.Tensors.ReadOnlyTensorSpan<{t}>";
        string rw = $"global::System.Numerics.Tensors.TensorSpan<{t}>";
        string args = "global::KernelGen.Internal.TensorArguments";
        string cref = ApiWriter.Cref("ClassDiversityLoss", ros, span, t);
        // Documented once, on the overload with the gradient (as ApiWriter does); the tensor overloads run the span
        // overloads on the tensors' memory (TensorArguments checks them first).
        w.Lines($$"""

            /// <inheritdoc cref="{{cref}}"/>
            {{generated}}
            public static {{t}} ClassDiversityLoss({{ros}} classPrototypes, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss(classPrototypes, default, sigmaDiv, false);

            /// <summary>One class's term −log det(K_c + εI) of the diversity loss, from its n × {{plan.Features}} values (1 ≤ n ≤ {{plan.MaxPerClass}}) alone: a cost independent of the number of classes. The overloads with a <paramref name="classGradient"/> also write the class's gradient rows into it: the full call's bits for that class. For labels in any order: <c>Regularizer.ClassDiversityLossAt</c>.</summary>
            /// <param name="classPrototypes">The class's rows; with class-major labels, a slice of the prototypes (as a tensor, lengths [n, {{plan.Features}}], dense).</param>
            /// <param name="classGradient">Receives the rows in the class's layout (as a tensor, its lengths, dense), in memory of its own, after every check has passed.</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The term (0 for n = 1); the classes' terms add up to the loss within rounding.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid; nothing has been written.</exception>
            {{generated}}
            public static {{t}} ClassDiversityLoss({{ros}} classPrototypes, {{span}} classGradient, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss(classPrototypes, classGradient, sigmaDiv, true);

            /// <inheritdoc cref="{{cref}}"/>
            {{generated}}
            public static {{t}} ClassDiversityLoss(in {{ro}} classPrototypes, {{t}} sigmaDiv = 1) =>
                ClassDiversityLoss({{args}}.ClassPrototypes(classPrototypes, Features, MaxPerClass), sigmaDiv);

            /// <inheritdoc cref="{{cref}}"/>
            {{generated}}
            public static {{t}} ClassDiversityLoss(in {{ro}} classPrototypes, in {{rw}} classGradient, {{t}} sigmaDiv = 1) =>
                ClassDiversityLoss({{args}}.ClassPrototypes(classPrototypes, Features, MaxPerClass), {{args}}.ClassGradient(classGradient, classPrototypes), sigmaDiv);
            """);
    }
}
