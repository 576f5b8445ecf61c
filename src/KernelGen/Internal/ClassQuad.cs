using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// Four consecutive classes taken together by the unrolled kernels, one per lane of a <see cref="Vector256{T}"/>
/// of double: each class's member count and the start of its run in the grouped order. A class with fewer than
/// two members has no pair and takes no part: its count is 0 (an identity block).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ClassQuad
{
    /// <summary>Member counts of the four lanes (0 for a class without a pair, or past the last class).</summary>
    public int N0, N1, N2, N3;

    /// <summary>Where each lane's members start in the grouped order.</summary>
    public int Start0, Start1, Start2, Start3;

    /// <summary>The member counts as the lanes of one vector.</summary>
    public readonly Vector256<double> Sizes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create((double)N0, N1, N2, N3);
    }

    /// <summary>
    /// Classes <paramref name="first"/> … <paramref name="first"/> + 3 (those below <paramref name="nClasses"/>),
    /// whose runs start at <paramref name="cursor"/> in the grouped order; advances the cursor past them.
    /// </summary>
    /// <param name="ends">Each class's run end, as grouped by <see cref="LabelGroups.Group"/>.</param>
    /// <param name="first">The block's first class.</param>
    /// <param name="nClasses">The shape's class count.</param>
    /// <param name="cursor">Where the first class's run starts; on return, where the next block's does.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ClassQuad Take(ref int ends, int first, int nClasses, ref int cursor)
    {
        ClassQuad quad = default;
        quad.Start0 = cursor;
        quad.N0 = Next(ref ends, first, ref cursor);
        quad.Start1 = cursor;
        quad.N1 = first + 1 < nClasses ? Next(ref ends, first + 1, ref cursor) : 0;
        quad.Start2 = cursor;
        quad.N2 = first + 2 < nClasses ? Next(ref ends, first + 2, ref cursor) : 0;
        quad.Start3 = cursor;
        quad.N3 = first + 3 < nClasses ? Next(ref ends, first + 3, ref cursor) : 0;
        return quad;
    }

    /// <summary>
    /// As <see cref="Take"/>, and zeroes the gradient row of every class with a single member (a lone prototype has
    /// no same-class pair, so its gradient is zero and no block writes it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ClassQuad TakeClearingLoneRows<T>(ref int ends, int first, int nClasses, ref int cursor, ref int order, ref T gradientOrigin, int features)
    {
        int begin = cursor;
        for (int c = first; c < first + 4 && c < nClasses; c++)
        {
            int end = Unsafe.Add(ref ends, c);
            if (end - begin == 1)
            {
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref gradientOrigin, (nint)LabelGroups.Member(ref order, begin) * features), features).Clear();
            }

            begin = end;
        }

        return Take(ref ends, first, nClasses, ref cursor);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(ref int ends, int c, ref int cursor)
    {
        int end = Unsafe.Add(ref ends, c);
        int n = end - cursor;
        cursor = end;
        return n < 2 ? 0 : n;
    }
}
