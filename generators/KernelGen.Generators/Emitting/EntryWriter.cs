using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the two diversity entry points, <c>Loss</c> and <c>LossAndGradient</c>: every argument check, the label pass
/// (<see cref="LabelPassWriter"/>), then the core at the widest accelerated width (<see cref="CoreWriter"/>) or, for a
/// parallel plan, the chunks of classes over the cores (<see cref="RangeKernelWriter"/>).
/// </summary>
internal static class EntryWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        WriteEntry(w, plan, withGradient: false);
        w.Line();
        WriteEntry(w, plan, withGradient: true);
    }

    private static void WriteEntry(SourceWriter w, KernelPlan plan, bool withGradient)
    {
        string t = plan.ElementType;
        w.Line(withGradient
            ? "/// <summary>The loss, writing d loss / d prototypes into <paramref name=\"gradient\"/> after every check has passed.</summary>"
            : "/// <summary>The loss alone.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"public static {t} {(withGradient ? "LossAndGradient" : "Loss")}(ReadOnlySpan<{t}> prototypes, ReadOnlySpan<int> protoLabels{(withGradient ? $", Span<{t}> gradient" : "")}, {t} sigmaDiv)");
        w.Line("// Checks first: nothing is written unless all of them pass (the label pass below checks the labels).");
        w.Line("int count = protoLabels.Length;");
        w.Line("if (count > MaxPrototypes) Validation.ThrowTooManyLabels(count, MaxPrototypes);");
        w.Line("if (prototypes.Length != count * Features) Validation.ThrowPrototypesLength(prototypes.Length, count, Features);");
        if (withGradient)
        {
            w.Line("if (gradient.Length != prototypes.Length) Validation.ThrowGradientLength(gradient.Length, prototypes.Length);");
            w.Line("Validation.CheckGradientApart(prototypes, gradient, \"gradient\", \"prototypes\");");
        }

        w.Line("Validation.CheckSigma(sigmaDiv);");
        if (plan.Path == FactorisationPath.None)
        {
            LabelPassWriter.Write(w, plan, bindRows: false, () =>
            {
                w.Line("// One prototype per class at most: every class contributes exactly 0.");
                if (withGradient)
                {
                    w.Line("gradient.Clear();");
                }

                w.Line("return 0;");
            });
            return;
        }

        string gradientOrigin = "ref MemoryMarshal.GetReference(gradient)";
        if (plan.SplitsIntoChunks)
        {
            LabelPassWriter.Write(w, plan, bindRows: true, () =>
            {
                w.Line("// Fixed chunks of classes over the cores, their sums added in chunk order: the same bits on any core count.");
                w.Line($"return ({t})(0d - ClassChunks.Sum<{RangeKernelWriter.Name(withGradient)}, {t}>(ref MemoryMarshal.GetReference(prototypes), ref ends, ref order, sigmaDiv, {(withGradient ? gradientOrigin : $"ref Unsafe.NullRef<{t}>()")}, NClasses, ChunkClasses));");
            });
            return;
        }

        // The dispatch repeats its arguments once per width: the spans' first elements are bound once, above it. The
        // gradient entry repeats the loss entry's steps, whose comments are written once, on the loss entry.
        string arguments = CoreWriter.Arguments(plan, withGradient, "ref origin", "sigmaDiv", "ref gradientOrigin", classes: "0, NClasses");
        LabelPassWriter.Write(w, plan, bindRows: true, () =>
        {
            w.Line($"ref {t} origin = ref MemoryMarshal.GetReference(prototypes);");
            if (withGradient)
            {
                w.Line($"ref {t} gradientOrigin = {gradientOrigin};");
            }

            Widths.WriteDispatch(w, plan, CoreWriter.Name(withGradient), arguments, explain: !withGradient);
        }, explain: !withGradient);
    }
}
