using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the two diversity entry points, <c>Loss</c> and <c>LossAndGradient</c>: every argument check, the label pass,
/// then a call to the width-generic core (<see cref="BlockLoopWriter"/> or <see cref="LoopPathWriter"/>) at the
/// widest accelerated width.
/// </summary>
internal static class EntryWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        WriteEntry(w, plan, withGradient: false);
        w.Line();
        WriteEntry(w, plan, withGradient: true);
    }

    /// <summary>The core's name for one of the two entries.</summary>
    public static string CoreName(bool withGradient) => withGradient ? "LossAndGradientCore" : "LossCore";

    /// <summary>A parallel core's first member in the grouped order: where class <c>firstClass</c>'s run starts.</summary>
    public const string RangeStart = "firstClass == 0 ? 0 : Unsafe.Add(ref ends, firstClass - 1)";

    /// <summary>The range kernel's name for one of the two entries (parallel plans).</summary>
    public static string RangeName(bool withGradient) => withGradient ? "LossAndGradientRange" : "LossRange";

    /// <summary>
    /// Opens a width-generic core, <c>LossCore&lt;W, TV&gt;</c> or <c>LossAndGradientCore&lt;W, TV&gt;</c>, and writes the
    /// prologue every path shares (1/(2σ²) and for the gradient 2/σ²); the caller writes the body.
    /// A parallel plan's core takes a class range and returns its Σ log det (the caller adds the chunks and negates);
    /// otherwise the core covers every class and returns the loss.
    /// </summary>
    public static SourceWriter.Block OpenCore(SourceWriter w, KernelPlan plan, bool withGradient, string how)
    {
        string t = plan.ElementType;
        string summary = plan.IsParallel
            ? $"Σ log det of classes [firstClass, endClass){(withGradient ? " and their gradient rows" : "")} at width <typeparamref name=\"W\"/>, {how}"
            : $"The {(withGradient ? "loss and gradient" : "loss")}{(plan.RangedCores ? " of classes [firstClass, endClass)" : "")} at width <typeparamref name=\"W\"/>, {how}";
        w.Line($"/// <summary>{summary}.</summary>");
        w.Line(Literals.Optimized);
        string range = plan.RangedCores ? ", int firstClass, int endClass" : "";
        SourceWriter.Block method = w.OpenBlock($"private static {(plan.IsParallel ? "double" : t)} {CoreName(withGradient)}{Widths.TypeParameters}(ref {t} origin, ref int ends, ref int order, double sigma{(withGradient ? $", ref {t} gradientOrigin" : "")}{range}) {Widths.Constraints(plan)}");
        w.Line("double scale = 1d / (2d * sigma * sigma);");
        if (withGradient)
        {
            w.Line("double gradScale = 2d / (sigma * sigma);");
        }

        return method;
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
        w.Line($"if (prototypes.Length != count * Features) Validation.ThrowLength(\"prototypes\", prototypes.Length, \"protoLabels.Length × {plan.Features}\");");
        if (withGradient)
        {
            w.Line("if (gradient.Length != prototypes.Length) Validation.ThrowLength(\"gradient\", gradient.Length, \"prototypes.Length\");");
        }

        w.Line("Validation.CheckSigma(sigmaDiv);");
        if (plan.Path == FactorisationPath.None)
        {
            WriteTrivial(w, withGradient);
            return;
        }

        if (plan.IsParallel)
        {
            string gradientOrigin = withGradient ? "ref MemoryMarshal.GetReference(gradient)" : $"ref Unsafe.NullRef<{t}>()";
            WriteLabelPass(w, plan, () =>
            {
                w.Line("// Fixed chunks of classes over the cores, their sums added in chunk order: the same bits on any core count.");
                w.Line($"return ({t})(0d - ClassChunks.Sum<{RangeName(withGradient)}, {t}>(ref MemoryMarshal.GetReference(prototypes), ref ends, ref order, sigmaDiv, {gradientOrigin}, NClasses, ChunkClasses));");
            });
            return;
        }

        string arguments = "ref MemoryMarshal.GetReference(prototypes), ref ends, ref order, sigmaDiv" + (withGradient ? ", ref MemoryMarshal.GetReference(gradient)" : "")
            + (plan.RangedCores ? ", 0, NClasses" : "");
        WriteLabelPass(w, plan, () => Widths.WriteDispatch(w, plan, CoreName(withGradient), arguments));
    }

    /// <summary>
    /// A parallel plan's two range kernels, <c>LossRange</c> and <c>LossAndGradientRange</c>: what a chunk of classes
    /// runs, at the widest accelerated width, on whichever thread takes it.
    /// </summary>
    public static void WriteRanges(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        for (int i = 0; i < 2; i++)
        {
            bool withGradient = i == 1;
            w.Line();
            w.Line($"/// <summary>Σ log det of a chunk of classes{(withGradient ? ", and their gradient rows" : "")}.</summary>");
            using (w.OpenBlock($"private readonly struct {RangeName(withGradient)} : IClassRangeKernel<{t}>"))
            {
                w.Line(Literals.Optimized);
                using (w.OpenBlock($"public static double LogDeterminants(ref {t} origin, ref int ends, ref int order, double sigma, ref {t} gradientOrigin, int firstClass, int endClass)"))
                {
                    Widths.WriteDispatch(w, plan, CoreName(withGradient), "ref origin, ref ends, ref order, sigma" + (withGradient ? ", ref gradientOrigin" : "") + ", firstClass, endClass");
                }
            }
        }
    }

    private static void WriteTrivial(SourceWriter w, bool withGradient)
    {
        w.Line("Span<int> groups = stackalloc int[NClasses + 1 + MaxPrototypes];");
        w.Line("LabelGroups.Group(protoLabels, groups, NClasses, MaxPerClass);");
        w.Line("// One prototype per class at most: every class contributes exactly 0.");
        if (withGradient)
        {
            w.Line("gradient.Clear();");
        }

        w.Line("return 0;");
    }

    /// <summary>
    /// The label pass: each class's run end and the prototype indices class by class, in <c>ends</c>. Labels that are
    /// already class-major with every class full (the layout prototype code usually keeps) take a constant table and
    /// no scratch.
    /// </summary>
    private static void WriteLabelPass(SourceWriter w, KernelPlan plan, System.Action body)
    {
        bool table = plan.ClassMajorTable;
        string ifNotTable = table ? "if (!classMajor) " : "";
        if (table)
        {
            w.Line("bool classMajor = LabelGroups.IsClassMajor(protoLabels, ClassMajorLabels);");
        }

        if (plan.LabelScratch == ScratchSource.Stack)
        {
            w.Line(table
                ? "Span<int> groups = classMajor ? default : stackalloc int[NClasses + 1 + MaxPrototypes];"
                : "Span<int> groups = stackalloc int[NClasses + 1 + MaxPrototypes];");
            WriteGroupAndBody(w, table, ifNotTable, body);
            return;
        }

        w.Line($"int[]? rentedGroups = {(table ? "classMajor ? null : " : "")}ArrayPool<int>.Shared.Rent(NClasses + 1 + count);");
        w.Line("Span<int> groups = rentedGroups is null ? default : new Span<int>(rentedGroups, 0, NClasses + 1 + count);");
        using (w.OpenBlock("try"))
        {
            w.Line("// Rented arrays are not zeroed; the stack is.");
            w.Line("groups.Slice(0, Math.Min(groups.Length, NClasses + 1)).Clear();");
            WriteGroupAndBody(w, table, ifNotTable, body);
        }

        using (w.OpenBlock("finally"))
        {
            w.Line("if (rentedGroups is not null) ArrayPool<int>.Shared.Return(rentedGroups);");
        }
    }

    private static void WriteGroupAndBody(SourceWriter w, bool table, string ifNotTable, System.Action body)
    {
        w.Line($"{ifNotTable}LabelGroups.Group(protoLabels, groups, NClasses, MaxPerClass);");
        if (table)
        {
            w.Line("ref int ends = ref classMajor ? ref MemoryMarshal.GetArrayDataReference(ClassMajorGroups) : ref MemoryMarshal.GetReference(groups);");
            w.Line("// Class-major labels pass no order: rows are addressed by position, without loading an index first.");
            w.Line("ref int order = ref classMajor ? ref Unsafe.NullRef<int>() : ref Unsafe.Add(ref ends, NClasses + 1);");
        }
        else
        {
            w.Line("ref int ends = ref MemoryMarshal.GetReference(groups);");
            w.Line("ref int order = ref Unsafe.Add(ref ends, NClasses + 1);");
        }

        body();
    }
}
