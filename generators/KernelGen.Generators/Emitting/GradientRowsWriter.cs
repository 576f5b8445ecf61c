using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>BlockGradient{m}</c>: the gradient rows g_k = Σ_j c_kj (w_k − w_j) of a block's classes from the
/// coefficients the factorisation stored, in the difference form (exact when prototypes coincide). Rendered once per m
/// into the runtime library (see <see cref="RowCode"/>).
/// </summary>
internal static class GradientRowsWriter
{
    /// <summary>The call a generated core makes for one block.</summary>
    public static string Call(UnrolledPlan plan, string t) =>
        $"UnrolledRows.BlockGradient{plan.Members}{RowCode.Generic(t)}(ref origin, ref gradientOrigin, ref order, in quad, ref Unsafe.Add(ref coefficients, slot));";

    public static void Write(SourceWriter w, UnrolledPlan plan)
    {
        w.Line($"/// <summary>The gradient rows of four classes of up to {plan.Members} members (lanes with n = 0 take no part).</summary>");
        w.Line(Literals.Inlined);
        using (w.OpenBlock($"public static void BlockGradient{plan.Members}{RowCode.TypeParameters}(ref T origin, ref T gradientOrigin, ref int order, in ClassQuad quad, ref double coefficients) {RowCode.Constraints}"))
        {
            for (int lane = 0; lane < KernelPlan.Lanes; lane++)
            {
                string coefficients = plan.CoefficientsByValue
                    ? string.Join(", ", Enumerable.Range(0, plan.PairCount).Select(i => $"Unsafe.Add(ref coefficients, {i * KernelPlan.Lanes + lane})"))
                    : $"ref Unsafe.Add(ref coefficients, {lane})";
                w.Line($"if (quad.N{lane} != 0) ClassGradient{plan.Members}{RowCode.TypeParameters}(ref origin, ref gradientOrigin, ref order, quad.Start{lane}, quad.N{lane}, {coefficients});");
            }
        }

        w.Line();
        WriteClassGradient(w, plan);
    }

    private static void WriteClassGradient(SourceWriter w, UnrolledPlan plan)
    {
        int m = plan.Members;
        var pairs = Pairs.Of(m).ToList();
        bool byValue = plan.CoefficientsByValue;
        w.Line("/// <summary>");
        w.Line($"/// One class's rows from its coefficients {(byValue ? "c_ab, in pair order" : "at stride 4")}. Absent members' rows alias member 0's and have zero");
        w.Line("/// coefficients, so rows are stored from the last member down to member 0, whose true row is written last.");
        w.Line("/// </summary>");
        w.Line(plan.RowsInlined ? Literals.InlinedOptimized : Literals.Optimized);
        string coefficients = byValue ? string.Join(", ", pairs.Select(p => $"double c{p.A}{p.B}")) : "ref double coefficients";
        using var method = w.OpenBlock($"private static void ClassGradient{m}{RowCode.TypeParameters}(ref T origin, ref T gradientOrigin, ref int order, int start, int n, {coefficients}) {RowCode.Constraints}");
        w.Line(RowCode.FeaturesLocal);
        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            w.Line(byValue
                ? $"TV v{a}{b} = W.Create(Element.FromDouble<T>(c{a}{b}));"
                : $"TV v{a}{b} = W.Create(Element.FromDouble<T>(Unsafe.Add(ref coefficients, {i * KernelPlan.Lanes})));");
        }

        Pairs.WriteRows(w, "T", m, ("w", "origin"), ("g", "gradientOrigin"));
        // One pass per vector for every m: each pair's difference is formed once and goes to both rows, +c·t to row a and
        // −c·t to row b, so a class costs m(m−1)/2 subtractions and m(m−1) multiply-adds per vector with 2m vectors live.
        // In pair order (b, then a, ascending) each row still adds its terms in ascending j. Row b subtracts with a fused
        // negated multiply-add, its first term from zero, so only +c is broadcast (a −c copy per pair would not fit the
        // registers next to the rows at m = 8). Recomputing an overlapped lane gives the value already stored there, so
        // the tail needs no mask.
        Widths.WriteFeatureLoop(w, _ =>
        {
            w.Line($"TV {string.Join(", ", Enumerable.Range(0, m).Select(r => $"x{r} = W.Load(ref w{r}, o)"))};");
            var started = new bool[m];
            foreach (var (a, b) in pairs)
            {
                w.Line($"TV t{a}{b} = W.Subtract(x{a}, x{b});");
                w.Line(AddTerm(started, a, $"W.Multiply(v{a}{b}, t{a}{b})", $"W.MultiplyAdd(v{a}{b}, t{a}{b}, r{a})"));
                w.Line(AddTerm(started, b, $"W.MultiplyAddNegated(v{a}{b}, t{a}{b}, W.Zero)", $"W.MultiplyAddNegated(v{a}{b}, t{a}{b}, r{b})"));
            }

            for (int r = m - 1; r >= 0; r--)
            {
                w.Line($"W.Store(r{r}, ref g{r}, o);");
            }
        });
    }

    /// <summary>Row <paramref name="row"/>'s next term: its first declares the row's accumulator.</summary>
    private static string AddTerm(bool[] started, int row, string first, string next)
    {
        if (started[row])
        {
            return $"r{row} = {next};";
        }

        started[row] = true;
        return $"TV r{row} = {first};";
    }
}
