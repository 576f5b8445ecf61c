using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// The least work any correct diversity loss must do: every same-class squared distance, written out, with
/// class-major layout known in advance (classes are consecutive runs of rows) and no labels to read.
/// Hand-written AVX-512; <c>features</c> must be a multiple of 16. Sums are reduced four at a time
/// (<see cref="Sum4"/>), as the kernels do: a floor that reduced each pair on its own would flatter every ratio.
/// </summary>
internal static class DistanceFloor
{
    public static void SquaredDistances(ReadOnlySpan<float> prototypes, int count, int perClass, int features, Span<float> distances)
    {
        // Each class may store up to three values past its last pair (whole Vector128 stores).
        if (distances.Length < (count + perClass - 1) / perClass * (perClass * (perClass - 1) / 2) + 3)
        {
            throw new ArgumentException("Too short for the pairs plus three.", nameof(distances));
        }

        ref float origin = ref MemoryMarshal.GetReference(prototypes);
        ref float output = ref MemoryMarshal.GetReference(distances);
        int pair = 0, start = 0;
        if (perClass == 3)
        {
            for (; start + 12 <= count; start += 12, pair += 12)
            {
                FourTriples(ref Unsafe.Add(ref origin, start * features), features, ref Unsafe.Add(ref output, pair));
            }
        }

        for (; start < count; start += perClass)
        {
            int n = Math.Min(perClass, count - start);
            ref float rows = ref Unsafe.Add(ref origin, start * features);
            if (n == 3)
            {
                Three(ref rows, features, ref Unsafe.Add(ref output, pair));
                pair += 3;
            }
            else
            {
                pair += General(ref rows, n, features, ref Unsafe.Add(ref output, pair));
            }
        }
    }

    /// <summary>Four classes of three rows: twelve accumulators in registers, reduced pair by pair across the classes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourTriples(ref float rows, int features, ref float output)
    {
        Vector512<float> a01 = default, a02 = default, a12 = default, b01 = default, b02 = default, b12 = default;
        Vector512<float> c01 = default, c02 = default, c12 = default, d01 = default, d02 = default, d12 = default;
        nuint stride = (nuint)features;
        for (nuint f = 0; f < stride; f += 16)
        {
            Accumulate(ref rows, stride, f, ref a01, ref a02, ref a12);
            Accumulate(ref Unsafe.Add(ref rows, 3 * stride), stride, f, ref b01, ref b02, ref b12);
            Accumulate(ref Unsafe.Add(ref rows, 6 * stride), stride, f, ref c01, ref c02, ref c12);
            Accumulate(ref Unsafe.Add(ref rows, 9 * stride), stride, f, ref d01, ref d02, ref d12);
        }

        Vector128.StoreUnsafe(Sum4(a01, b01, c01, d01), ref output, 0);
        Vector128.StoreUnsafe(Sum4(a02, b02, c02, d02), ref output, 4);
        Vector128.StoreUnsafe(Sum4(a12, b12, c12, d12), ref output, 8);
    }

    /// <summary>Three rows: each chunk of each row loaded once, three accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Three(ref float rows, int features, ref float output)
    {
        Vector512<float> s01 = default, s02 = default, s12 = default;
        nuint stride = (nuint)features;
        for (nuint f = 0; f < stride; f += 16)
        {
            Accumulate(ref rows, stride, f, ref s01, ref s02, ref s12);
        }

        Vector128.StoreUnsafe(Sum4(s01, s02, s12, default), ref output);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref float rows, nuint stride, nuint f, ref Vector512<float> s01, ref Vector512<float> s02, ref Vector512<float> s12)
    {
        var x0 = Vector512.LoadUnsafe(ref rows, f);
        var x1 = Vector512.LoadUnsafe(ref rows, stride + f);
        var x2 = Vector512.LoadUnsafe(ref rows, 2 * stride + f);
        var t01 = x0 - x1;
        var t02 = x0 - x2;
        var t12 = x1 - x2;
        s01 = Vector512.FusedMultiplyAdd(t01, t01, s01);
        s02 = Vector512.FusedMultiplyAdd(t02, t02, s02);
        s12 = Vector512.FusedMultiplyAdd(t12, t12, s12);
    }

    /// <summary>Any class size: row b against up to four earlier rows at a time, so each chunk of row b is loaded once per four pairs.</summary>
    private static int General(ref float rows, int n, int features, ref float output)
    {
        int pair = 0;
        for (int b = 1; b < n; b++)
        {
            ref float rb = ref Unsafe.Add(ref rows, b * features);
            for (int a = 0; a < b; a += 4)
            {
                int k = Math.Min(4, b - a);
                ref float r0 = ref Unsafe.Add(ref rows, a * features);
                ref float r1 = ref k > 1 ? ref Unsafe.Add(ref r0, features) : ref rb;
                ref float r2 = ref k > 2 ? ref Unsafe.Add(ref r0, 2 * features) : ref rb;
                ref float r3 = ref k > 3 ? ref Unsafe.Add(ref r0, 3 * features) : ref rb;
                Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default;
                for (nuint f = 0; f < (nuint)features; f += 16)
                {
                    var xb = Vector512.LoadUnsafe(ref rb, f);
                    var t0 = Vector512.LoadUnsafe(ref r0, f) - xb;
                    var t1 = Vector512.LoadUnsafe(ref r1, f) - xb;
                    var t2 = Vector512.LoadUnsafe(ref r2, f) - xb;
                    var t3 = Vector512.LoadUnsafe(ref r3, f) - xb;
                    s0 = Vector512.FusedMultiplyAdd(t0, t0, s0);
                    s1 = Vector512.FusedMultiplyAdd(t1, t1, s1);
                    s2 = Vector512.FusedMultiplyAdd(t2, t2, s2);
                    s3 = Vector512.FusedMultiplyAdd(t3, t3, s3);
                }

                // Lanes past k (pairs with row b itself, zero) are overwritten by the next store or lie past the class.
                Vector128.StoreUnsafe(Sum4(s0, s1, s2, s3), ref Unsafe.Add(ref output, pair));
                pair += k;
            }
        }

        return pair;
    }

    /// <summary>(Σa, Σb, Σc, Σd): halves added, then three horizontal adds for all four sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d)
    {
        Vector256<float> ha = Vector512.GetLower(a) + Vector512.GetUpper(a), hb = Vector512.GetLower(b) + Vector512.GetUpper(b);
        Vector256<float> hc = Vector512.GetLower(c) + Vector512.GetUpper(c), hd = Vector512.GetLower(d) + Vector512.GetUpper(d);
        Vector256<float> abcd = Avx.HorizontalAdd(Avx.HorizontalAdd(ha, hb), Avx.HorizontalAdd(hc, hd));
        return Vector256.GetLower(abcd) + Vector256.GetUpper(abcd);
    }
}
