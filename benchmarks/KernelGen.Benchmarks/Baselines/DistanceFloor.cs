using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// The least work any correct diversity loss must do: every same-class squared distance, written out, with
/// class-major layout known in advance (classes are consecutive runs of rows) and no labels to read.
/// Hand-written AVX-512; <c>features</c> must be a multiple of 16.
/// </summary>
internal static class DistanceFloor
{
    public static void SquaredDistances(ReadOnlySpan<float> prototypes, int count, int perClass, int features, Span<float> distances)
    {
        ref float origin = ref MemoryMarshal.GetReference(prototypes);
        ref float output = ref MemoryMarshal.GetReference(distances);
        int pair = 0;
        for (int start = 0; start < count; start += perClass)
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

    /// <summary>Three rows: each chunk of each row loaded once, three accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Three(ref float rows, int features, ref float output)
    {
        ref float r1 = ref Unsafe.Add(ref rows, features);
        ref float r2 = ref Unsafe.Add(ref rows, 2 * features);
        Vector512<float> s01 = default, s02 = default, s12 = default;
        for (nuint f = 0; f < (nuint)features; f += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref rows, f);
            var x1 = Vector512.LoadUnsafe(ref r1, f);
            var x2 = Vector512.LoadUnsafe(ref r2, f);
            var t01 = x0 - x1;
            var t02 = x0 - x2;
            var t12 = x1 - x2;
            s01 = Vector512.FusedMultiplyAdd(t01, t01, s01);
            s02 = Vector512.FusedMultiplyAdd(t02, t02, s02);
            s12 = Vector512.FusedMultiplyAdd(t12, t12, s12);
        }

        output = Vector512.Sum(s01);
        Unsafe.Add(ref output, 1) = Vector512.Sum(s02);
        Unsafe.Add(ref output, 2) = Vector512.Sum(s12);
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

                Unsafe.Add(ref output, pair++) = Vector512.Sum(s0);
                if (k > 1) Unsafe.Add(ref output, pair++) = Vector512.Sum(s1);
                if (k > 2) Unsafe.Add(ref output, pair++) = Vector512.Sum(s2);
                if (k > 3) Unsafe.Add(ref output, pair++) = Vector512.Sum(s3);
            }
        }

        return pair;
    }
}
