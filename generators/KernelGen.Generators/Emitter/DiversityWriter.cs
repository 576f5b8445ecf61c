using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the diversity loss −Σ_c log det(K_c + εI) and its gradient for one shape: the validating label pass,
/// the loop over classes, and each class's factorisation — straight-line code on locals up to
/// <see cref="ShapeLimits.MaxUnrolledPerClass"/> members, loops over scratch beyond.
/// </summary>
internal static class DiversityWriter
{
    private const string Unsafe = "Unsafe";
    private const string Validation = "Validation";
    private const string Span = "Span";
    private const string ReadOnlySpan = "ReadOnlySpan";
    private const string Inline = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    /// <summary>Label bookkeeping up to this many ints lives on the stack; beyond, it is rented.</summary>
    private const int StackInts = 1024;

    /// <summary>Loop-path class matrices up to this many doubles live on the stack; beyond, they are rented.</summary>
    private const int StackDoubles = 384;

    private static int GroupInts(ShapeSpec spec) => spec.NClasses + 1 + spec.MaxPrototypes;

    /// <summary>Largest <c>MaxPrototypes</c> for which the class-major fast path's constant tables are emitted.</summary>
    private const int MaxClassMajorTable = 8192;

    private static bool HasClassMajorTable(ShapeSpec spec) => spec.MaxPerClass >= 2 && spec.MaxPrototypes <= MaxClassMajorTable;

    /// <summary>The constant label and grouping tables of the class-major layout (the compiler stores them as data, no allocation).</summary>
    private static void WriteClassMajorTables(SourceWriter w, ShapeSpec spec)
    {
        int m = spec.MaxPerClass, p = spec.MaxPrototypes;
        w.Line("/// <summary>The class-major labels with every class full: label i = i / MaxPerClass.</summary>");
        WriteIntTable(w, "ClassMajorLabels", Enumerable.Range(0, p).Select(i => i / m));
        w.Line();
        w.Line("/// <summary>What <see cref=\"Group\"/> would produce for <see cref=\"ClassMajorLabels\"/>: class ends, one unused slot, the identity order.</summary>");
        WriteIntTable(w, "ClassMajorGroups", Enumerable.Range(1, spec.NClasses).Select(c => c * m).Append(p).Concat(Enumerable.Range(0, p)));
    }

    private static void WriteIntTable(SourceWriter w, string name, IEnumerable<int> values)
    {
        // A static readonly array, not a ReadOnlySpan property over constant data: Debug builds allocate the latter on every access.
        w.Line($"private static readonly int[] {name} = new int[]");
        w.Line("{");
        foreach (var line in values.Select((v, i) => (v, i)).GroupBy(x => x.i / 32))
        {
            w.Line("    " + string.Join(", ", line.Select(x => Literals.Int(x.v))) + ",");
        }

        w.Line("};");
    }

    public static void Write(SourceWriter w, ShapeSpec spec)
    {
        WriteEntry(w, spec, withGradient: false);
        w.Line();
        WriteEntry(w, spec, withGradient: true);
        w.Line();
        WriteGroup(w, spec);
        if (HasClassMajorTable(spec))
        {
            w.Line();
            WriteClassMajorTables(w, spec);
        }

        if (spec.MaxPerClass < 2)
        {
            return;
        }

        w.Line();
        if (spec.IsUnrolled)
        {
            BlockWriter.WriteHelpers(w, spec);
        }
        else
        {
            WriteLoopClass(w, spec, withGradient: false);
            w.Line();
            WriteLoopClass(w, spec, withGradient: true);
            w.Line();
            w.Line("/// <summary>Σ_f (a[f] − b[f])² over one row, vectorised for the shape's feature count.</summary>");
            w.Line(Literals.Optimized);
            using (w.OpenBlock($"private static double SquaredDistance(ref {spec.ElementType} a, ref {spec.ElementType} b)"))
            {
                SimdWriter.PairDistanceBody(w, spec);
            }

            w.Line();
            w.Line("/// <summary>ga += c·(a − b) and gb −= c·(a − b): one pair's share of the difference-form gradient.</summary>");
            w.Line(Literals.Optimized);
            using (w.OpenBlock($"private static void AddPairGradient(ref {spec.ElementType} a, ref {spec.ElementType} b, ref {spec.ElementType} ga, ref {spec.ElementType} gb, {spec.ElementType} c)"))
            {
                SimdWriter.PairGradientBody(w, spec);
            }
        }
    }

    private static void WriteEntry(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        string t = spec.ElementType;
        string name = withGradient ? "LossAndGradient" : "Loss";
        string gradientParameter = withGradient ? $", {Span}<{t}> gradient" : "";
        w.Line(withGradient
            ? "/// <summary>The loss, writing d loss / d prototypes into <paramref name=\"gradient\"/> after every check has passed.</summary>"
            : "/// <summary>The loss alone.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"public static {t} {name}({ReadOnlySpan}<{t}> prototypes, {ReadOnlySpan}<int> protoLabels{gradientParameter}, {t} sigmaDiv)");
        w.Line("// Checks first: nothing is written unless all of them pass.");
        w.Line("int count = protoLabels.Length;");
        w.Line($"if (count > MaxPrototypes) {Validation}.ThrowTooManyLabels(count, MaxPrototypes);");
        w.Line($"if (prototypes.Length != count * Features) {Validation}.ThrowLength(\"prototypes\", prototypes.Length, \"protoLabels.Length × {spec.Features}\");");
        if (withGradient)
        {
            w.Line($"if (gradient.Length != prototypes.Length) {Validation}.ThrowLength(\"gradient\", gradient.Length, \"prototypes.Length\");");
        }

        w.Line($"{Validation}.CheckSigma(sigmaDiv);");
        w.Line();
        bool rent = GroupInts(spec) > StackInts;
        bool table = HasClassMajorTable(spec);
        w.Line("// Label pass: count per class (validating every label), prefix offsets, then indices scattered class by class.");
        if (table)
        {
            w.Line("// Fast path: labels already class-major with every class full (label i = i / MaxPerClass), the layout prototype");
            w.Line("// code usually keeps. Then the grouping is a constant table, the label pass one vectorised compare, and no");
            w.Line("// scratch is taken.");
            w.Line("bool classMajor = protoLabels.SequenceEqual(ClassMajorLabels.AsSpan());");
        }

        string needed = table ? "classMajor ? 0 : " : "";
        if (rent)
        {
            w.Line($"int groupLength = {needed}NClasses + 1 + count;");
            w.Line("int[]? rentedGroups = groupLength == 0 ? null : ArrayPool<int>.Shared.Rent(groupLength);");
            w.Line($"{Span}<int> groups = rentedGroups is null ? default : new {Span}<int>(rentedGroups, 0, groupLength);");
        }
        else
        {
            w.Line(table
                ? $"{Span}<int> groups = classMajor ? default : stackalloc int[NClasses + 1 + MaxPrototypes];"
                : $"{Span}<int> groups = stackalloc int[NClasses + 1 + MaxPrototypes];");
        }

        SourceWriter.Block? tryBlock = rent ? w.OpenBlock("try") : null;
        if (rent)
        {
            // Rented arrays are not zeroed; the stack buffer is.
            w.Line(table ? "if (!classMajor) groups.Slice(0, NClasses + 1).Clear();" : "groups.Slice(0, NClasses + 1).Clear();");
        }

        w.Line(table ? "if (!classMajor) Group(protoLabels, groups);" : "Group(protoLabels, groups);");

        if (withGradient)
        {
            w.Line($"ref {t} gradientOrigin = ref MemoryMarshal.GetReference(gradient);");
        }

        if (spec.MaxPerClass < 2)
        {
            w.Line("// One prototype per class at most: every class contributes exactly 0.");
            if (withGradient)
            {
                w.Line("gradient.Clear();");
            }

            w.Line("return 0;");
        }
        else if (spec.IsUnrolled)
        {
            WriteClassLoopPrologue(w, spec, withGradient);
            BlockWriter.WriteBlockLoop(w, spec, withGradient);
        }
        else
        {
            WriteLoopClassLoop(w, spec, withGradient);
        }

        if (tryBlock is SourceWriter.Block block)
        {
            block.Dispose();
            using (w.OpenBlock("finally"))
            {
                w.Line("if (rentedGroups is not null) ArrayPool<int>.Shared.Return(rentedGroups);");
            }
        }
    }

    private static void WriteClassLoopPrologue(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        w.Line($"ref {spec.ElementType} origin = ref MemoryMarshal.GetReference(prototypes);");
        w.Line(HasClassMajorTable(spec)
            ? "ref int ends = ref classMajor ? ref MemoryMarshal.GetArrayDataReference(ClassMajorGroups) : ref MemoryMarshal.GetReference(groups);"
            : "ref int ends = ref MemoryMarshal.GetReference(groups);");
        w.Line($"ref int order = ref {Unsafe}.Add(ref ends, NClasses + 1);");
        w.Line("double sigma = sigmaDiv;");
        w.Line("double scale = 1d / (2d * sigma * sigma);");
        if (withGradient)
        {
            w.Line("double gradScale = 2d / (sigma * sigma);");
        }
    }

    private static void WriteLoopClassLoop(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        WriteClassLoopPrologue(w, spec, withGradient);
        int stackDoubles = 3 * spec.MaxPerClass * spec.MaxPerClass;
        if (withGradient)
        {
            w.Line("// Pairs accumulate into both of their rows, so start from zero.");
            w.Line("gradient.Clear();");
        }

        w.Line("double logDet = 0d;");
        w.Line("int largest = 0, previous = 0;");
        using (w.OpenBlock("for (int c = 0; c < NClasses; c++)"))
        {
            w.Line($"int end = {Unsafe}.Add(ref ends, c);");
            w.Line("largest = Math.Max(largest, end - previous);");
            w.Line("previous = end;");
        }

        w.Line("double[]? rentedMatrix = null;");
        w.Line(stackDoubles <= StackDoubles
            ? $"{Span}<double> matrix = stackalloc double[{stackDoubles}];"
            : $"{Span}<double> matrix = new {Span}<double>(rentedMatrix = ArrayPool<double>.Shared.Rent(3 * largest * largest), 0, 3 * largest * largest);");
        SourceWriter.Block tryMatrix = w.OpenBlock("try");
        w.Line("int begin = 0;");
        using (w.OpenBlock("for (int c = 0; c < NClasses; c++)"))
        {
            w.Line($"int end = {Unsafe}.Add(ref ends, c);");
            w.Line("int n = end - begin;");
            using (w.OpenBlock("if (n >= 2)"))
            {
                w.Line(withGradient
                    ? $"logDet += ClassWithGradient(ref origin, ref gradientOrigin, ref {Unsafe}.Add(ref order, begin), n, scale, gradScale, matrix);"
                    : $"logDet += Class(ref origin, ref {Unsafe}.Add(ref order, begin), n, scale, matrix);");
            }

            w.Line("begin = end;");
        }

        w.Line($"return ({spec.ElementType})(0d - logDet);");
        tryMatrix.Dispose();
        using (w.OpenBlock("finally"))
        {
            using (w.OpenBlock("if (rentedMatrix is not null)"))
            {
                w.Line("ArrayPool<double>.Shared.Return(rentedMatrix);");
            }
        }
    }

    private static void WriteGroup(SourceWriter w, ShapeSpec spec)
    {
        w.Lines($$"""
            /// <summary>
            /// Validates every label and groups prototype indices by class. On return <c>groups[c]</c> is the end of class
            /// <c>c</c>'s run (its start is the previous class's end) and <c>groups[NClasses + 1 ..]</c> holds the indices.
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            private static void Group({{ReadOnlySpan}}<int> protoLabels, {{Span}}<int> groups)
            {
                ref int starts = ref MemoryMarshal.GetReference(groups);
                for (int i = 0; i < protoLabels.Length; i++)
                {
                    int label = protoLabels[i];
                    if ((uint)label >= NClasses) {{Validation}}.ThrowLabelOutOfRange(i, label, NClasses);
                    if (++{{Unsafe}}.Add(ref starts, label + 1) > MaxPerClass) {{Validation}}.ThrowClassTooLarge(label, MaxPerClass);
                }

                // Counts to start offsets.
                for (int c = 1; c <= NClasses; c++)
                {
                    {{Unsafe}}.Add(ref starts, c) += {{Unsafe}}.Add(ref starts, c - 1);
                }

                // Scatter; each class's cursor ends at the end of its run.
                ref int order = ref {{Unsafe}}.Add(ref starts, NClasses + 1);
                for (int i = 0; i < protoLabels.Length; i++)
                {
                    {{Unsafe}}.Add(ref order, {{Unsafe}}.Add(ref starts, protoLabels[i])++) = i;
                }
            }
            """);
    }

    private static void WriteLoopClass(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        string t = spec.ElementType;
        w.Line("/// <summary>");
        w.Line($"/// One class of 2 to {spec.MaxPerClass} members: log det(K + εI){(withGradient ? " and its members' gradient rows" : "")}.");
        w.Line($"/// Too large to unroll: the block is filled entry by entry and factorised by <see cref=\"DenseCholesky\"/>.");
        w.Line("/// </summary>");
        string gradientParameters = withGradient ? $"ref {t} gradientOrigin, " : "";
        string scaleParameters = withGradient ? "double scale, double gradScale" : "double scale";
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static double {(withGradient ? "ClassWithGradient" : "Class")}(ref {t} origin, {gradientParameters}ref int members, int n, {scaleParameters}, {Span}<double> matrix)");
        w.Line("int nn = n * n;");
        w.Line($"{Span}<double> kernel = matrix.Slice(0, nn), factor = matrix.Slice(nn, nn);");
        using (w.OpenBlock("for (int i = 0; i < n; i++)"))
        {
            w.Line($"ref {t} wi = ref {Unsafe}.Add(ref origin, (nint){Unsafe}.Add(ref members, i) * Features);");
            using (w.OpenBlock("for (int j = 0; j < i; j++)"))
            {
                w.Line($"double d = SquaredDistance(ref wi, ref {Unsafe}.Add(ref origin, (nint){Unsafe}.Add(ref members, j) * Features));");
                w.Line("kernel[i * n + j] = factor[i * n + j] = Math.Exp(-(d * scale));");
            }

            w.Line("factor[i * n + i] = OnePlusEpsilon;");
        }

        w.Line("double logDet = DenseCholesky.FactorLogDeterminant(factor, n);");
        if (withGradient)
        {
            w.Line($"{Span}<double> inverse = matrix.Slice(2 * nn, nn);");
            w.Line("DenseCholesky.Invert(factor, inverse, n);");
            w.Line("// Each pair adds c·(w_i − w_j) to row i and subtracts it from row j.");
            using (w.OpenBlock("for (int i = 0; i < n; i++)"))
            {
                w.Line($"nint rowI = (nint){Unsafe}.Add(ref members, i) * Features;");
                using (w.OpenBlock("for (int j = 0; j < i; j++)"))
                {
                    w.Line($"nint rowJ = (nint){Unsafe}.Add(ref members, j) * Features;");
                    w.Line("double coefficient = gradScale * inverse[i * n + j] * kernel[i * n + j];");
                    w.Line($"// A coefficient below {Literals.Double(BlockWriter.TinyCoefficient(spec))} changes nothing measurable and would be subnormal as {t}.");
                    w.Line($"if (Math.Abs(coefficient) < {Literals.Double(BlockWriter.TinyCoefficient(spec))}) continue;");
                    w.Line($"{t} c = ({t})coefficient;");
                    w.Line($"AddPairGradient(ref {Unsafe}.Add(ref origin, rowI), ref {Unsafe}.Add(ref origin, rowJ), ref {Unsafe}.Add(ref gradientOrigin, rowI), ref {Unsafe}.Add(ref gradientOrigin, rowJ), c);");
                }
            }
        }

        w.Line("return logDet;");
    }
}
