using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// For classes of two or three members, the squared distances of a whole block (four classes, at most twelve
/// pairs) are accumulated in registers at once and reduced together: pair p of the four classes becomes one
/// <c>Vector256&lt;double&gt;</c> through three horizontal adds, stored whole where the block loads it. Reducing
/// each pair on its own costs about eight dependent shuffles and adds, and the block's vector load of four scalar
/// stores fails store forwarding; at 4 × 3 × 64 the two together were a third of the call.
/// Larger classes would need more accumulators than there are registers and keep the per-class path.
/// </summary>
internal static class BlockDistancesWriter
{
    private const string Unsafe = "Unsafe";
    private const int Lanes = BlockWriter.Lanes;

    /// <summary>Whether the shape's blocks fit in registers: at most three pairs per class, twelve accumulators.</summary>
    public static bool Applies(ShapeSpec spec) => BlockWriter.PairCount(spec) <= 3;

    /// <summary>The call in the block loop, after the four lanes' sizes (0 for a class without a pair) and starts.</summary>
    public static void WriteCall(SourceWriter w) =>
        w.Line("BlockDistances(ref origin, ref order, start0, n0, start1, n1, start2, n2, start3, n3, ref Unsafe.Add(ref MemoryMarshal.GetReference(distances), slot));");

    public static void WriteHelpers(SourceWriter w, ShapeSpec spec)
    {
        WriteBlockDistances(w, spec);
        foreach (VectorWidth v in VectorWidth.Usable(spec))
        {
            w.Line();
            WriteSum4(w, spec, v);
        }
    }

    private static void WriteBlockDistances(SourceWriter w, ShapeSpec spec)
    {
        int m = spec.MaxPerClass;
        string t = spec.ElementType;
        var pairs = SimdWriter.Pairs(m).ToList();
        string Accumulator(int lane, int a, int b) => $"s{lane}_{a}{b}";
        string Row(int lane, int k) => RowPrefix(lane) + k;

        w.Line("/// <summary>");
        w.Line($"/// The squared distances of the {pairs.Count} pairs of four classes (lanes with n = 0 take no part), pair-major into");
        w.Line("/// <paramref name=\"output\"/>: entry 4·p + lane. Absent members (index ≥ n) alias member 0; the block masks them out.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using var method = w.OpenBlock(
            $"private static void BlockDistances(ref {t} origin, ref int order, int start0, int n0, int start1, int n1, int start2, int n2, int start3, int n3, ref double output)");
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vec = v.Of(spec);
            v.DeclareTailMask(w, spec);
            w.Line($"// {Lanes * pairs.Count} accumulators, accumulated in {t}.");
            for (int lane = 0; lane < Lanes; lane++)
            {
                w.Line($"{vec} {string.Join(", ", pairs.Select(p => $"{Accumulator(lane, p.A, p.B)} = {vec}.Zero"))};");
            }

            for (int lane = 0; lane < Lanes; lane++)
            {
                using (w.OpenBlock($"if (n{lane} != 0)"))
                {
                    WriteLaneRows(w, spec, lane);
                    int l = lane;
                    SimdWriter.AccumulateSquares(w, spec, v, pairs, k => Row(l, k), (a, b) => Accumulator(l, a, b));
                }
            }

            w.Line("// Pair p of the four classes, reduced together into one vector and stored whole.");
            for (int i = 0; i < pairs.Count; i++)
            {
                var (a, b) = pairs[i];
                string args = string.Join(", ", Enumerable.Range(0, Lanes).Select(lane => Accumulator(lane, a, b)));
                w.Line($"Vector256.StoreUnsafe(Sum4({args}), ref output, {i * Lanes});");
            }
        },
        () =>
        {
            for (int lane = 0; lane < Lanes; lane++)
            {
                using (w.OpenBlock($"if (n{lane} != 0)"))
                {
                    WriteLaneRows(w, spec, lane);
                    int l = lane;
                    SimdWriter.ScalarSquares(w, spec, pairs, k => Row(l, k), (a, b) => $"s{a}{b}");

                    for (int i = 0; i < pairs.Count; i++)
                    {
                        w.Line($"{Unsafe}.Add(ref output, {i * Lanes + lane}) = s{pairs[i].A}{pairs[i].B};");
                    }
                }
            }
        });
    }

    /// <summary>Lane l's member rows are <c>wl_0</c>, <c>wl_1</c>, …</summary>
    private static string RowPrefix(int lane) => $"w{lane}_";

    private static void WriteLaneRows(SourceWriter w, ShapeSpec spec, int lane) =>
        BlockWriter.WriteRows(w, spec.ElementType, spec.MaxPerClass, RowPrefix(lane), "origin", $"{Unsafe}.Add(ref order, start{lane})", $"n{lane}");

    /// <summary>
    /// <c>Sum4(a, b, c, d)</c> = (Σa, Σb, Σc, Σd) in double: a transposed reduction with horizontal adds on x86
    /// (the 512-bit overload halves into the 256-bit one), the portable per-vector sums elsewhere.
    /// </summary>
    private static void WriteSum4(SourceWriter w, ShapeSpec spec, VectorWidth v)
    {
        string vec = v.Of(spec);
        string vt = v.Type;
        w.Line("/// <summary>The sums of four vectors as the lanes of one Vector256&lt;double&gt;, in one transposed reduction where x86 allows.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using var method = w.OpenBlock($"private static Vector256<double> Sum4({vec} a, {vec} b, {vec} c, {vec} d)");
        string x86 = "System.Runtime.Intrinsics.X86.";
        switch (v.Bytes, spec.IsDouble)
        {
            case (64, _):
                using (w.OpenBlock($"if ({x86}Avx.IsSupported)"))
                {
                    w.Line("// Halves first: one add per vector, then the 256-bit reduction.");
                    w.Line("return Sum4(Vector512.GetLower(a) + Vector512.GetUpper(a), Vector512.GetLower(b) + Vector512.GetUpper(b), Vector512.GetLower(c) + Vector512.GetUpper(c), Vector512.GetLower(d) + Vector512.GetUpper(d));");
                }

                break;
            case (32, false):
                using (w.OpenBlock($"if ({x86}Avx.IsSupported)"))
                {
                    w.Line("// Per 128-bit half: (a, b) then (c, d) pairwise, then once more gives the four partial sums; add the halves.");
                    w.Line($"Vector256<float> abcd = {x86}Avx.HorizontalAdd({x86}Avx.HorizontalAdd(a, b), {x86}Avx.HorizontalAdd(c, d));");
                    w.Line($"return {x86}Avx.ConvertToVector256Double(Vector256.GetLower(abcd) + Vector256.GetUpper(abcd));");
                }

                break;
            case (32, true):
                using (w.OpenBlock($"if ({x86}Avx.IsSupported)"))
                {
                    w.Line("// (a0+a1, b0+b1, a2+a3, b2+b3) and the same for c, d; then the low halves plus the high halves.");
                    w.Line($"Vector256<double> ab = {x86}Avx.HorizontalAdd(a, b), cd = {x86}Avx.HorizontalAdd(c, d);");
                    w.Line($"return {x86}Avx.Permute2x128(ab, cd, 0x20) + {x86}Avx.Permute2x128(ab, cd, 0x31);");
                }

                break;
            case (16, false):
                using (w.OpenBlock($"if ({x86}Sse3.IsSupported)"))
                {
                    w.Line($"Vector128<float> abcd = {x86}Sse3.HorizontalAdd({x86}Sse3.HorizontalAdd(a, b), {x86}Sse3.HorizontalAdd(c, d));");
                    w.Line("return Vector256.Create(Vector128.WidenLower(abcd), Vector128.WidenUpper(abcd));");
                }

                break;
            case (16, true):
                using (w.OpenBlock($"if ({x86}Sse3.IsSupported)"))
                {
                    w.Line($"return Vector256.Create({x86}Sse3.HorizontalAdd(a, b), {x86}Sse3.HorizontalAdd(c, d));");
                }

                break;
        }

        w.Line();
        w.Line($"return Vector256.Create((double){vt}.Sum(a), {vt}.Sum(b), {vt}.Sum(c), {vt}.Sum(d));");
    }
}
