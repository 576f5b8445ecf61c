using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>Factorise{m}</c> and <c>FactoriseWithCoefficients{m}</c> for m = 2 …
/// <see cref="ShapeLimits.MaxUnrolledPerClass"/>: for the four classes of a block at once, one per lane of a
/// <c>Vector256&lt;double&gt;</c>, the kernel entries, the L·D·Lᵀ factorisation of each class's Gram matrix B = K + εI
/// in straight-line code and, for the gradient, B⁻¹ and the gradient coefficients. A class with n members is padded
/// with identity rows, which leave its determinant unchanged. Batching turns four long dependency chains (exp → pivots
/// → product) into one. Where <see cref="UnrolledPlan.LoneInScalars"/>, the same text
/// is also rendered on one lane in scalars (<c>LoneFactorise{m}</c>), for a class kernel's lone class.
/// </summary>
/// <remarks>
/// This code depends only on m, not on the shape, and its text grows as m³ (an 8×8 block with its inverse is tens of
/// kilobytes), so it is not emitted per shape: it is rendered once into the runtime library
/// by <see cref="RuntimeFileWriter"/>. Generated kernels call it through <see cref="Call"/>.
/// </remarks>
internal static class FactorisationWriter
{
    private const string V = "Vector256";

    /// <summary>
    /// What the text of a factorisation says per lane: four classes in the lanes of a <c>Vector256&lt;double&gt;</c>, or
    /// one class alone in scalars (<see cref="UnrolledPlan.LoneInScalars"/>). Both spell the same operations in the
    /// same order on each class, so a lone class gets the bits its lane gets in a block.
    /// </summary>
    private sealed class LaneText(bool scalar)
    {
        public bool Scalar { get; } = scalar;

        /// <summary>The type of a per-lane value.</summary>
        public string Type => Scalar ? "double" : "Vector256<double>";

        /// <summary>The type of the member counts.</summary>
        public string CountType => Scalar ? "int" : "Vector256<double>";

        /// <summary>1 in every lane: a local of the block's methods, a literal in scalars (an unused constant local would warn).</summary>
        public string One => Scalar ? "1d" : "one";

        /// <summary>A value the same in every lane.</summary>
        public string Splat(string value) => Scalar ? value : $"{V}.Create({value})";

        /// <summary><paramref name="value"/> where member <paramref name="member"/> is present, else +0.</summary>
        public string Present(string value, int member) => Scalar ? $"(n > {member} ? {value} : 0d)" : $"{value} & {V}.GreaterThan(n, {V}.Create({member}d))";

        /// <summary><paramref name="ifPresent"/> where member <paramref name="member"/> is present, else <paramref name="otherwise"/>.</summary>
        public string Select(int member, string ifPresent, string otherwise) =>
            Scalar ? $"n > {member} ? {ifPresent} : {otherwise}" : $"{V}.ConditionalSelect({V}.GreaterThan(n, {V}.Create({member}d)), {ifPresent}, {otherwise})";
    }

    private static readonly LaneText s_block = new(scalar: false);
    private static readonly LaneText s_lone = new(scalar: true);

    /// <summary>
    /// The call a generated block makes: the product of its four determinants, or the sum of their logs where ε is so
    /// small or so large that a product could underflow or overflow. With <see cref="KernelPlan.GroupExpPass"/> the
    /// block's slice already holds its kernel entries.
    /// </summary>
    public static string Call(KernelPlan plan, UnrolledPlan unrolled, bool withGradient, string distances, string coefficients)
    {
        bool fromEntries = plan.GroupExpPass;
        string name = Name(unrolled.Members, withGradient, plan.Folding == DeterminantFolding.LogPerPivot, fromEntries);
        string scale = fromEntries ? "" : "scale, ";
        return withGradient
            ? $"UnrolledFactorisation.{name}(ref {distances}, quad.Sizes, {scale}OnePlusEpsilon, gradScale, {Literals.Double(plan.TinyCoefficient)}, ref {coefficients})"
            : $"UnrolledFactorisation.{name}(ref {distances}, quad.Sizes, {scale}OnePlusEpsilon)";
    }

    /// <summary>"Factorise3", "FactoriseWithCoefficients3", "Factorise3Log", "Factorise3FromEntries", …</summary>
    private static string Name(int m, bool withGradient, bool logPerPivot, bool fromEntries) =>
        $"{(withGradient ? "FactoriseWithCoefficients" : "Factorise")}{m}{(logPerPivot ? "Log" : "")}{(fromEntries ? "FromEntries" : "")}";

    /// <summary>"LoneFactorise3": one method per m, the fold and the gradient its arguments.</summary>
    private static string LoneName(int m) => $"LoneFactorise{m}";

    /// <summary>
    /// The call a class kernel's lone class makes (<see cref="LoneClassWriter"/>), on its kernel entries:
    /// <paramref name="entries"/>, a vector where <see cref="UnrolledPlan.LoneEntriesInRegister"/>, else <c>ref d</c>.
    /// </summary>
    public static string LoneCall(UnrolledPlan plan, string entries) =>
        $"UnrolledFactorisation.{LoneName(plan.Members)}({(plan.LoneEntriesInRegister ? entries : "ref d")}, n, onePlusEpsilon, logPerPivot, withGradient, gradScale, tiny, {LoneCoefficients(plan.Members, "out double ")})";

    /// <summary>A lone class's flushed coefficient c_ab, as its factorisation hands it to the row code.</summary>
    public static string LoneCoefficient(int a, int b) => $"coefficient{a}{b}";

    /// <summary>A lone class's coefficients in pair order, comma-separated, each after <paramref name="prefix"/>.</summary>
    public static string LoneCoefficients(int m, string prefix) =>
        string.Join(", ", Pairs.Of(m).Select(p => prefix + LoneCoefficient(p.A, p.B)));

    /// <summary>
    /// The methods for one class size: with and without coefficients, product or logs; where
    /// <see cref="UnrolledPlan.FromEntries"/>, also from kernel entries a group's exp pass has computed.
    /// </summary>
    /// <remarks>
    /// The log-per-pivot variants are separate methods rather than a flag: their inlined logs in the same body would make
    /// the common product path's machine code larger and slower.
    /// </remarks>
    public static void Write(SourceWriter w, UnrolledPlan plan)
    {
        bool[] sources = plan.FromEntries ? [false, true] : [false];
        bool first = true;
        foreach (bool fromEntries in sources)
        {
            foreach (bool logPerPivot in new[] { false, true })
            {
                foreach (bool withGradient in new[] { false, true })
                {
                    if (!first) w.Line();
                    first = false;
                    WriteMethod(w, plan, withGradient, logPerPivot, fromEntries);
                }
            }
        }

        if (plan.LoneInScalars)
        {
            // The fold and the gradient are arguments here, not variants: inlined into LoneClass{m}, one copy serves all.
            w.Line();
            WriteLoneMethod(w, plan);
        }
    }

    /// <summary>One class alone in scalars, from its kernel entries in pair order: the block's text on one lane.</summary>
    private static void WriteLoneMethod(SourceWriter w, UnrolledPlan plan)
    {
        int m = plan.Members;
        w.Line("/// <summary>");
        w.Line($"/// One class's {m}×{m} Gram matrix alone, in scalars: B = K + εI = L·D·Lᵀ and, with the gradient, B⁻¹ and the");
        w.Line("/// gradient coefficients, with the operations and order of one lane of the block methods, so the same bits.");
        w.Line("/// </summary>");
        bool inRegister = plan.LoneEntriesInRegister;
        w.Line(inRegister
            ? "/// <param name=\"entries\">The class's kernel entries exp(−d_ab/(2σ²)) in pair order, in the lanes of one vector.</param>"
            : "/// <param name=\"d\">The class's kernel entries exp(−d_ab/(2σ²)) in pair order.</param>");
        w.Line($"/// <param name=\"n\">The class's member count, {(m == 2 ? "2" : $"2 … {m}")}.</param>");
        w.Line("/// <param name=\"onePlusEpsilon\">The diagonal, 1 + ε.</param>");
        w.Line("/// <param name=\"logPerPivot\">Whether to return the log-determinant, one log per pivot, rather than the determinant.</param>");
        w.Line("/// <param name=\"withGradient\">Whether to write the coefficients.</param>");
        w.Line("/// <param name=\"gradScale\">2/σ² (unused without the gradient).</param>");
        w.Line("/// <param name=\"tiny\">Coefficients below this are flushed to zero (they would be subnormal in the element type).</param>");
        foreach (var (a, b) in Pairs.Of(m))
        {
            w.Line($"/// <param name=\"{LoneCoefficient(a, b)}\">Receives c_{a}{b}, as a block's lane has it (0 without the gradient).</param>");
        }

        w.Line("/// <returns>The determinant, or with <paramref name=\"logPerPivot\"/> its log.</returns>");
        // Called from LoneClass{m} alone, the short chain it heads: compiled into it, its entries and coefficients
        // then pass without a call between.
        w.Line(Literals.InlinedOptimized);
        string source = inRegister ? "Vector256<double> entries" : "ref double d";
        using var method = w.OpenBlock($"public static double {LoneName(m)}({source}, {s_lone.CountType} n, double onePlusEpsilon, bool logPerPivot, bool withGradient, double gradScale, double tiny, {LoneCoefficients(m, "out double ")})");
        w.Line("// Kernel entries k_ab; zero where member b is absent.");
        foreach (var ((a, b), i) in Pairs.Of(m).Select((p, i) => (p, i)))
        {
            w.Line($"double k{a}{b} = {s_lone.Present(inRegister ? $"entries[{i}]" : $"Unsafe.Add(ref d, {i})", b)};");
        }

        WriteDiagonal(w, m, s_lone);
        WriteLdlt(w, plan, s_lone);
        w.Line($"{string.Join(" = ", Pairs.Of(m).Select(p => LoneCoefficient(p.A, p.B)))} = 0d;");
        using (w.OpenBlock("if (withGradient)"))
        {
            WriteLastPivot(w, plan, s_lone);
            WriteCoefficients(w, m, s_lone);
        }

        WriteLoneDeterminant(w, plan);
    }

    private static void WriteMethod(SourceWriter w, UnrolledPlan plan, bool withGradient, bool logPerPivot, bool fromEntries)
    {
        int m = plan.Members;
        w.Line("/// <summary>");
        w.Line($"/// Four classes' {m}×{m} Gram matrices, one per lane: B = K + εI = L·D·Lᵀ{(withGradient ? ", then B⁻¹ and the gradient coefficients (pair-major, flushed below tiny, NaN kept)" : "")}.");
        w.Line("/// </summary>");
        w.Line(fromEntries
            ? "/// <param name=\"d\">The block's kernel entries exp(−d_ab/(2σ²)), pair-major: entry 4·p + lane.</param>"
            : "/// <param name=\"d\">The block's squared distances, pair-major: entry 4·p + lane.</param>");
        w.Line("/// <param name=\"n\">Each lane's member count (0 for a lane that takes no part).</param>");
        if (!fromEntries)
        {
            w.Line("/// <param name=\"scale\">1/(2σ²).</param>");
        }

        w.Line("/// <param name=\"onePlusEpsilon\">The diagonal, 1 + ε.</param>");
        if (withGradient)
        {
            w.Line("/// <param name=\"gradScale\">2/σ².</param>");
            w.Line("/// <param name=\"tiny\">Coefficients below this are flushed to zero (they would be subnormal in the element type).</param>");
            w.Line("/// <param name=\"c\">Receives the coefficients, pair-major like <paramref name=\"d\"/>.</param>");
        }

        w.Line(logPerPivot
            ? "/// <returns>The sum of the four log-determinants, one log per pivot (for an ε so small or so large that a product could underflow or overflow).</returns>"
            : "/// <returns>The product of the four determinants.</returns>");
        string extra = withGradient ? ", double gradScale, double tiny, ref double c" : "";
        w.Line(Literals.Optimized);
        string scale = fromEntries ? "" : "double scale, ";
        using var method = w.OpenBlock($"public static double {Name(m, withGradient, logPerPivot, fromEntries)}(ref double d, {s_block.CountType} n, {scale}double onePlusEpsilon{extra})");
        WriteKernelEntries(w, plan, fromEntries);
        WriteDiagonal(w, m, s_block);
        WriteLdlt(w, plan, s_block);
        if (withGradient)
        {
            WriteLastPivot(w, plan, s_block);
            WriteCoefficients(w, m, s_block);
        }

        WriteDeterminant(w, plan, logPerPivot);
    }

    /// <remarks>
    /// With <see cref="UnrolledPlan.ExpsInLoop"/> the exps run in a loop over the pairs: one inlined exp instead of
    /// m(m − 1)/2, each of which the JIT would compile on the first call. Smaller classes keep them in straight-line
    /// code, which keeps their short chain short, unless a group's pass has computed them already.
    /// </remarks>
    private static void WriteKernelEntries(SourceWriter w, UnrolledPlan plan, bool fromEntries)
    {
        int m = plan.Members;
        const string Comment = "// Kernel entries k_ab = exp(−d_ab / (2σ²)) in double; zero in lanes where member b is absent.";
        var pairs = Pairs.Of(m).Select((p, i) => (p.A, p.B, Offset: i * KernelPlan.Lanes)).ToList();
        if (!fromEntries && !plan.ExpsInLoop)
        {
            w.Line($"{s_block.Type} s = {V}.Create(scale);");
            w.Line(Comment);
            foreach (var (a, b, offset) in pairs)
            {
                w.Line($"{s_block.Type} k{a}{b} = {s_block.Present($"SimdMath.NegExp({V}.LoadUnsafe(ref d, {offset}) * s)", b)};");
            }

            return;
        }

        if (fromEntries)
        {
            w.Line("// Kernel entries k_ab, computed by the group's exp pass; zero in lanes where member b is absent.");
        }
        else
        {
            // The exps are independent, so the loop's iterations overlap as straight-line exps do for smaller classes, two
            // pairs at a time where 512-bit vectors are accelerated. They overwrite the distances, which nothing reads
            // afterwards.
            w.Line(Comment);
            w.Line($"SimdMath.NegExpInPlace(ref d, {pairs.Count * KernelPlan.Lanes}, scale);");
        }

        foreach (var (a, b, offset) in pairs)
        {
            w.Line($"{s_block.Type} k{a}{b} = {s_block.Present($"{V}.LoadUnsafe(ref d, {offset})", b)};");
        }
    }

    private static void WriteDiagonal(SourceWriter w, int m, LaneText lanes)
    {
        // Members 0 and 1 are present in every lane that counts (lanes with n = 0 are replaced by 1 at the end), so
        // their pivots are constants and need no division.
        w.Line("// Diagonal: 1 + ε for present members, 1 for padding.");
        w.Line(lanes.Scalar ? "double jittered = onePlusEpsilon;" : $"{lanes.Type} one = {lanes.Splat("1d")}, jittered = {lanes.Splat("onePlusEpsilon")};");
        for (int k = 2; k < m; k++)
        {
            w.Line($"{lanes.Type} b{k} = {lanes.Select(k, "jittered", lanes.One)};");
        }
    }

    /// <summary>
    /// L·D·Lᵀ as far as the determinant needs it: every pivot but the last, which enters it through <c>last2</c> where
    /// <see cref="UnrolledPlan.FusesLastTwoPivots"/> (<see cref="WriteLastPivot"/> completes it for the gradient).
    /// </summary>
    private static void WriteLdlt(SourceWriter w, UnrolledPlan plan, LaneText lanes)
    {
        int m = plan.Members;
        string type = lanes.Type;
        w.Line("// LDLᵀ with unit lower L, pivots p_i, q_i = 1/p_i, e_ij = l_ij·p_j.");
        w.Line($"{type} p0 = jittered, q0 = {lanes.Splat("1d / onePlusEpsilon")};");
        for (int i = 1; i < m; i++)
        {
            for (int j = 0; j < i; j++)
            {
                string e = LessProducts($"k{j}{i}", Enumerable.Range(0, j).Select(k => ($"e{i}{k}", $"l{j}{k}")));
                bool last = plan.FusesLastTwoPivots && i == m - 1 && j == m - 2;
                w.Line(last ? $"{type} e{i}{j} = {e};" : $"{type} e{i}{j} = {e}, l{i}{j} = e{i}{j} * q{j};");
            }

            if (plan.FusesLastTwoPivots && i == m - 1)
            {
                // The determinant takes p_{m-2}·p_{m-1} = p_{m-2}·(b − Σ_{j<m-2} l·e) − e², which keeps the division for
                // q_{m-2} off its critical path (the same subtraction, scaled by p_{m-2}). The gradient's methods use it
                // too, so the loss is the same to the last bit with or without the gradient.
                int k = m - 2;
                w.Line($"{type} last2 = FusedMath.MultiplyAdd(p{k}, {Reduced(i, k)}, -(e{i}{k} * e{i}{k}));");
                continue;
            }

            w.Line(i < m - 1 ? $"{type} {Pivot(i)}, q{i} = {lanes.One} / p{i};" : $"{type} {Pivot(i)};");
        }
    }

    /// <summary>What the inverse needs beyond <see cref="WriteLdlt"/>: the last pivot and its reciprocal.</summary>
    private static void WriteLastPivot(SourceWriter w, UnrolledPlan plan, LaneText lanes)
    {
        string type = lanes.Type;
        int i = plan.Members - 1;
        if (plan.FusesLastTwoPivots)
        {
            w.Line($"{type} l{i}{i - 1} = e{i}{i - 1} * q{i - 1};");
            w.Line($"{type} {Pivot(i)};");
        }

        w.Line($"{type} q{i} = {lanes.One} / p{i};");
    }

    /// <summary>"b_i − l_i0·e_i0 − …": the diagonal entry less the first <paramref name="terms"/> products l_ij·e_ij.</summary>
    private static string Reduced(int i, int terms) =>
        LessProducts(i < 2 ? "jittered" : $"b{i}", Enumerable.Range(0, terms).Select(j => ($"l{i}{j}", $"e{i}{j}")));

    /// <summary>
    /// "c − a₀·b₀ − a₁·b₁ − …", left to right, each step one <c>FusedMath</c> multiply-add: one rounding and one link of
    /// the chain where the hardware fuses them (the factorisation's chain is most of a small class's time).
    /// </summary>
    private static string LessProducts(string start, IEnumerable<(string A, string B)> products) =>
        products.Aggregate(start, (sum, p) => $"FusedMath.MultiplyAddNegated({p.A}, {p.B}, {sum})");

    /// <summary>"c + a₀·b₀ + a₁·b₁ + …", left to right, as <see cref="LessProducts"/>.</summary>
    private static string PlusProducts(string start, IEnumerable<(string A, string B)> products) =>
        products.Aggregate(start, (sum, p) => $"FusedMath.MultiplyAdd({p.A}, {p.B}, {sum})");

    /// <summary>"p_i = b_i − l_i0·e_i0 − … − l_i(i−1)·e_i(i−1)".</summary>
    private static string Pivot(int i) => $"p{i} = {Reduced(i, i)}";

    private static void WriteCoefficients(SourceWriter w, int m, LaneText lanes)
    {
        string type = lanes.Type;
        w.Line("// B⁻¹ = L⁻ᵀ·D⁻¹·L⁻¹. First X = L⁻¹ (unit lower): x_ij = −(l_ij + Σ_{j<k<i} l_ik·x_kj).");
        for (int i = 2; i < m; i++)
        {
            for (int j = 0; j < i - 1; j++)
            {
                string sum = PlusProducts($"l{i}{j}", Enumerable.Range(j + 1, i - j - 1).Select(k => ($"l{i}{k}", X(k, j))));
                w.Line($"{type} x{i}{j} = -({sum});");
            }
        }

        w.Line("// Then a_ab = Σ_{k≥b} x_ka·x_kb·q_k off the diagonal, and the coefficients c_ab = (2/σ²)·a_ab·k_ab, as");
        w.Line("// Σ_k (x_ka·x_kb·(2/σ²)·k_ab)·q_k: the factors before q_k are ready while its division runs, and q_k, later for");
        w.Line("// larger k, enters last. Those below tiny are flushed to zero (in the element type they would be subnormal: a");
        w.Line("// microcode assist per multiply on x64); NaN is kept, so a class with a non-finite coordinate gets NaN rows.");
        w.Line($"{type} g = {lanes.Splat("gradScale")}, small = {lanes.Splat("tiny")};");
        foreach (var ((a, b), i) in Pairs.Of(m).Select((p, i) => (p, i)))
        {
            w.Line($"{type} g{a}{b} = g * k{a}{b};");
            string sum = PlusProducts($"{X(b, a)} * g{a}{b} * q{b}", Enumerable.Range(b + 1, m - b - 1).Select(k => ($"{X(k, a)} * {X(k, b)} * g{a}{b}", $"q{k}")));
            w.Line($"{type} c{a}{b} = {sum};");
            w.Line(lanes.Scalar
                ? $"{LoneCoefficient(a, b)} = Math.Abs(c{a}{b}) < small ? 0d : c{a}{b};"
                : $"{V}.StoreUnsafe({V}.AndNot(c{a}{b}, {V}.LessThan({V}.Abs(c{a}{b}), small)), ref c, {i * KernelPlan.Lanes});");
        }
    }

    /// <summary>The determinant's factors: the pivots, the last two as <c>last2</c> where <see cref="UnrolledPlan.FusesLastTwoPivots"/>.</summary>
    private static string[] Factors(UnrolledPlan plan) =>
        plan.FusesLastTwoPivots
            ? Enumerable.Range(0, plan.Members - 2).Select(i => $"p{i}").Append("last2").ToArray()
            : Enumerable.Range(0, plan.Members).Select(i => $"p{i}").ToArray();

    /// <summary>A lone class's return, its fold an argument: one lane of what <see cref="WriteDeterminant"/> writes.</summary>
    private static void WriteLoneDeterminant(SourceWriter w, UnrolledPlan plan)
    {
        string[] factors = Factors(plan);
        w.Line("// One log per pivot where asked: no product that could underflow or overflow.");
        w.Line($"if (logPerPivot) return n > 1 ? 0d + ({string.Join(" + ", factors.Select(f => $"ManagedMath.Log({f})"))}) : 0d;");
        w.Line($"return n > 1 ? {string.Join(" * ", factors)} : 1d;");
    }

    private static void WriteDeterminant(SourceWriter w, UnrolledPlan plan, bool logPerPivot)
    {
        string[] factors = Factors(plan);
        if (logPerPivot)
        {
            w.Line("// One log per pivot and lane (lanes with n ≤ 1 take no part): no product that could underflow or overflow.");
            w.Line("double sum = 0d;");
            using (w.OpenBlock($"for (int lane = 0; lane < {KernelPlan.Lanes}; lane++)"))
            {
                w.Line($"if (n[lane] > 1) sum += {string.Join(" + ", factors.Select(f => $"ManagedMath.Log({f}[lane])"))};");
            }

            w.Line("return sum;");
            return;
        }

        w.Line($"{s_block.Type} det = {V}.ConditionalSelect({V}.GreaterThan(n, one), {string.Join(" * ", factors)}, one);");
        w.Line("return det[0] * det[1] * det[2] * det[3];");
    }

    /// <summary>x_ij of X = L⁻¹ as an expression: −l_ij just below the diagonal, a named local further down.</summary>
    private static string X(int i, int j) => i == j + 1 ? $"(-l{i}{j})" : $"x{i}{j}";
}
