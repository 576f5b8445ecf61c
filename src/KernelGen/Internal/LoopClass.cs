using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen.Internal;

/// <summary>
/// One class of the generated loop path (classes too large to unroll): its Gram matrix filled entry by entry into
/// scratch and factorised by <see cref="DenseCholesky"/>, and for the gradient each pair's share added to both rows.
/// Generic over the vector width, the element type and the row length (an <see cref="IFeatureCount"/>, a constant to the JIT),
/// so every shape gets its own machine code from this one text.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public static class LoopClass
{
    /// <summary>Zeroes the gradient rows of a class's <paramref name="n"/> members (a parallel chunk clears only its own classes' rows).</summary>
    /// <param name="gradientOrigin">The first gradient value.</param>
    /// <param name="order">The grouped order, or a null reference for class-major labels (<see cref="LabelGroups.Member"/>).</param>
    /// <param name="start">Where the class's run starts in it.</param>
    /// <param name="n">Members.</param>
    /// <param name="features">Values per row.</param>
    public static void ClearRows<T>(ref T gradientOrigin, ref int order, int start, int n, int features)
    {
        for (int i = 0; i < n; i++)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradientOrigin, (nint)LabelGroups.Member(ref order, start + i) * features), features).Clear();
        }
    }

    /// <summary>log det(K + εI) of the class of <paramref name="n"/> members; NaN when a coordinate is not finite.</summary>
    /// <param name="origin">The first prototype.</param>
    /// <param name="order">The grouped order, or a null reference for class-major labels (<see cref="LabelGroups.Member"/>).</param>
    /// <param name="start">Where the class's run starts in it.</param>
    /// <param name="n">Members, at least 2.</param>
    /// <param name="scale">1/(2σ²).</param>
    /// <param name="onePlusEpsilon">The diagonal, 1 + ε.</param>
    /// <param name="matrix">Scratch of at least 2·n² doubles.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogDeterminant<W, TV, T, F>(ref T origin, ref int order, int start, int n, double scale, double onePlusEpsilon, Span<double> matrix)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount
    {
        Span<double> factor = matrix.Slice(n * n, n * n);
        if (!Fill<W, TV, T, F>(ref origin, ref order, start, n, scale, onePlusEpsilon, matrix.Slice(0, n * n), factor))
        {
            return double.NaN;
        }

        return DenseCholesky.FactorLogDeterminant(factor, n);
    }

    /// <summary>
    /// As <see cref="LogDeterminant"/>, adding the class's share of the gradient to its members' rows (which start at
    /// zero); on a non-finite coordinate the rows become NaN.
    /// </summary>
    /// <param name="origin">The first prototype.</param>
    /// <param name="gradientOrigin">The first gradient row.</param>
    /// <param name="order">The grouped order, or a null reference for class-major labels (<see cref="LabelGroups.Member"/>).</param>
    /// <param name="start">Where the class's run starts in it.</param>
    /// <param name="n">Members, at least 2.</param>
    /// <param name="scale">1/(2σ²).</param>
    /// <param name="onePlusEpsilon">The diagonal, 1 + ε.</param>
    /// <param name="gradScale">2/σ².</param>
    /// <param name="tiny">Coefficients below this are skipped (they would be subnormal in the element type).</param>
    /// <param name="matrix">Scratch of at least 3·n² doubles.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double LogDeterminantWithGradient<W, TV, T, F>(ref T origin, ref T gradientOrigin, ref int order, int start, int n, double scale, double onePlusEpsilon, double gradScale, double tiny, Span<double> matrix)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount
    {
        int nn = n * n;
        Span<double> kernel = matrix.Slice(0, nn), factor = matrix.Slice(nn, nn), inverse = matrix.Slice(2 * nn, nn);
        if (!Fill<W, TV, T, F>(ref origin, ref order, start, n, scale, onePlusEpsilon, kernel, factor))
        {
            NonFinite.FillRowsWithNaN(ref gradientOrigin, ref order, start, n, F.Count);
            return double.NaN;
        }

        double logDet = DenseCholesky.FactorLogDeterminant(factor, n);
        DenseCholesky.Invert(factor, inverse, n);

        // Each pair adds c·(w_i − w_j) to row i and subtracts it from row j.
        for (int i = 0; i < n; i++)
        {
            nint rowI = (nint)LabelGroups.Member(ref order, start + i) * F.Count;
            for (int j = 0; j < i; j++)
            {
                nint rowJ = (nint)LabelGroups.Member(ref order, start + j) * F.Count;
                double coefficient = gradScale * inverse[i * n + j] * kernel[i * n + j];
                if (Math.Abs(coefficient) < tiny) continue;
                AddPairGradient<W, TV, T, F>(ref Unsafe.Add(ref origin, rowI), ref Unsafe.Add(ref origin, rowJ),
                    ref Unsafe.Add(ref gradientOrigin, rowI), ref Unsafe.Add(ref gradientOrigin, rowJ), Element.FromDouble<T>(coefficient));
            }
        }

        return logDet;
    }

    /// <summary>Kernel entries into <paramref name="kernel"/> and B = K + εI into <paramref name="factor"/>; false on a non-finite coordinate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fill<W, TV, T, F>(ref T origin, ref int order, int start, int n, double scale, double onePlusEpsilon, Span<double> kernel, Span<double> factor)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount
    {
        bool belowInfinity = true;
        for (int i = 0; i < n; i++)
        {
            ref T wi = ref Unsafe.Add(ref origin, (nint)LabelGroups.Member(ref order, start + i) * F.Count);
            for (int j = 0; j < i; j++)
            {
                double d = SquaredDistance<W, TV, T, F>(ref wi, ref Unsafe.Add(ref origin, (nint)LabelGroups.Member(ref order, start + j) * F.Count));
                belowInfinity &= d < double.PositiveInfinity;
                kernel[i * n + j] = factor[i * n + j] = Math.Exp(-(d * scale));
            }

            factor[i * n + i] = onePlusEpsilon;
        }

        // +∞ or NaN: a non-finite coordinate (the class becomes NaN) or a finite distance that overflowed (not special).
        return belowInfinity || NonFinite.RowsAreFinite(ref origin, ref order, start, n, F.Count);
    }

    /// <summary>Σ_f (a[f] − b[f])² over one row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SquaredDistance<W, TV, T, F>(ref T a, ref T b)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount
    {
        int features = F.Count;
        TV s = W.Zero;
        for (nuint o = 0; o + (nuint)W.Count <= (nuint)features; o += (nuint)W.Count)
        {
            TV t = W.Subtract(W.Load(ref a, o), W.Load(ref b, o));
            s = W.MultiplyAdd(t, t, s);
        }

        if (!typeof(F).IsAssignableTo(typeof(IWholeVectors)) && features % W.Count != 0)
        {
            // The last vector ends at the row's end and overlaps the one before: only its new lanes count.
            nuint o = (nuint)(features - W.Count);
            TV t = W.KeepLast(W.Subtract(W.Load(ref a, o), W.Load(ref b, o)), features % W.Count);
            s = W.MultiplyAdd(t, t, s);
        }

        return W.Sum(s);
    }

    /// <summary>ga += c·(a − b) and gb −= c·(a − b): one pair's share of the difference-form gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPairGradient<W, TV, T, F>(ref T a, ref T b, ref T ga, ref T gb, T c)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount
    {
        int features = F.Count;
        TV vc = W.Create(c), nc = W.Create(-c);
        for (nuint o = 0; o + (nuint)W.Count <= (nuint)features; o += (nuint)W.Count)
        {
            TV t = W.Subtract(W.Load(ref a, o), W.Load(ref b, o));
            W.Store(W.MultiplyAdd(vc, t, W.Load(ref ga, o)), ref ga, o);
            W.Store(W.MultiplyAdd(nc, t, W.Load(ref gb, o)), ref gb, o);
        }

        if (!typeof(F).IsAssignableTo(typeof(IWholeVectors)) && features % W.Count != 0)
        {
            // The overlapping tail accumulates, so its repeated lanes are masked to zero.
            nuint o = (nuint)(features - W.Count);
            TV t = W.KeepLast(W.Subtract(W.Load(ref a, o), W.Load(ref b, o)), features % W.Count);
            W.Store(W.MultiplyAdd(vc, t, W.Load(ref ga, o)), ref ga, o);
            W.Store(W.MultiplyAdd(nc, t, W.Load(ref gb, o)), ref gb, o);
        }
    }
}
