using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes <c>BlockDistances{m}</c>: the squared distances of a block's four classes into its pair-major scratch slice
/// (entry 4·p + lane is pair p of the class in that lane), accumulated in the element type. Rendered once per m into
/// the runtime library (see <see cref="RowCode"/>), as <see cref="UnrolledPlan.Distances"/> says.
/// </summary>
/// <remarks>
/// <see cref="DistanceStrategy.BlockInRegisters"/>: the block's accumulators (at most twelve) stay in registers and
/// pair p of the four classes is reduced at once into one <c>Vector256&lt;double&gt;</c> (<c>W.Sum4</c>). Reducing each pair on its own takes a
/// chain of dependent shuffles and adds, and the block's vector load of four scalar stores would fail store forwarding;
/// for small shapes the two are a large part of the call. <see cref="DistanceStrategy.PerClass"/>: one class at a time.
/// <see cref="DistanceStrategy.BlockInRegistersWithAvx512"/>: both, behind <see cref="Literals.Avx512"/>.
/// </remarks>
internal static class DistancesWriter
{
    /// <summary>The call a generated core makes for one block.</summary>
    public static string Call(UnrolledPlan plan, string t) => $"UnrolledRows.BlockDistances{plan.Members}{RowCode.Generic(t)}(ref origin, ref order, in quad, ref d);";

    public static void Write(SourceWriter w, UnrolledPlan plan)
    {
        if (plan.HasDistancesClassByClass)
        {
            WriteClassDistances(w, plan);
            w.Line();
        }

        WriteBlock(w, plan);
        if (plan.HasDistancesInRegisters)
        {
            w.Line();
            WriteClassSums(w, plan);
        }
    }

    private static void WriteBlock(SourceWriter w, UnrolledPlan plan)
    {
        int pairs = plan.PairCount, m = plan.Members;
        w.Line(plan.Distances switch
        {
            DistanceStrategy.BlockInRegisters => $"/// <summary>The {pairs} pair distances of four classes of up to {m} members, pair-major: entry 4·p + lane.</summary>",
            DistanceStrategy.PerClass => $"/// <summary>The pair distances of four classes of up to {m} members, class by class (lanes with n = 0 take no part).</summary>",
            DistanceStrategy.BlockInRegistersWithAvx512 => $"/// <summary>The {pairs} pair distances of four classes of up to {m} members, pair-major: entry 4·p + lane; in registers with AVX-512, else class by class.</summary>",
            _ => throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Distances, "No distance code for this strategy."),
        });
        w.Line(plan.DistancesInlined ? Literals.Inlined : Literals.Optimized);
        using var method = w.OpenBlock($"public static void BlockDistances{m}{RowCode.TypeParameters}(ref T origin, ref int order, in ClassQuad quad, ref double output) {RowCode.Constraints}");
        switch (plan.Distances)
        {
            case DistanceStrategy.BlockInRegisters:
                WriteBlockInRegisters(w, plan);
                break;
            case DistanceStrategy.PerClass:
                WriteBlockPerClass(w, plan);
                break;
            case DistanceStrategy.BlockInRegistersWithAvx512:
                using (w.OpenBlock($"if ({Literals.Avx512})"))
                {
                    WriteBlockInRegisters(w, plan);
                    w.Line("return;");
                }

                w.Line();
                WriteBlockPerClass(w, plan);
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(plan), plan.Distances, "No distance code for this strategy.");
        }
    }

    private static void WriteBlockInRegisters(SourceWriter w, UnrolledPlan plan)
    {
        var pairs = Pairs.Of(plan.Members).ToList();
        string Accumulator(int lane, int a, int b) => $"s{lane}_{a}{b}";
        for (int lane = 0; lane < KernelPlan.Lanes; lane++)
        {
            int l = lane;
            w.Line($"TV {string.Join(", ", pairs.Select(p => $"{Accumulator(l, p.A, p.B)} = W.Zero"))};");
            w.Line($"if (quad.N{l} != 0) ClassSums{plan.Members}{RowCode.TypeParameters}(ref origin, ref order, quad.Start{l}, quad.N{l}, {string.Join(", ", pairs.Select(p => "ref " + Accumulator(l, p.A, p.B)))});");
        }

        w.Line("// Pair p of the four classes, reduced together into one vector and stored whole.");
        for (int i = 0; i < pairs.Count; i++)
        {
            var (a, b) = pairs[i];
            string args = string.Join(", ", Enumerable.Range(0, KernelPlan.Lanes).Select(lane => Accumulator(lane, a, b)));
            w.Line($"Vector256.StoreUnsafe(W.Sum4({args}), ref output, {i * KernelPlan.Lanes});");
        }
    }

    private static void WriteClassSums(SourceWriter w, UnrolledPlan plan)
    {
        var pairs = Pairs.Of(plan.Members).ToList();
        w.Line("/// <summary>One class's pair sums, left in vectors for the block's transposed reduction. Absent members alias member 0.</summary>");
        w.Line(Literals.Inlined);
        using var method = w.OpenBlock($"private static void ClassSums{plan.Members}{RowCode.TypeParameters}(ref T origin, ref int order, int start, int n, {string.Join(", ", pairs.Select(p => $"ref TV s{p.A}{p.B}"))}) {RowCode.Constraints}");
        w.Line(RowCode.FeaturesLocal);
        Pairs.WriteRows(w, "T", plan.Members, ("w", "origin"));
        WriteAccumulate(w, pairs, k => "w" + k, (a, b) => $"s{a}{b}");
    }

    private static void WriteBlockPerClass(SourceWriter w, UnrolledPlan plan)
    {
        for (int lane = 0; lane < KernelPlan.Lanes; lane++)
        {
            w.Line($"if (quad.N{lane} != 0) ClassDistances{plan.Members}{RowCode.TypeParameters}(ref origin, ref order, quad.Start{lane}, quad.N{lane}, ref Unsafe.Add(ref output, {lane}));");
        }
    }

    private static void WriteClassDistances(SourceWriter w, UnrolledPlan plan)
    {
        int m = plan.Members;
        var pairs = Pairs.Of(m).ToList();
        w.Line($"/// <summary>One class's {pairs.Count} pair distances (2 to {m} members), at stride 4. Absent members alias member 0.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static void ClassDistances{m}{RowCode.TypeParameters}(ref T origin, ref int order, int start, int n, ref double output) {RowCode.Constraints}");
        w.Line(RowCode.FeaturesLocal);
        Pairs.WriteRows(w, "T", m, ("w", "origin"));
        // Every pair in one pass over the features, each member's vector loaded once per offset: faster than a pass per
        // member, or as fast within the noise (7 members without AVX-512), for every class size the unrolled path takes,
        // even where the accumulators outnumber the registers (docs/benchmarks.md, Findings).
        w.Line($"TV {string.Join(", ", pairs.Select(p => $"s{p.A}{p.B} = W.Zero"))};");
        WriteAccumulate(w, pairs, k => "w" + k, (a, b) => $"s{a}{b}");
        for (int p = 0; p < pairs.Count; p++)
        {
            w.Line($"Unsafe.Add(ref output, {p * KernelPlan.Lanes}) = W.Sum(s{pairs[p].A}{pairs[p].B});");
        }
    }

    /// <summary>Adds (w_a − w_b)² of every pair to its accumulator, each member's vector loaded once per offset.</summary>
    private static void WriteAccumulate(SourceWriter w, IReadOnlyList<(int A, int B)> pairs, System.Func<int, string> row, System.Func<int, int, string> accumulator)
    {
        int[] rows = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().OrderBy(r => r).ToArray();
        Widths.WriteFeatureLoop(w, masked =>
        {
            w.Line($"TV {string.Join(", ", rows.Select(r => $"x{r} = W.Load(ref {row(r)}, o)"))};");
            foreach (var (a, b) in pairs)
            {
                string s = accumulator(a, b);
                w.Line($"TV t{a}{b} = {Widths.Difference($"x{a}", $"x{b}", masked)};");
                w.Line($"{s} = W.MultiplyAdd(t{a}{b}, t{a}{b}, {s});");
            }
        });
    }
}
