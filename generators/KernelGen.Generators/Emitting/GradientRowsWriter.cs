using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the gradient rows g_k = Σ_j c_kj (w_k − w_j) of a block's classes from the coefficients the
/// factorisation stored, in the difference form (exact when prototypes coincide).
/// </summary>
internal static class GradientRowsWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        w.Line("/// <summary>The gradient rows of the block's classes (lanes with n = 0 take no part).</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.OpenBlock($"private static void BlockGradient{Widths.TypeParameters}(ref {t} origin, ref {t} gradientOrigin, ref int order, in ClassQuad quad, ref double coefficients) {Widths.Constraints(plan)}"))
        {
            for (int lane = 0; lane < KernelPlan.Lanes; lane++)
            {
                w.Line($"if (quad.N{lane} != 0) ClassGradient<W, TV>(ref origin, ref gradientOrigin, ref Unsafe.Add(ref order, quad.Start{lane}), quad.N{lane}, ref Unsafe.Add(ref coefficients, {lane}));");
            }
        }

        w.Line();
        WriteClassGradient(w, plan);
    }

    private static void WriteClassGradient(SourceWriter w, KernelPlan plan)
    {
        int m = plan.MaxPerClass;
        string t = plan.ElementType;
        var pairs = Pairs.Of(m).ToList();
        w.Line("/// <summary>");
        w.Line("/// One class's rows from its coefficients at stride 4. Absent members' rows alias member 0's and have zero");
        w.Line("/// coefficients, so rows are stored from the last member down to member 0, whose true row is written last.");
        w.Line("/// </summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static void ClassGradient{Widths.TypeParameters}(ref {t} origin, ref {t} gradientOrigin, ref int members, int n, ref double coefficients) {Widths.Constraints(plan)}");
        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            w.Line($"{t} c{a}{b} = ({t})Unsafe.Add(ref coefficients, {i * KernelPlan.Lanes});");
            w.Line($"TV v{a}{b} = W.Create(c{a}{b}), n{a}{b} = W.Create(-c{a}{b});");
        }

        Pairs.WriteRows(w, t, m, "w", "origin");
        Pairs.WriteRows(w, t, m, "g", "gradientOrigin");
        if (plan.MembersPerDistancePass == m)
        {
            // Recomputing an overlapped lane gives the value already stored there, so the tail needs no mask.
            Widths.WriteFeatureLoop(w, plan, _ =>
            {
                w.Line($"TV {string.Join(", ", Enumerable.Range(0, m).Select(r => $"x{r} = W.Load(ref w{r}, o)"))};");
                foreach (var (a, b) in pairs)
                {
                    w.Line($"TV t{a}{b} = W.Subtract(x{a}, x{b});");
                }

                for (int k = m - 1; k >= 0; k--)
                {
                    w.Line($"W.Store({Sum(k, m)}, ref g{k}, o);");
                }
            });
            return;
        }

        for (int k = m - 1; k >= 0; k--)
        {
            w.Line($"// row of member {k}");
            int row = k;
            Widths.WriteFeatureLoop(w, plan, _ =>
            {
                w.Line($"TV x{row} = W.Load(ref w{row}, o);");
                foreach (int j in Enumerable.Range(0, m).Where(j => j != row))
                {
                    w.Line(j > row
                        ? $"TV t{row}{j} = W.Subtract(x{row}, W.Load(ref w{j}, o));"
                        : $"TV t{j}{row} = W.Subtract(W.Load(ref w{j}, o), x{row});");
                }

                w.Line($"W.Store({Sum(row, m)}, ref g{row}, o);");
            });
        }
    }

    /// <summary>Σ_{j≠k} c_kj (w_k − w_j) over the pair differences t_ab = w_a − w_b: +c for j &gt; k, −c for j &lt; k.</summary>
    private static string Sum(int k, int members)
    {
        string expr = "";
        foreach (int j in Enumerable.Range(0, members).Where(j => j != k))
        {
            string pair = j > k ? $"{k}{j}" : $"{j}{k}";
            string coefficient = j > k ? $"v{pair}" : $"n{pair}";
            expr = expr.Length == 0 ? $"W.Multiply({coefficient}, t{pair})" : $"W.MultiplyAdd({coefficient}, t{pair}, {expr})";
        }

        return expr;
    }
}
