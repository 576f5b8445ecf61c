using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the class kernels: one class's diversity term and gradient rows from that class's rows alone, at a cost
/// independent of the number of classes (an online step moves the prototypes of two classes). The entry runs the full
/// call's own cores on a class range of one class, placed alone in the first lane of a block with its rows addressed
/// by position, as class-major labels address them: the same code and lane order as in the full call, so the rows are
/// the same bits.
/// </summary>
internal static class ClassKernelWriter
{
    /// <summary>The kernels class's entry, <c>ClassLoss</c>, for both public overloads.</summary>
    public static void WriteEntry(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        w.Line("/// <summary>One class's term and, <paramref name=\"withGradient\"/>, its rows: the cores on the class alone.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"public static {t} ClassLoss(ReadOnlySpan<{t}> classPrototypes, Span<{t}> classGradient, {t} sigmaDiv, bool withGradient)");
        w.Line("// Checks first: nothing is written unless all of them pass.");
        string members = "Validation.ClassMembers(classPrototypes.Length, classGradient.Length, withGradient, Features, MaxPerClass);";
        if (plan.Path == FactorisationPath.None)
        {
            w.Line(members);
            w.Line("Validation.CheckSigma(sigmaDiv);");
            w.Line("// One prototype: the term is 0 and its row zero.");
            w.Line("classGradient.Clear();");
            w.Line("return 0;");
            return;
        }

        w.Line("int n = " + members);
        w.Line("Validation.CheckSigma(sigmaDiv);");
        w.Line("if (n == 1) { classGradient.Clear(); return 0; }");
        w.Line("// Class 0's run ends at n, the three after it are empty; no order: its rows by position.");
        w.Line("Span<int> lone = stackalloc int[] { n, n, n, n };");
        w.Line($"ref {t} origin = ref MemoryMarshal.GetReference(classPrototypes);");
        w.Line("ref int ends = ref MemoryMarshal.GetReference(lone), order = ref Unsafe.NullRef<int>();");
        using (w.OpenBlock("if (withGradient)"))
        {
            WriteCall(w, plan, withGradient: true);
        }

        WriteCall(w, plan, withGradient: false);
    }

    private static void WriteCall(SourceWriter w, KernelPlan plan, bool withGradient)
    {
        string t = plan.ElementType;
        string gradientOrigin = withGradient ? "ref MemoryMarshal.GetReference(classGradient)" : $"ref Unsafe.NullRef<{t}>()";
        if (plan.IsParallel)
        {
            // The range kernel a chunk runs, on the one class: its Σ log det, negated here.
            w.Line($"return ({t})(0d - {RangeKernelWriter.Name(withGradient)}.LogDeterminants(ref origin, ref ends, ref order, sigmaDiv, {gradientOrigin}, 0, 1));");
            return;
        }

        Widths.WriteDispatch(w, plan, CoreWriter.Name(withGradient), CoreWriter.Arguments(plan, withGradient, "ref origin", "sigmaDiv", gradientOrigin, classes: "0, 1", count: "n"));
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
        string rows = $"The class's n × {plan.Features} values, row-major, 1 ≤ n ≤ {plan.MaxPerClass}";
        w.Lines($$"""

            /// <summary>One class's term −log det(K_c + εI) of the diversity loss, from its rows alone: a cost independent of the number of classes.</summary>
            /// <param name="classPrototypes">{{rows}}; with class-major labels, a slice of the prototypes.</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The term (0 for n = 1); the classes' terms add up to the loss.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid; <see cref="global::System.ArgumentException.ParamName"/> names it.</exception>
            {{generated}}
            public static {{t}} ClassDiversityLoss({{ros}} classPrototypes, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss(classPrototypes, default, sigmaDiv, false);

            /// <summary>One class's term, writing its gradient rows into <paramref name="classGradient"/>: the bits the full call writes for that class.</summary>
            /// <param name="classPrototypes">{{rows}}.</param>
            /// <param name="classGradient">Receives the rows; length <c>classPrototypes.Length</c>. Written only after every check has passed.</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The term.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid; nothing has been written.</exception>
            {{generated}}
            public static {{t}} ClassDiversityLoss({{ros}} classPrototypes, {{span}} classGradient, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss(classPrototypes, classGradient, sigmaDiv, true);

            /// <summary>One class's term on a tensor of its prototypes, lengths [n, {{plan.Features}}], 1 ≤ n ≤ {{plan.MaxPerClass}}. Dense, row-major.</summary>
            /// <param name="classPrototypes">[n, {{plan.Features}}].</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The term, bit-identical to the span overload's.</returns>
            {{generated}}
            public static {{t}} ClassDiversityLoss(in {{ro}} classPrototypes, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss({{args}}.Prototypes(classPrototypes, Features, "classPrototypes"), default, sigmaDiv, false);

            /// <summary>One class's term and its gradient rows on tensors of lengths [n, {{plan.Features}}]. Dense, row-major.</summary>
            /// <param name="classPrototypes">[n, {{plan.Features}}].</param>
            /// <param name="classGradient">The prototypes' lengths; overwritten after every check has passed.</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The term.</returns>
            {{generated}}
            public static {{t}} ClassDiversityLoss(in {{ro}} classPrototypes, in {{rw}} classGradient, {{t}} sigmaDiv = 1) =>
                {{kernels}}.ClassLoss({{args}}.Prototypes(classPrototypes, Features, "classPrototypes"), {{args}}.Gradient(classGradient, classPrototypes, "classGradient"), sigmaDiv, true);
            """);
    }
}
