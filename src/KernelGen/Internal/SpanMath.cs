using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen.Internal;

/// <summary>The two vector loops the reference diversity kernel needs, written once for float and double.</summary>
internal static class SpanMath
{
    /// <summary>
    /// Σ (a_i − b_i)²: whole vectors accumulated in the element type (as <c>semantics.md</c> allows), the rest in
    /// double, as the generated kernels' scalar code sums a row too short for a vector. In float, a row of one or two
    /// features summed in float puts a rounding of 2⁻²⁴ on every distance, which a near-singular class (many members on
    /// a line) amplifies past the float tolerance or into a negative pivot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SquaredDistance<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> d = Vector.LoadUnsafe(ref ra, (nuint)i) - Vector.LoadUnsafe(ref rb, (nuint)i);
                acc += d * d;
            }

            sum = double.CreateTruncating(Vector.Sum(acc));
        }

        for (; i < n; i++)
        {
            double d = double.CreateTruncating(Unsafe.Add(ref ra, i)) - double.CreateTruncating(Unsafe.Add(ref rb, i));
            sum += d * d;
        }

        return sum;
    }

    /// <summary>ga += c·(a − b) and gb −= c·(a − b): one pair's share of the difference-form gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddPairGradient<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> ga, Span<T> gb, T c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rga = ref MemoryMarshal.GetReference(ga);
        ref T rgb = ref MemoryMarshal.GetReference(gb);
        int n = a.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            Vector<T> vc = new(c);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                Vector<T> term = vc * (Vector.LoadUnsafe(ref ra, (nuint)i) - Vector.LoadUnsafe(ref rb, (nuint)i));
                (Vector.LoadUnsafe(ref rga, (nuint)i) + term).StoreUnsafe(ref rga, (nuint)i);
                (Vector.LoadUnsafe(ref rgb, (nuint)i) - term).StoreUnsafe(ref rgb, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            T term = c * (Unsafe.Add(ref ra, i) - Unsafe.Add(ref rb, i));
            Unsafe.Add(ref rga, i) += term;
            Unsafe.Add(ref rgb, i) -= term;
        }
    }
}
