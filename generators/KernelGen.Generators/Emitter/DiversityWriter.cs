using System;
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

    /// <summary>
    /// Whether the product of a class's pivots (≥ ε each) is safe from underflow, so one log per call suffices;
    /// otherwise each pivot gets its own log.
    /// </summary>
    private static bool ProductIsSafe(ShapeSpec spec) => (spec.MaxPerClass - 1) * Math.Log10(spec.Epsilon) > -200;

    private static int GroupInts(ShapeSpec spec) => spec.NClasses + 1 + spec.MaxPrototypes;

    public static void Write(SourceWriter w, ShapeSpec spec)
    {
        WriteEntry(w, spec, withGradient: false);
        w.Line();
        WriteEntry(w, spec, withGradient: true);
        w.Line();
        WriteGroup(w, spec);
        if (spec.MaxPerClass < 2)
        {
            return;
        }

        w.Line();
        if (spec.IsUnrolled)
        {
            WriteUnrolledClass(w, spec, withGradient: false);
            w.Line();
            WriteUnrolledClass(w, spec, withGradient: true);
            w.Line();
            WriteNegExp(w);
        }
        else
        {
            WriteLoopClass(w, spec, withGradient: false);
            w.Line();
            WriteLoopClass(w, spec, withGradient: true);
            w.Line();
            w.Line("/// <summary>Σ_f (a[f] − b[f])² over one row, vectorised for the shape's feature count.</summary>");
            using (w.OpenBlock($"private static double SquaredDistance(ref {spec.ElementType} a, ref {spec.ElementType} b)"))
            {
                SimdWriter.PairDistanceBody(w, spec);
            }

            w.Line();
            w.Line("/// <summary>ga += c·(a − b) and gb −= c·(a − b): one pair's share of the difference-form gradient.</summary>");
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
        w.Line("// Label pass: count per class (validating every label), prefix offsets, then indices scattered class by class.");
        if (rent)
        {
            w.Line("int groupLength = NClasses + 1 + count;");
            w.Line("int[] rentedGroups = ArrayPool<int>.Shared.Rent(groupLength);");
            w.Line($"{Span}<int> groups = new {Span}<int>(rentedGroups, 0, groupLength);");
            w.Line("groups.Slice(0, NClasses + 1).Clear();");
        }
        else
        {
            w.Line($"{Span}<int> groups = stackalloc int[NClasses + 1 + MaxPrototypes];");
        }

        SourceWriter.Block? tryBlock = rent ? w.OpenBlock("try") : null;

        w.Line("Group(protoLabels, groups);");
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
            WriteUnrolledClassLoop(w, spec, withGradient);
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
                w.Line("ArrayPool<int>.Shared.Return(rentedGroups);");
            }
        }
    }

    private static void WriteClassLoopPrologue(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        w.Line($"ref {spec.ElementType} origin = ref MemoryMarshal.GetReference(prototypes);");
        w.Line("ref int ends = ref MemoryMarshal.GetReference(groups);");
        w.Line($"ref int order = ref {Unsafe}.Add(ref ends, NClasses + 1);");
        w.Line("double sigma = sigmaDiv;");
        w.Line("double scale = 1d / (2d * sigma * sigma);");
        if (withGradient)
        {
            w.Line("double gradScale = 2d / (sigma * sigma);");
        }
    }

    private static void WriteUnrolledClassLoop(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        bool product = ProductIsSafe(spec);
        WriteClassLoopPrologue(w, spec, withGradient);
        w.Line(product ? "double det = 1d, logDet = 0d;" : "double logDet = 0d;");
        w.Line("int begin = 0;");
        using (w.OpenBlock("for (int c = 0; c < NClasses; c++)"))
        {
            w.Line($"int end = {Unsafe}.Add(ref ends, c);");
            w.Line("int n = end - begin;");
            string call = withGradient
                ? $"ClassWithGradient(ref origin, ref gradientOrigin, ref {Unsafe}.Add(ref order, begin), n, scale, gradScale)"
                : $"Class(ref origin, ref {Unsafe}.Add(ref order, begin), n, scale)";
            if (withGradient)
            {
                using (w.OpenBlock("if (n == 1)"))
                {
                    w.Line("// A lone prototype has no same-class pair: its gradient row is zero.");
                    w.Line($"MemoryMarshal.CreateSpan(ref {Unsafe}.Add(ref gradientOrigin, (nint){Unsafe}.Add(ref order, begin) * Features), Features).Clear();");
                }
            }

            using (w.OpenBlock((withGradient ? "else " : "") + "if (n >= 2)"))
            {
                if (product)
                {
                    w.Line($"det *= {call};");
                    w.Line("// Fold the running product into a log before it can underflow: one log per 1e-100, not one per class.");
                    using (w.OpenBlock("if (det < 1e-100d)"))
                    {
                        w.Line("logDet += ManagedMath.Log(det);");
                        w.Line("det = 1d;");
                    }
                }
                else
                {
                    w.Line($"logDet += {call};");
                }
            }

            w.Line("begin = end;");
        }

        w.Line(product
            ? $"return ({spec.ElementType})(0d - (logDet + ManagedMath.Log(det)));"
            : $"return ({spec.ElementType})(0d - logDet);");
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

    /// <summary>The straight-line class kernel: distances, kernel entries, LDLᵀ (and for the gradient, the inverse and the rows).</summary>
    private static void WriteUnrolledClass(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        int m = spec.MaxPerClass;
        string t = spec.ElementType;
        bool product = ProductIsSafe(spec);
        var pairs = SimdWriter.Pairs(m).ToList();
        w.Line($"/// <summary>");
        w.Line($"/// One class of 2 to {m} members: {(product ? "det" : "log det")}(K + εI){(withGradient ? ", writing the members' gradient rows" : "")}.");
        w.Line($"/// Straight-line code for a {m}×{m} block; a class with fewer members is padded with identity rows, which leave the determinant unchanged.");
        w.Line($"/// </summary>");
        w.Line(Inline);
        string gradientParameters = withGradient ? $"ref {t} gradientOrigin, " : "";
        string scaleParameters = withGradient ? "double scale, double gradScale" : "double scale";
        using var method = w.OpenBlock($"private static double {(withGradient ? "ClassWithGradient" : "Class")}(ref {t} origin, {gradientParameters}ref int members, int n, {scaleParameters})");

        w.Line($"// Member rows. Absent members (index ≥ n) alias member 0; their kernel entries are zeroed below.");
        WriteRows(w, t, m, "w", "origin");
        w.Line($"double {string.Join(", ", pairs.Select(p => $"d{p.A}{p.B}"))};");
        w.Line($"// Squared distances of all {pairs.Count} same-class pairs, accumulated in {t}.");
        SimdWriter.SquaredDistances(w, spec, m);

        w.Line();
        w.Line($"// Kernel entries k_ab = exp(−d_ab / (2σ²)) in double, four pairs per vector exp; pairs with an absent member are 0.");
        for (int chunk = 0; chunk * 4 < pairs.Count; chunk++)
        {
            var lanes = Enumerable.Range(0, 4).Select(i => chunk * 4 + i < pairs.Count ? $"d{pairs[chunk * 4 + i].A}{pairs[chunk * 4 + i].B}" : "0d");
            w.Line($"Vector256<double> e{chunk} = NegExp(Vector256.Create({string.Join(", ", lanes)}) * scale);");
        }

        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            string element = $"Vector256.GetElement(e{i / 4}, {i % 4})";
            w.Line(b < 2 ? $"double k{a}{b} = {element};" : $"double k{a}{b} = n > {b} ? {element} : 0d;");
        }

        w.Line();
        w.Line($"// B = K + εI = L·D·Lᵀ with unit lower L and pivots p_i, straight-line. e_ij = l_ij·p_j; q_i = 1/p_i.");
        w.Line("double p0 = OnePlusEpsilon, q0 = 1d / OnePlusEpsilon;");
        for (int i = 1; i < m; i++)
        {
            w.Line($"// row {i}");
            for (int j = 0; j < i; j++)
            {
                string sum = string.Concat(Enumerable.Range(0, j).Select(k => $" - e{i}{k} * l{j}{k}"));
                w.Line($"double e{i}{j} = k{j}{i}{sum}, l{i}{j} = e{i}{j} * q{j};");
            }

            string diagonal = i < 2 ? "OnePlusEpsilon" : $"(n > {i} ? OnePlusEpsilon : 1d)";
            string pivot = diagonal + string.Concat(Enumerable.Range(0, i).Select(j => $" - l{i}{j} * e{i}{j}"));
            bool needQ = i < m - 1 || withGradient;
            w.Line($"double p{i} = {pivot}{(needQ ? $", q{i} = 1d / p{i}" : "")};");
        }

        if (withGradient)
        {
            w.Line();
            w.Line("// B⁻¹ = L⁻ᵀ·D⁻¹·L⁻¹. First X = L⁻¹ (unit lower): x_ij = −(l_ij + Σ_{j<k<i} l_ik·x_kj).");
            for (int i = 2; i < m; i++)
            {
                for (int j = 0; j < i - 1; j++)
                {
                    string sum = string.Concat(Enumerable.Range(j + 1, i - j - 1).Select(k => $" + l{i}{k} * {X(k, j)}"));
                    w.Line($"double x{i}{j} = -(l{i}{j}{sum});");
                }
            }

            w.Line("// Then the off-diagonal a_ab = Σ_{k≥b} x_ka·x_kb·q_k, and the gradient coefficients c_ab = (2/σ²)·a_ab·k_ab.");
            foreach (var (a, b) in pairs)
            {
                string first = $"{X(b, a)} * q{b}";
                string rest = string.Concat(Enumerable.Range(b + 1, m - b - 1).Select(k => $" + {X(k, a)} * {X(k, b)} * q{k}"));
                w.Line($"{t} c{a}{b} = ({t})(gradScale * ({first}{rest}) * k{a}{b});");
            }

            w.Line();
            w.Line("// Gradient rows g_k = Σ_j c_kj (w_k − w_j), in the difference form (exact when prototypes coincide).");
            WriteRows(w, t, m, "g", "gradientOrigin");
            SimdWriter.GradientRows(w, spec, m);
        }

        w.Line();
        w.Line(product
            ? $"return {string.Join(" * ", Enumerable.Range(0, m).Select(i => $"p{i}"))};"
            : $"return {string.Join(" + ", Enumerable.Range(0, m).Select(i => $"ManagedMath.Log(p{i})"))};");
    }

    /// <summary>x_ij of X = L⁻¹ as an expression: −l_ij right below the diagonal, a named local further down.</summary>
    private static string X(int i, int j) => i == j + 1 ? $"(-l{i}{j})" : $"x{i}{j}";

    private static void WriteRows(SourceWriter w, string t, int m, string prefix, string origin)
    {
        for (int k = 0; k < m; k++)
        {
            string row = $"{Unsafe}.Add(ref {origin}, (nint){(k == 0 ? "members" : $"{Unsafe}.Add(ref members, {k})")} * Features)";
            w.Line(k < 2
                ? $"ref {t} {prefix}{k} = ref {row};"
                : $"ref {t} {prefix}{k} = ref n > {k} ? ref {row} : ref {prefix}0;");
        }
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
                    w.Line($"{t} c = ({t})(gradScale * inverse[i * n + j] * kernel[i * n + j]);");
                    w.Line($"AddPairGradient(ref {Unsafe}.Add(ref origin, rowI), ref {Unsafe}.Add(ref origin, rowJ), ref {Unsafe}.Add(ref gradientOrigin, rowI), ref {Unsafe}.Add(ref gradientOrigin, rowJ), c);");
                }
            }
        }

        w.Line("return logDet;");
    }

    private static void WriteNegExp(SourceWriter w)
    {
        w.Lines("""
            /// <summary>exp(−x) for four doubles in one vector operation (two on 128-bit hardware, scalar without SIMD).</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static Vector256<double> NegExp(Vector256<double> x)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    return Vector256.Exp(-x);
                }

                if (Vector128.IsHardwareAccelerated)
                {
                    return Vector256.Create(
                        Vector128.Exp(-Vector256.GetLower(x)),
                        Vector128.Exp(-Vector256.GetUpper(x)));
                }

                return Vector256.Create(
                    Math.Exp(-x[0]), Math.Exp(-x[1]),
                    Math.Exp(-x[2]), Math.Exp(-x[3]));
            }
            """);
    }
}
