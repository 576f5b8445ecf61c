using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen.Internal;

/// <summary>
/// Soft-thresholding and the seed's elastic-net prox in one fused pass:
/// <c>x ↦ sign(x)·max(|x| − t, 0) / (1 + b)</c>, exact zeros for <c>|x| ≤ t</c>, NaN kept, non-zeros counted.
/// </summary>
internal static class ProximalKernel
{
    public static int Apply<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length != relevances.Length)
        {
            Validation.ThrowLength(nameof(destination), destination.Length, $"relevances.Length ({relevances.Length})");
        }

        Validation.CheckNoPartialOverlap(relevances, destination);
        Validation.CheckProximal(double.CreateTruncating(l1Weight), double.CreateTruncating(l2Weight), double.CreateTruncating(lr));

        // Products taken in the element type (semantics.md). Dividing by 1 + b is done as a multiplication by its
        // reciprocal, as the generated kernels do: within one ulp of the division, and several times cheaper.
        T t = l1Weight * lr;
        T scale = T.One / (T.One + l2Weight * lr);
        return Run(relevances, destination, t, scale);
    }

    /// <summary>
    /// <c>y = (x − clamp(x, −t, t))·scale</c>: equal to <c>sign(x)·max(|x| − t, 0)·scale</c>, an exact +0 for
    /// <c>|x| ≤ t</c>, NaN for NaN, in three vector operations and no compare-and-blend.
    /// </summary>
    private static int Run<T>(ReadOnlySpan<T> source, Span<T> destination, T t, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T src = ref MemoryMarshal.GetReference(source);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        int n = source.Length, i = 0, zeros = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            Vector<T> vt = new(t), vnt = new(-t), vs = new(scale);
            Vector<int> zeroLanes = Vector<int>.Zero;
            Vector<long> zeroLanes64 = Vector<long>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> x = Vector.LoadUnsafe(ref src, (nuint)i);
                Vector<T> y = (x - Vector.Min(Vector.Max(x, vnt), vt)) * vs;
                y.StoreUnsafe(ref dst, (nuint)i);

                // A true lane is all ones, i.e. −1 as an integer: subtracting counts the zeros.
                if (typeof(T) == typeof(float)) zeroLanes -= Vector.Equals(y, Vector<T>.Zero).As<T, int>();
                else zeroLanes64 -= Vector.Equals(y, Vector<T>.Zero).As<T, long>();
            }

            zeros = typeof(T) == typeof(float) ? Vector.Sum(zeroLanes) : (int)Vector.Sum(zeroLanes64);
        }

        for (; i < n; i++)
        {
            T x = Unsafe.Add(ref src, i);
            T y = (x - T.Clamp(x, -t, t)) * scale;
            Unsafe.Add(ref dst, i) = y;
            if (y == T.Zero) zeros++;
        }

        return n - zeros;
    }
}
