using System.Linq;
using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>BlockGradient{m}</c>: the gradient rows g_k = Σ_j c_kj (w_k − w_j) of a block's classes from the
/// coefficients the factorisation stored, in the difference form (exact when prototypes coincide). Rendered once per m
/// into the runtime library (see <see cref="RowCode"/>).
/// </summary>
internal static class GradientRowsWriter
{
    /// <summary>The call a generated core makes for one block.</summary>
    public static string Call(int m, string t) =>
        $"UnrolledRows.BlockGradient{m}{RowCode.Generic(t)}(ref origin, ref gradientOrigin, ref order, in quad, ref Unsafe.Add(ref coefficients, slot));";

    public static void Write(SourceWriter w, RowCode code)
    {
        w.Line($"/// <summary>The gradient rows of four classes of up to {code.M} members (lanes with n = 0 take no part).</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.OpenBlock($"public static void BlockGradient{code.M}{RowCode.TypeParameters}(ref T origin, ref T gradientOrigin, ref int order, in ClassQuad quad, ref double coefficients) {RowCode.Constraints}"))
        {
            for (int lane = 0; lane < Model.KernelPlan.Lanes; lane++)
            {
                w.Line($"if (quad.N{lane} != 0) ClassGradient{code.M}{RowCode.TypeParameters}(ref origin, ref gradientOrigin, ref Unsafe.Add(ref order, quad.Start{lane}), quad.N{lane}, ref Unsafe.Add(ref coefficients, {lane}));");
            }
        }

        w.Line();
        WriteClassGradient(w, code);
    }

    private static void WriteClassGradient(SourceWriter w, RowCode code)
    {
        int m = code.M;
        var pairs = Pairs.Of(m).ToList();
        w.Line("/// <summary>");
        w.Line("/// One class's rows from its coefficients at stride 4. Absent members' rows alias member 0's and have zero");
        w.Line("/// coefficients, so rows are stored from the last member down to member 0, whose true row is written last.");
        w.Line("/// </summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static void ClassGradient{m}{RowCode.TypeParameters}(ref T origin, ref T gradientOrigin, ref int members, int n, ref double coefficients) {RowCode.Constraints}");
        w.Line(RowCode.FeaturesLocal);
        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            w.Line($"T c{a}{b} = T.CreateTruncating(Unsafe.Add(ref coefficients, {i * Model.KernelPlan.Lanes}));");
            w.Line($"TV v{a}{b} = W.Create(c{a}{b}), n{a}{b} = W.Create(-c{a}{b});");
        }

        Pairs.WriteRows(w, "T", m, "w", "origin");
        Pairs.WriteRows(w, "T", m, "g", "gradientOrigin");
        if (code.AllMembersPerPass)
        {
            // Recomputing an overlapped lane gives the value already stored there, so the tail needs no mask.
            Widths.WriteFeatureLoop(w, _ =>
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
            Widths.WriteFeatureLoop(w, _ =>
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
