using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>LoneClass{m}</c> where <see cref="UnrolledPlan.LoneInScalars"/>: one class's term and rows for the class
/// kernels, from the block code's own pieces on one class. Where a block reduces four classes' pair to a vector, its
/// pair sums reduce four pairs to a vector; where a block goes class by class, each pair on its own as the block does;
/// its exps run four or eight pairs to a vector. Each treats every lane alike, so each pair gets the bits its class's
/// lane gets in a block. The factorisation is the block's text on one lane in scalars
/// (<see cref="FactorisationWriter"/>), and the rows are the block's row code. Rendered once per m into the runtime
/// library (see <see cref="RowCode"/>).
/// </summary>
internal static class LoneClassWriter
{
    /// <summary>
    /// The call a generated class kernel makes; false (and nothing written) where a distance is +∞ or NaN. The caller
    /// divides for 1/(2σ²) and 2/σ², so both divisions are done before the call: the core has one divider, and inside
    /// the call the JIT computes 2/σ² where it is first used, queued behind the factorisation's reciprocals.
    /// </summary>
    public static string Call(KernelPlan plan, UnrolledPlan unrolled, string t) =>
        $"UnrolledRows.LoneClass{unrolled.Members}{RowCode.Generic(t)}(ref origin, ref gradientOrigin, n, {CoreWriter.Scale}, {CoreWriter.GradScale}, OnePlusEpsilon, {Literals.Double(plan.TinyCoefficient)}, withGradient, {(plan.Folding == DeterminantFolding.LogPerPivot ? "true" : "false")}, out double term)";

    public static void Write(SourceWriter w, UnrolledPlan plan)
    {
        int m = plan.Members;
        var pairs = Pairs.Of(m).ToList();
        int padded = plan.LonePairsPadded;
        w.Line("/// <summary>");
        w.Line($"/// One class of {(m == 2 ? "2" : $"2 … {m}")} members alone, its rows by position from <paramref name=\"origin\"/>: its term −log det(K + εI)");
        w.Line("/// and, <paramref name=\"withGradient\"/>, its rows, the bits a block writes for it. False, with nothing written, where");
        w.Line("/// a squared distance is +∞ or NaN: the caller then takes the block's path, which handles them.");
        w.Line("/// </summary>");
        w.Line(Literals.CalledOptimized);
        using var method = w.OpenBlock($"public static bool LoneClass{m}{RowCode.TypeParameters}(ref T origin, ref T gradientOrigin, int n, double scale, double gradScale, double onePlusEpsilon, double tiny, bool withGradient, bool logPerPivot, out double term) {RowCode.Constraints}");
        string entries = "SimdMath.NegExp(distances * Vector256.Create(scale))";
        if (plan.LoneEntriesInRegister)
        {
            // Pairs kept in registers are at most three, one vector: the distances and entries stay in a register, the
            // factorisation takes the entries from it, and the coefficients go to the rows as values: no scratch.
            w.Line($"TV {string.Join(", ", pairs.Select(p => $"s{p.A}{p.B} = W.Zero"))};");
            w.Line($"ClassSums{m}{RowCode.TypeParameters}(ref origin, ref Unsafe.NullRef<int>(), 0, n, {string.Join(", ", pairs.Select(p => $"ref s{p.A}{p.B}"))});");
            string args = string.Join(", ", Enumerable.Range(0, KernelPlan.Lanes).Select(i => i < pairs.Count ? $"s{pairs[i].A}{pairs[i].B}" : "W.Zero"));
            w.Line($"Vector256<double> distances = W.Sum4({args});");
            using (w.OpenBlock("if (!Vector256.LessThanAll(distances, Vector256.Create(double.PositiveInfinity)))"))
            {
                w.Line("term = 0;");
                w.Line("return false;");
            }
        }
        else
        {
            w.Line($"// {pairs.Count} distances in pair order (padded with zeros to whole vectors), then at stride 4 as a block's lane has them.");
            w.Line($"Span<double> scratch = stackalloc double[{plan.LoneScratch}];");
            w.Line("ref double d = ref MemoryMarshal.GetReference(scratch);");
            w.Line($"ref double strided = ref Unsafe.Add(ref d, {padded});");
            if (plan.Distances == DistanceStrategy.BlockInRegistersWithAvx512)
            {
                using (w.OpenBlock($"if ({Literals.Avx512})"))
                {
                    // The pair sums reduced four to a vector, as the block reduces a pair of four classes: the bits the
                    // class's lane gets there; pairs past the last are zero vectors and reduce to the padding's zeros.
                    w.Line($"TV {string.Join(", ", pairs.Select(p => $"s{p.A}{p.B} = W.Zero"))};");
                    w.Line($"ClassSums{m}{RowCode.TypeParameters}(ref origin, ref Unsafe.NullRef<int>(), 0, n, {string.Join(", ", pairs.Select(p => $"ref s{p.A}{p.B}"))});");
                    for (int v = 0; v < padded; v += KernelPlan.Lanes)
                    {
                        string args = string.Join(", ", Enumerable.Range(v, KernelPlan.Lanes).Select(i => i < pairs.Count ? $"s{pairs[i].A}{pairs[i].B}" : "W.Zero"));
                        w.Line($"Vector256.StoreUnsafe(W.Sum4({args}), ref d, {v});");
                    }
                }

                using (w.OpenBlock("else"))
                {
                    WriteClassDistances(w, m, pairs.Count, padded);
                }
            }
            else
            {
                WriteClassDistances(w, m, pairs.Count, padded);
            }

            using (w.OpenBlock($"if (!NonFinite.AllBelowInfinity(ref d, {padded}))"))
            {
                w.Line("term = 0;");
                w.Line("return false;");
            }

            w.Line($"SimdMath.NegExpInPlace(ref d, {padded}, scale);");
        }

        w.Line($"double value = {FactorisationWriter.LoneCall(plan, entries)};");
        // A lone class's sizes are those whose row code is inlined and takes its coefficients as values
        // (UnrolledPlan.CoefficientsByValue): from the factorisation to the rows they stay in registers.
        using (w.OpenBlock("if (withGradient)"))
        {
            w.Line($"ClassGradient{m}{RowCode.TypeParameters}(ref origin, ref gradientOrigin, ref Unsafe.NullRef<int>(), 0, n, {FactorisationWriter.LoneCoefficients(m, "")});");
        }

        w.Line("term = logPerPivot ? 0d - value : ManagedMath.NegativeLog(value);");
        w.Line("return true;");
    }

    /// <summary>Each pair reduced on its own, at stride 4 as the block's code stores it, then gathered; the padding is 0.</summary>
    private static void WriteClassDistances(SourceWriter w, int m, int pairs, int padded)
    {
        w.Line($"ClassDistances{m}{RowCode.TypeParameters}(ref origin, ref Unsafe.NullRef<int>(), 0, n, ref strided);");
        for (int i = 0; i < padded; i++)
        {
            w.Line(i < pairs ? $"Unsafe.Add(ref d, {i}) = Unsafe.Add(ref strided, {i * KernelPlan.Lanes});" : $"Unsafe.Add(ref d, {i}) = 0d;");
        }
    }
}
