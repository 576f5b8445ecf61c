using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// Non-finite coordinates (semantics.md): a NaN or ±∞ in a class of two or more members makes that class's term
/// NaN and all of its gradient rows NaN. Such a coordinate always shows as a squared distance of +∞ or NaN, but so
/// does a finite pair whose squared distance overflows, which is not special. So the kernels test their distances
/// (a few vector compares, off the dependency chain) and only on +∞ or NaN look at the class's rows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NonFinite
{
    /// <summary>Whether all <paramref name="count"/> (a multiple of 4) distances are below +∞ (and none is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBelowInfinity(ref double distances, int count)
    {
        Vector256<double> infinity = Vector256.Create(double.PositiveInfinity);
        Vector256<double> below = Vector256<double>.AllBitsSet;
        for (int i = 0; i < count; i += 4)
        {
            below &= Vector256.LessThan(Vector256.LoadUnsafe(ref distances, (nuint)i), infinity);
        }

        // Compared as bits: all-ones is a NaN pattern, which == on doubles would never find equal.
        return below.AsUInt64() == Vector256<ulong>.AllBitsSet;
    }

    /// <summary>
    /// The rare path of a block of the unrolled kernels: every lane whose class has a non-finite coordinate gets NaN
    /// distances (pair-major, entry 4·p + lane), so its determinant, its term and its gradient coefficients are NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void PoisonBlock<T>(ref double distances, int pairs, in ClassQuad quad, ref T origin, ref int order, int features)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PoisonLane(ref distances, pairs, 0, quad.N0, quad.Start0, ref origin, ref order, features);
        PoisonLane(ref distances, pairs, 1, quad.N1, quad.Start1, ref origin, ref order, features);
        PoisonLane(ref distances, pairs, 2, quad.N2, quad.Start2, ref origin, ref order, features);
        PoisonLane(ref distances, pairs, 3, quad.N3, quad.Start3, ref origin, ref order, features);
    }

    private static void PoisonLane<T>(ref double distances, int pairs, int lane, int n, int start, ref T origin, ref int order, int features)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n != 0 && !RowsAreFinite(ref origin, ref order, start, n, features))
        {
            for (int p = 0; p < pairs; p++)
            {
                Unsafe.Add(ref distances, 4 * p + lane) = double.NaN;
            }
        }
    }

    /// <summary>Whether every coordinate of the <paramref name="n"/> member rows from <paramref name="start"/> in the grouped order is finite.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool RowsAreFinite<T>(ref T origin, ref int order, int start, int n, int features)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            foreach (T x in MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref origin, (nint)LabelGroups.Member(ref order, start + i) * features), features))
            {
                if (!T.IsFinite(x)) return false;
            }
        }

        return true;
    }

    /// <summary>Fills the <paramref name="n"/> member rows from <paramref name="start"/> in the grouped order of <paramref name="gradientOrigin"/> with NaN.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FillRowsWithNaN<T>(ref T gradientOrigin, ref int order, int start, int n, int features)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradientOrigin, (nint)LabelGroups.Member(ref order, start + i) * features), features).Fill(T.NaN);
        }
    }
}
