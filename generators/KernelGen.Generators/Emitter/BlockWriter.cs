using System;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// The straight-line path for classes of at most <see cref="ShapeLimits.MaxUnrolledPerClass"/> members. Classes
/// are taken four at a time, one per lane of a <c>Vector256&lt;double&gt;</c> (as JAX's vmap batches over
/// classes): each class's squared distances go into a small pair-major buffer, then the kernel entries, the LDLᵀ
/// factorisation (and for the gradient, the inverse) run once for all four classes in straight-line vector code.
/// Batching turns four long dependency chains (distance → exp → pivots → product) into one, which is where a
/// small class spends its time.
/// </summary>
internal static class BlockWriter
{
    /// <summary>Classes per block: the lanes of a Vector256&lt;double&gt;.</summary>
    public const int Lanes = 4;

    private const string Unsafe = "Unsafe";
    private const string V = "Vector256";
    private const string VD = "Vector256<double>";

    /// <summary>
    /// Whether the product of a block's determinants (each at least ε^(m−1)) stays far from underflow, so the
    /// product can be folded into one log per call; otherwise every pivot gets its own log.
    /// </summary>
    public static bool ProductIsSafe(ShapeSpec spec) => Lanes * (spec.MaxPerClass - 1) * Math.Log10(spec.Epsilon) > -200;

    /// <summary>The size below which a gradient coefficient is flushed to zero (it would be subnormal in the element type).</summary>
    public static double TinyCoefficient(ShapeSpec spec) =>
        spec.IsDouble ? ShapeLimits.TinyDoubleCoefficient : ShapeLimits.TinyFloatCoefficient;

    internal static int PairCount(ShapeSpec spec) => spec.MaxPerClass * (spec.MaxPerClass - 1) / 2;

    /// <summary>Scratch budget for a group's distances, in doubles (2 KiB of stack).</summary>
    private const int GroupScratch = 256;

    /// <summary>
    /// Blocks per group: as many as fit <see cref="GroupScratch"/>, at most eight and at most the shape has. A group's
    /// distances are all computed before any of its blocks is factorised (and, with the gradient, every block's
    /// coefficients before any gradient row), so the blocks' exp → pivots → product chains are independent
    /// instructions the core overlaps, instead of each waiting behind the next block's distance or row code.
    /// </summary>
    internal static int GroupBlocks(ShapeSpec spec) =>
        Math.Max(1, Math.Min(Math.Min(8, (spec.NClasses + Lanes - 1) / Lanes), GroupScratch / (PairCount(spec) * Lanes)));

    /// <summary>The loop over blocks of four classes, inside the entry method after the label pass.</summary>
    public static void WriteBlockLoop(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        string t = spec.ElementType;
        bool product = ProductIsSafe(spec);
        int perBlock = PairCount(spec) * Lanes;
        int groupBlocks = GroupBlocks(spec);
        w.Line($"// Pair-major scratch, {perBlock} entries per block: entry 4·p + lane of a block's slice is pair p of the class in that lane.");
        w.Line($"Span<double> distances = stackalloc double[{groupBlocks * perBlock}];");
        if (withGradient)
        {
            w.Line($"Span<double> coefficients = stackalloc double[{groupBlocks * perBlock}];");
        }

        w.Line(product ? "double det = 1d, logDet = 0d;" : "double logDet = 0d;");
        if (spec.NClasses <= Lanes)
        {
            // One block: nothing to overlap, so one pass with the lanes read once.
            using (w.OpenBlock(""))
            {
                w.Line("int begin = 0, block = 0, slot = 0;");
                WriteLanes(w, "begin", clearLoneGradient: withGradient);
                WriteDistances(w, spec);
                WriteFactorisation(w, spec, withGradient, product);
                if (withGradient)
                {
                    WriteGradientRows(w);
                }
            }
        }
        else
        {
            int groupClasses = groupBlocks * Lanes;
            string blocks = $"for (int block = group, slot = 0; block < groupEnd; block += {Lanes}, slot += {perBlock})";
            w.Line(withGradient ? "int begin = 0, next = 0, rows = 0;" : "int begin = 0, next = 0;");
            using (w.OpenBlock($"for (int group = 0; group < NClasses; group += {groupClasses})"))
            {
                w.Line($"int groupEnd = Math.Min(group + {groupClasses}, NClasses);");
                w.Line("// Distances of every block in the group first, each into its own slice.");
                using (w.OpenBlock(blocks))
                {
                    WriteLanes(w, "begin", clearLoneGradient: false);
                    WriteDistances(w, spec);
                }

                w.Line("// Then the blocks' factorisations: independent of each other, so they overlap.");
                using (w.OpenBlock(blocks))
                {
                    WriteLanes(w, "next", clearLoneGradient: false);
                    WriteFactorisation(w, spec, withGradient, product);
                }

                if (withGradient)
                {
                    w.Line("// Last the gradient rows, class by class, from each block's coefficients.");
                    using (w.OpenBlock(blocks))
                    {
                        WriteLanes(w, "rows", clearLoneGradient: true);
                        WriteGradientRows(w);
                    }
                }
            }
        }

        w.Line(product
            ? $"return ({t})(0d - (logDet + ManagedMath.Log(det)));"
            : $"return ({t})(0d - logDet);");
    }

    /// <summary>The block's squared distances into its slice of the scratch, at <c>slot</c>.</summary>
    private static void WriteDistances(SourceWriter w, ShapeSpec spec)
    {
        if (BlockDistancesWriter.Applies(spec))
        {
            BlockDistancesWriter.WriteCall(w);
            return;
        }

        for (int lane = 0; lane < Lanes; lane++)
        {
            w.Line($"if (n{lane} != 0) ClassDistances(ref origin, ref {Unsafe}.Add(ref order, start{lane}), n{lane}, ref {Unsafe}.Add(ref MemoryMarshal.GetReference(distances), slot + {lane}));");
        }
    }

    /// <summary>The block's determinants (and coefficients) from its slice, folded into the running product or sum.</summary>
    private static void WriteFactorisation(SourceWriter w, ShapeSpec spec, bool withGradient, bool product)
    {
        int perBlock = PairCount(spec) * Lanes;
        w.Line($"{VD} sizes = {V}.Create((double)n0, n1, n2, n3);");
        string slice = $"distances.Slice(slot, {perBlock})";
        string call = withGradient
            ? $"BlockWithCoefficients({slice}, sizes, scale, gradScale, coefficients.Slice(slot, {perBlock}))"
            : $"Block({slice}, sizes, scale)";
        if (!product)
        {
            w.Line($"logDet += {call};");
            return;
        }

        w.Line($"det *= {call};");
        w.Line("// Fold the running product into a log before it can underflow: one log per 1e-100, not one per class.");
        using (w.OpenBlock("if (det < 1e-100d)"))
        {
            w.Line("logDet += ManagedMath.Log(det);");
            w.Line("det = 1d;");
        }
    }

    /// <summary>The gradient rows of the block's classes from the coefficients at <c>slot</c>.</summary>
    private static void WriteGradientRows(SourceWriter w)
    {
        for (int lane = 0; lane < Lanes; lane++)
        {
            w.Line($"if (n{lane} != 0) ClassGradient(ref origin, ref gradientOrigin, ref {Unsafe}.Add(ref order, start{lane}), n{lane}, ref {Unsafe}.Add(ref MemoryMarshal.GetReference(coefficients), slot + {lane}));");
        }
    }

    /// <summary>
    /// Declares n0…n3 and start0…start3 for the block's four classes, advancing the cursor <paramref name="cursor"/>
    /// through the class ends. A class with fewer than two members gets n = 0: an identity block, no distances.
    /// </summary>
    private static void WriteLanes(SourceWriter w, string cursor, bool clearLoneGradient)
    {
        w.Line("// Up to four classes, one per lane. A class with fewer than two members takes no part (n = 0: an identity block).");
        for (int lane = 0; lane < Lanes; lane++)
        {
            w.Line($"int n{lane} = 0, start{lane} = {cursor};");
            using (w.OpenBlock(lane == 0 ? "" : $"if (block + {lane} < NClasses)"))
            {
                w.Line($"int end = {Unsafe}.Add(ref ends, block + {lane});");
                w.Line($"n{lane} = end - {cursor};");
                w.Line($"{cursor} = end;");
                if (clearLoneGradient)
                {
                    using (w.OpenBlock($"if (n{lane} == 1)"))
                    {
                        w.Line("// A lone prototype has no same-class pair: its gradient row is zero.");
                        w.Line($"MemoryMarshal.CreateSpan(ref {Unsafe}.Add(ref gradientOrigin, (nint){Unsafe}.Add(ref order, start{lane}) * Features), Features).Clear();");
                    }
                }

                w.Line($"if (n{lane} < 2) n{lane} = 0;");
            }
        }
    }

    /// <summary>The helpers the block loop calls.</summary>
    public static void WriteHelpers(SourceWriter w, ShapeSpec spec)
    {
        if (BlockDistancesWriter.Applies(spec))
        {
            BlockDistancesWriter.WriteHelpers(w, spec);
        }
        else
        {
            WriteClassDistances(w, spec);
        }

        w.Line();
        WriteBlock(w, spec, withGradient: false);
        w.Line();
        WriteBlock(w, spec, withGradient: true);
        w.Line();
        WriteClassGradient(w, spec);
        w.Line();
        WriteNegExp(w);
    }

    private static void WriteClassDistances(SourceWriter w, ShapeSpec spec)
    {
        int m = spec.MaxPerClass;
        string t = spec.ElementType;
        var pairs = SimdWriter.Pairs(m).ToList();
        w.Line("/// <summary>");
        w.Line($"/// The squared distances of one class's {pairs.Count} pairs (2 to {m} members), written to <paramref name=\"output\"/> at stride 4.");
        w.Line("/// Absent members (index ≥ n) alias member 0; their entries are masked out by the block.");
        w.Line("/// </summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static void ClassDistances(ref {t} origin, ref int members, int n, ref double output)");
        WriteRows(w, t, m, "w", "origin");
        w.Line($"double {string.Join(", ", pairs.Select(p => $"d{p.A}{p.B}"))};");
        w.Line($"// Squared distances, accumulated in {t}.");
        SimdWriter.SquaredDistances(w, spec, m);
        for (int i = 0; i < pairs.Count; i++)
        {
            w.Line($"{Unsafe}.Add(ref output, {i * Lanes}) = d{pairs[i].A}{pairs[i].B};");
        }
    }

    private static void WriteBlock(SourceWriter w, ShapeSpec spec, bool withGradient)
    {
        int m = spec.MaxPerClass;
        bool product = ProductIsSafe(spec);
        var pairs = SimdWriter.Pairs(m).ToList();
        w.Line("/// <summary>");
        w.Line($"/// Four classes at once, one per lane: kernel entries, then B = K + εI = L·D·Lᵀ for each {m}×{m} block in");
        w.Line($"/// straight-line vector code{(withGradient ? ", then B⁻¹ and the gradient coefficients" : "")}. A lane with n members is padded with identity rows.");
        w.Line($"/// Returns {(product ? "the product of the four determinants" : "the sum of the four log-determinants")}.");
        w.Line("/// </summary>");
        string extra = withGradient ? ", double gradScale, Span<double> coefficients" : "";
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static double {(withGradient ? "BlockWithCoefficients" : "Block")}(Span<double> distances, {VD} n, double scale{extra})");
        w.Line("ref double d = ref MemoryMarshal.GetReference(distances);");
        w.Line($"{VD} s = {V}.Create(scale);");
        w.Line($"// Kernel entries k_ab = exp(−d_ab / (2σ²)) in double; zero in lanes where member b is absent.");
        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            w.Line($"{VD} k{a}{b} = NegExp({V}.LoadUnsafe(ref d, {i * Lanes}) * s) & {V}.GreaterThan(n, {V}.Create({b}d));");
        }

        w.Line();
        w.Line("// Diagonal: 1 + ε for present members, 1 for padding. Members 0 and 1 are present in every lane that counts");
        w.Line("// (lanes with n = 0 are replaced by 1 at the end), so their pivots are constants and need no division.");
        w.Line($"{VD} one = {V}.Create(1d), jittered = {V}.Create(OnePlusEpsilon);");
        for (int k = 2; k < m; k++)
        {
            w.Line($"{VD} b{k} = {V}.ConditionalSelect({V}.GreaterThan(n, {V}.Create({k}d)), jittered, one);");
        }

        w.Line();
        w.Line("// LDLᵀ with unit lower L, pivots p_i, q_i = 1/p_i, e_ij = l_ij·p_j; straight-line, four classes per operation.");
        w.Line($"{VD} p0 = jittered, q0 = {V}.Create(1d / OnePlusEpsilon);");
        for (int i = 1; i < m; i++)
        {
            w.Line($"// row {i}");
            for (int j = 0; j < i; j++)
            {
                string sum = string.Concat(Enumerable.Range(0, j).Select(k => $" - e{i}{k} * l{j}{k}"));
                bool skipL = !withGradient && i == m - 1 && i >= 2 && j == m - 2;
                w.Line(skipL ? $"{VD} e{i}{j} = k{j}{i}{sum};" : $"{VD} e{i}{j} = k{j}{i}{sum}, l{i}{j} = e{i}{j} * q{j};");
            }

            string diagonal = i < 2 ? "jittered" : $"b{i}";
            if (i == m - 1 && i >= 2)
            {
                // The determinant takes p_{m-2}·p_{m-1} = p_{m-2}·(b − Σ_{j<m-2} l·e) − e², which keeps the division for
                // q_{m-2} off its critical path (the same subtraction, scaled by p_{m-2}). Both overloads use it, so the
                // loss is the same to the last bit with or without the gradient.
                int k = m - 2;
                string partial = diagonal + string.Concat(Enumerable.Range(0, k).Select(j => $" - l{i}{j} * e{i}{j}"));
                w.Line($"{VD} last2 = p{k} * ({partial}) - e{i}{k} * e{i}{k};");
                if (!withGradient)
                {
                    continue;
                }
            }

            string pivot = diagonal + string.Concat(Enumerable.Range(0, i).Select(j => $" - l{i}{j} * e{i}{j}"));
            bool needQ = i < m - 1 || withGradient;
            w.Line($"{VD} p{i} = {pivot}{(needQ ? $", q{i} = one / p{i}" : "")};");
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
                    w.Line($"{VD} x{i}{j} = -(l{i}{j}{sum});");
                }
            }

            w.Line("// Then a_ab = Σ_{k≥b} x_ka·x_kb·q_k off the diagonal, and the coefficients c_ab = (2/σ²)·a_ab·k_ab.");
            w.Line($"// Coefficients below {Literals.Double(TinyCoefficient(spec))} are flushed to zero: they change no gradient entry by more than");
            w.Line($"// that, and as {spec.ElementType} they would be subnormal, which costs a microcode assist per multiply on x64.");
            w.Line($"{VD} g = {V}.Create(gradScale), tiny = {V}.Create({Literals.Double(TinyCoefficient(spec))});");
            w.Line("ref double c = ref MemoryMarshal.GetReference(coefficients);");
            for (int i = 0; i < pairs.Count; i++)
            {
                var (a, b) = pairs[i];
                string rest = string.Concat(Enumerable.Range(b + 1, m - b - 1).Select(k => $" + {X(k, a)} * {X(k, b)} * q{k}"));
                w.Line($"{VD} c{a}{b} = g * ({X(b, a)} * q{b}{rest}) * k{a}{b};");
                w.Line($"{V}.StoreUnsafe(c{a}{b} & {V}.GreaterThanOrEqual({V}.Abs(c{a}{b}), tiny), ref c, {i * Lanes});");
            }
        }

        w.Line();
        string[] factors = m >= 3
            ? Enumerable.Range(0, m - 2).Select(i => $"p{i}").Append("last2").ToArray()
            : Enumerable.Range(0, m).Select(i => $"p{i}").ToArray();
        string all = string.Join(" * ", factors);
        if (product)
        {
            w.Line($"{VD} det = {V}.ConditionalSelect({V}.GreaterThan(n, one), {all}, one);");
            w.Line("return det[0] * det[1] * det[2] * det[3];");
        }
        else
        {
            w.Line("// ε is so small that a determinant could underflow: one log per pivot and lane (lanes with n = 0 take no part).");
            w.Line("double sum = 0d;");
            using (w.OpenBlock("for (int lane = 0; lane < 4; lane++)"))
            {
                w.Line($"if (n[lane] > 1) sum += {string.Join(" + ", factors.Select(f => $"ManagedMath.Log({f}[lane])"))};");
            }

            w.Line("return sum;");
        }
    }

    private static void WriteClassGradient(SourceWriter w, ShapeSpec spec)
    {
        int m = spec.MaxPerClass;
        string t = spec.ElementType;
        var pairs = SimdWriter.Pairs(m).ToList();
        w.Line("/// <summary>");
        w.Line("/// Gradient rows g_k = Σ_j c_kj (w_k − w_j) of one class, in the difference form (exact when prototypes coincide),");
        w.Line("/// from coefficients at stride 4.");
        w.Line("/// </summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static void ClassGradient(ref {t} origin, ref {t} gradientOrigin, ref int members, int n, ref double coefficients)");
        for (int i = 0; i < pairs.Count; i++)
        {
            w.Line($"{t} c{pairs[i].A}{pairs[i].B} = ({t}){Unsafe}.Add(ref coefficients, {i * Lanes});");
        }

        WriteRows(w, t, m, "w", "origin");
        WriteRows(w, t, m, "g", "gradientOrigin");
        SimdWriter.GradientRows(w, spec, m);
    }

    /// <summary>x_ij of X = L⁻¹ as an expression: −l_ij just below the diagonal, a named local further down.</summary>
    private static string X(int i, int j) => i == j + 1 ? $"(-l{i}{j})" : $"x{i}{j}";

    /// <summary>
    /// Declares <c>ref T {prefix}k</c> for the rows of members k &lt; <paramref name="m"/>, whose indices start at
    /// <paramref name="members"/> (a <c>ref int</c>); members at or past <paramref name="n"/> alias member 0.
    /// </summary>
    internal static void WriteRows(SourceWriter w, string t, int m, string prefix, string origin, string members = "members", string n = "n")
    {
        w.Line($"// Rows of the members{(prefix == "g" ? "' gradients" : "")}; absent members (index ≥ {n}) alias member 0.");
        for (int k = 0; k < m; k++)
        {
            string row = $"{Unsafe}.Add(ref {origin}, (nint){(k == 0 ? members : $"{Unsafe}.Add(ref {members}, {k})")} * Features)";
            w.Line(k < 2
                ? $"ref {t} {prefix}{k} = ref {row};"
                : $"ref {t} {prefix}{k} = ref {n} > {k} ? ref {row} : ref {prefix}0;");
        }
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
                    return Vector256.Create(Vector128.Exp(-Vector256.GetLower(x)), Vector128.Exp(-Vector256.GetUpper(x)));
                }

                return Vector256.Create(Math.Exp(-x[0]), Math.Exp(-x[1]), Math.Exp(-x[2]), Math.Exp(-x[3]));
            }
            """);
    }
}
