using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>Factorise{m}</c> and <c>FactoriseWithCoefficients{m}</c> for m = 2 … 8: for the four classes of a block
/// at once, one per lane of a <c>Vector256&lt;double&gt;</c>, the kernel entries, the L·D·Lᵀ factorisation of each
/// class's Gram matrix B = K + εI in straight-line code and, for the gradient, B⁻¹ and the gradient coefficients. A
/// class with n members is padded with identity rows, which leave its determinant unchanged. Batching turns four long
/// dependency chains (exp → pivots → product) into one.
/// </summary>
/// <remarks>
/// This code depends only on m, not on the shape, and its text grows as m³ (an 8×8 block with its inverse is tens of
/// kilobytes), so it is not emitted per shape: it is rendered once into the runtime library
/// by <see cref="RuntimeFileWriter"/>. Generated kernels call it through <see cref="Call"/>.
/// </remarks>
internal static class FactorisationWriter
{
    private const string V = "Vector256";
    private const string VD = "Vector256<double>";

    /// <summary>
    /// The call a generated block makes: the product (or, for a tiny ε, the sum of logs) of its four determinants. With
    /// <see cref="KernelPlan.GroupExpPass"/> the block's slice already holds its kernel entries.
    /// </summary>
    public static string Call(KernelPlan plan, bool withGradient, string distances, string coefficients)
    {
        bool fromEntries = plan.GroupExpPass;
        string name = Name(plan.MaxPerClass, withGradient, plan.Folding == DeterminantFolding.LogPerPivot, fromEntries);
        string scale = fromEntries ? "" : "scale, ";
        return withGradient
            ? $"UnrolledFactorisation.{name}(ref {distances}, quad.Sizes, {scale}OnePlusEpsilon, gradScale, {Literals.Double(plan.TinyCoefficient)}, ref {coefficients})"
            : $"UnrolledFactorisation.{name}(ref {distances}, quad.Sizes, {scale}OnePlusEpsilon)";
    }

    /// <summary>"Factorise3", "FactoriseWithCoefficients3", "Factorise3Log", "Factorise3FromEntries", …</summary>
    private static string Name(int m, bool withGradient, bool logPerPivot, bool fromEntries) =>
        $"{(withGradient ? "FactoriseWithCoefficients" : "Factorise")}{m}{(logPerPivot ? "Log" : "")}{(fromEntries ? "FromEntries" : "")}";

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
            ? "/// <returns>The sum of the four log-determinants, one log per pivot (for an ε so small that a product could underflow).</returns>"
            : "/// <returns>The product of the four determinants.</returns>");
        string extra = withGradient ? ", double gradScale, double tiny, ref double c" : "";
        w.Line(Literals.Optimized);
        string scale = fromEntries ? "" : "double scale, ";
        using var method = w.OpenBlock($"public static double {Name(m, withGradient, logPerPivot, fromEntries)}(ref double d, {VD} n, {scale}double onePlusEpsilon{extra})");
        WriteKernelEntries(w, plan, fromEntries);
        WriteDiagonal(w, m);
        WriteLdlt(w, m, withGradient);
        if (withGradient)
        {
            WriteCoefficients(w, m);
        }

        WriteDeterminant(w, m, logPerPivot);
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
            w.Line($"{VD} s = {V}.Create(scale);");
            w.Line(Comment);
            foreach (var (a, b, offset) in pairs)
            {
                w.Line($"{VD} k{a}{b} = SimdMath.NegExp({V}.LoadUnsafe(ref d, {offset}) * s) & {V}.GreaterThan(n, {V}.Create({b}d));");
            }

            return;
        }

        if (fromEntries)
        {
            w.Line("// Kernel entries k_ab, computed by the group's exp pass; zero in lanes where member b is absent.");
        }
        else
        {
            // The exps are independent, so the loop's iterations overlap as the straight-line code's did, two pairs at a
            // time where 512-bit vectors are accelerated. They overwrite the distances, which nothing reads afterwards.
            w.Line(Comment);
            w.Line($"SimdMath.NegExpInPlace(ref d, {pairs.Count * KernelPlan.Lanes}, scale);");
        }

        foreach (var (a, b, offset) in pairs)
        {
            w.Line($"{VD} k{a}{b} = {V}.LoadUnsafe(ref d, {offset}) & {V}.GreaterThan(n, {V}.Create({b}d));");
        }
    }

    private static void WriteDiagonal(SourceWriter w, int m)
    {
        // Members 0 and 1 are present in every lane that counts (lanes with n = 0 are replaced by 1 at the end), so
        // their pivots are constants and need no division.
        w.Line("// Diagonal: 1 + ε for present members, 1 for padding.");
        w.Line($"{VD} one = {V}.Create(1d), jittered = {V}.Create(onePlusEpsilon);");
        for (int k = 2; k < m; k++)
        {
            w.Line($"{VD} b{k} = {V}.ConditionalSelect({V}.GreaterThan(n, {V}.Create({k}d)), jittered, one);");
        }
    }

    private static void WriteLdlt(SourceWriter w, int m, bool withGradient)
    {
        w.Line("// LDLᵀ with unit lower L, pivots p_i, q_i = 1/p_i, e_ij = l_ij·p_j.");
        w.Line($"{VD} p0 = jittered, q0 = {V}.Create(1d / onePlusEpsilon);");
        for (int i = 1; i < m; i++)
        {
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
                // q_{m-2} off its critical path (the same subtraction, scaled by p_{m-2}). Both methods use it, so the
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
    }

    private static void WriteCoefficients(SourceWriter w, int m)
    {
        w.Line("// B⁻¹ = L⁻ᵀ·D⁻¹·L⁻¹. First X = L⁻¹ (unit lower): x_ij = −(l_ij + Σ_{j<k<i} l_ik·x_kj).");
        for (int i = 2; i < m; i++)
        {
            for (int j = 0; j < i - 1; j++)
            {
                string sum = string.Concat(Enumerable.Range(j + 1, i - j - 1).Select(k => $" + l{i}{k} * {X(k, j)}"));
                w.Line($"{VD} x{i}{j} = -(l{i}{j}{sum});");
            }
        }

        w.Line("// Then a_ab = Σ_{k≥b} x_ka·x_kb·q_k off the diagonal, and the coefficients c_ab = (2/σ²)·a_ab·k_ab. Those below");
        w.Line("// tiny are flushed to zero (in the element type they would be subnormal: a microcode assist per multiply on x64);");
        w.Line("// NaN is kept, so a class with a non-finite coordinate gets NaN rows.");
        w.Line($"{VD} g = {V}.Create(gradScale), small = {V}.Create(tiny);");
        foreach (var ((a, b), i) in Pairs.Of(m).Select((p, i) => (p, i)))
        {
            string rest = string.Concat(Enumerable.Range(b + 1, m - b - 1).Select(k => $" + {X(k, a)} * {X(k, b)} * q{k}"));
            w.Line($"{VD} c{a}{b} = g * ({X(b, a)} * q{b}{rest}) * k{a}{b};");
            w.Line($"{V}.StoreUnsafe({V}.AndNot(c{a}{b}, {V}.LessThan({V}.Abs(c{a}{b}), small)), ref c, {i * KernelPlan.Lanes});");
        }
    }

    private static void WriteDeterminant(SourceWriter w, int m, bool logPerPivot)
    {
        string[] factors = m >= 3
            ? Enumerable.Range(0, m - 2).Select(i => $"p{i}").Append("last2").ToArray()
            : Enumerable.Range(0, m).Select(i => $"p{i}").ToArray();
        if (logPerPivot)
        {
            w.Line("// One log per pivot and lane (lanes with n ≤ 1 take no part): no product that could underflow.");
            w.Line("double sum = 0d;");
            using (w.OpenBlock("for (int lane = 0; lane < 4; lane++)"))
            {
                w.Line($"if (n[lane] > 1) sum += {string.Join(" + ", factors.Select(f => $"ManagedMath.Log({f}[lane])"))};");
            }

            w.Line("return sum;");
            return;
        }

        w.Line($"{VD} det = {V}.ConditionalSelect({V}.GreaterThan(n, one), {string.Join(" * ", factors)}, one);");
        w.Line("return det[0] * det[1] * det[2] * det[3];");
    }

    /// <summary>x_ij of X = L⁻¹ as an expression: −l_ij just below the diagonal, a named local further down.</summary>
    private static string X(int i, int j) => i == j + 1 ? $"(-l{i}{j})" : $"x{i}{j}";
}
