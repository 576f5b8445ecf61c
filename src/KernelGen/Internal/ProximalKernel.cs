using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// Soft-thresholding and prosemble's elastic-net prox in one fused pass,
/// <c>y = (x − clamp(x, −t, t))·s</c> with <c>t = l1·lr</c> and <c>s = 1/(1 + l2·lr)</c>: the quotient
/// <c>sign(x)·max(|x| − t, 0)/(1 + l2·lr)</c> within three roundings in float (1.8e-7) and four in double (4.5e-16), an
/// exact +0 for <c>|x| ≤ t</c>, NaN kept, and the non-zeros counted in the same pass. Where <c>s</c> is subnormal,
/// and so short of bits, it divides instead. The reference and every generated class call this one routine (the pass
/// does not depend on the shape; generated code only checks the length against its shape first).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProximalKernel
{
    /// <summary>Checks the arguments, then runs the pass; nothing is written unless every check passes.</summary>
    /// <returns>The number of non-zero values written.</returns>
    /// <remarks>
    /// Inlined into each entry point (the checks are a few compares; the pass itself is a call to <see cref="Run"/>),
    /// so a generated class's prox costs what the reference's does, whatever else its caller inlines.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Apply<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validation.CheckElementType<T>();
        if (destination.Length != relevances.Length)
        {
            Validation.ThrowLength(nameof(destination), destination.Length, relevances.Length, "relevances.Length");
        }

        Validation.CheckNoPartialOverlap(relevances, destination);
        Validation.CheckProximal(l1Weight, l2Weight, lr);

        // Products in the element type (semantics.md); the division by 1 + l2·lr becomes one reciprocal where that is
        // a normal number. The reciprocal is taken in double and rounded once to the element type (in double, the plain
        // reciprocal): rounding 1 + b, its reciprocal, the subtraction and the multiply in float could miss the quotient
        // by 2.4e-7, over the 2e-7 tolerance, where three roundings stay within 1.8e-7.
        T threshold = l1Weight * lr;
        T product = l2Weight * lr;
        T denominator = T.One + product;
        T scale = Element.FromDouble<T>(1d / (1d + Element.ToDouble(product)));
        int length = relevances.Length;
        ref T source = ref MemoryMarshal.GetReference(relevances);
        ref T target = ref MemoryMarshal.GetReference(destination);
        if (T.IsSubnormal(scale))
        {
            // A reciprocal below the normal range has lost bits that the quotient may keep.
            return Divide(ref source, ref target, length, threshold, denominator);
        }

        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            return Run<Vector512Ops<T>, Vector512<T>, T>(ref source, ref target, length, threshold, scale);
        }

        if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            return Run<Vector256Ops<T>, Vector256<T>, T>(ref source, ref target, length, threshold, scale);
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            return Run<Vector128Ops<T>, Vector128<T>, T>(ref source, ref target, length, threshold, scale);
        }

        return Scalar(ref source, ref target, length, threshold, scale, divide: false);
    }

    /// <summary>
    /// The pass dividing each value by <paramref name="denominator"/>, for 1 + l2·lr so large (above about 8.5e37 in
    /// float, 4.5e307 in double) that its reciprocal is subnormal: rare enough to run in scalars.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Divide<T>(ref T source, ref T target, int length, T threshold, T denominator)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Scalar(ref source, ref target, length, threshold, denominator, divide: true);

    /// <summary>
    /// The pass in scalars: each value's shrunk magnitude times <paramref name="factor"/>, or divided by it where
    /// <paramref name="divide"/>. Inlined, so each caller's constant <paramref name="divide"/> leaves one loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Scalar<T>(ref T source, ref T target, int length, T threshold, T factor, bool divide)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int zeros = 0;
        for (int i = 0; i < length; i++)
        {
            T x = Unsafe.Add(ref source, i);
            T shrunk = x - T.Clamp(x, -threshold, threshold);
            T y = divide ? shrunk / factor : shrunk * factor;
            Unsafe.Add(ref target, i) = y;
            if (y == T.Zero) zeros++;
        }

        return length - zeros;
    }

    /// <summary>The pass at one vector width, for <paramref name="length"/> ≥ one vector.</summary>
    /// <remarks>
    /// Not inlined: <see cref="Apply"/> picks the width by the length at run time, so an inlined pass would make the
    /// JIT compile all three widths on the first call (tens of milliseconds in a fresh process); as separate methods
    /// only the width a call takes is compiled.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Run<W, TV, T>(ref T source, ref T target, int length, T threshold, T scale)
        where W : IVectorOps<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint n = (nuint)length, i = 0, lanes = (nuint)W.Count;
        // The clamp's bound is the threshold t.
        TV negatedBound = W.Create(-threshold), bound = W.Create(threshold), factor = W.Create(scale);
        int zeros = 0;

        // The last vector's original values, read before any store so an in-place call sees its input.
        TV last = W.Load(ref source, n - lanes);
        for (; i + 4 * lanes <= n; i += 4 * lanes)
        {
            // Four vectors per iteration keep the load, clamp, subtract, scale and store units busy.
            zeros += Step<W, TV, T>(W.Load(ref source, i), ref target, i, negatedBound, bound, factor);
            zeros += Step<W, TV, T>(W.Load(ref source, i + lanes), ref target, i + lanes, negatedBound, bound, factor);
            zeros += Step<W, TV, T>(W.Load(ref source, i + 2 * lanes), ref target, i + 2 * lanes, negatedBound, bound, factor);
            zeros += Step<W, TV, T>(W.Load(ref source, i + 3 * lanes), ref target, i + 3 * lanes, negatedBound, bound, factor);
        }

        for (; i + lanes <= n; i += lanes)
        {
            zeros += Step<W, TV, T>(W.Load(ref source, i), ref target, i, negatedBound, bound, factor);
        }

        if (i < n)
        {
            // The remainder: the last vector again, counting only its lanes past i (the others were counted above and
            // get the same values), so the shift drops the bits of the lanes below lanes − (n − i).
            TV y = W.Multiply(W.Subtract(last, W.ClampSymmetric(last, negatedBound, bound)), factor);
            W.Store(y, ref target, n - lanes);
            zeros += BitOperations.PopCount(W.ZeroBits(y) >> (int)(lanes - (n - i)));
        }

        return length - zeros;
    }

    /// <summary>One vector: clamp, subtract, scale, store; returns its zero count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step<W, TV, T>(TV x, ref T target, nuint offset, TV negatedBound, TV bound, TV factor)
        where W : IVectorOps<TV, T>
        where TV : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TV y = W.Multiply(W.Subtract(x, W.ClampSymmetric(x, negatedBound, bound)), factor);
        W.Store(y, ref target, offset);

        // Counted through a mask and popcnt: the vector ports are the loop's bottleneck, the scalar ones are idle.
        return BitOperations.PopCount(W.ZeroBits(y));
    }
}
