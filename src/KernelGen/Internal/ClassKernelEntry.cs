using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// A generated kernel's code for one class alone, as the class kernels run it: the shape's scalar lone-class path where
/// its plan has one (<c>UnrolledRows.LoneClass{m}</c>, shapes of up to 4 members per class), else, and for a class with
/// a non-finite distance, its width-generic cores. Generated code implements it on a struct;
/// <see cref="ClassKernelEntry.Term{TCode, T}"/> calls it.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public interface ILoneClassCode<T>
    where T : unmanaged
{
    /// <summary>
    /// The widest vector, in bytes, the shape's plan runs (64, 32 or 16; 0 for the scalar code alone): a vector wider
    /// than a row is never used.
    /// </summary>
    static abstract int WidestVectorBytes { get; }

    /// <summary>The class's term and, <paramref name="withGradient"/>, its rows: the scalar path or the cores on the classes <paramref name="ends"/> describes.</summary>
    /// <param name="origin">The class's first value.</param>
    /// <param name="ends">Class ends: the class's <c>n</c>, then empty classes.</param>
    /// <param name="order">A null reference: rows by position.</param>
    /// <param name="sigma">The RBF bandwidth σ.</param>
    /// <param name="gradientOrigin">The class's first gradient value (unused without a gradient).</param>
    /// <param name="n">The class's members, 2 … MaxPerClass.</param>
    /// <param name="withGradient">Whether to run the gradient core.</param>
    /// <returns>The class's term −log det(K + εI).</returns>
    static abstract T Term<W, TV>(ref T origin, ref int ends, ref int order, double sigma, ref T gradientOrigin, int n, bool withGradient)
        where W : IVectorOps<TV, T>
        where TV : struct;
}

/// <summary>
/// The class kernels' entry, the same for every shape: the checks, then the shape's own code
/// (<see cref="ILoneClassCode{T}"/>) on the class alone, at the widest width the hardware accelerates among those the shape
/// runs. Either the class in scalars (shapes of up to 4 members per class), with one lane of the block code's
/// operations, or the class as class 0 of a range of one, in the first lane of its block with the other lanes empty;
/// its rows are addressed by position as class-major labels address them. Both are the arithmetic and order of the full
/// call, so its gradient rows are the bits the full call writes for that class.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public static class ClassKernelEntry
{
    /// <summary>One class's term and, <paramref name="withGradient"/>, its gradient rows, after every check has passed.</summary>
    /// <typeparam name="TCode">The shape's code for one class.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="classPrototypes">The class's n × <paramref name="features"/> values.</param>
    /// <param name="classGradient">Receives the rows; its length is checked only <paramref name="withGradient"/>.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ.</param>
    /// <param name="withGradient">Whether to write the rows.</param>
    /// <param name="features">The shape's features per prototype.</param>
    /// <param name="maxPerClass">The shape's largest class.</param>
    /// <returns>The term; 0 for one member.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Term<TCode, T>(ReadOnlySpan<T> classPrototypes, Span<T> classGradient, T sigmaDiv, bool withGradient, int features, int maxPerClass)
        where TCode : ILoneClassCode<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Checks first: nothing is written unless all of them pass.
        int n = Validation.CheckClass(classPrototypes, classGradient, sigmaDiv, withGradient, features, maxPerClass);
        double sigma = Element.ToDouble(sigmaDiv);
        if (n == 1)
        {
            // No pair: the term is 0 and the row zero, as the full call leaves a lone member's.
            classGradient.Clear();
            return T.Zero;
        }

        // Class 0's run ends at n; the three classes after it in its block are empty. A local, not a stackalloc, so
        // that this method inlines into the generated entry, where the shape's constants fold into the checks; four
        // stores, not Span.Fill, whose inlined body spent the entry's inlining budget and left the shape's Term a call.
        BlockEnds lone = default;
        lone[0] = n;
        lone[1] = n;
        lone[2] = n;
        lone[3] = n;
        ref T origin = ref MemoryMarshal.GetReference(classPrototypes);
        ref T gradientOrigin = ref MemoryMarshal.GetReference(classGradient);
        ref int ends = ref lone[0];
        ref int order = ref Unsafe.NullRef<int>();

        // The widest vector the hardware accelerates and the shape runs (JIT-time constants: one branch survives).
        if (Vector512.IsHardwareAccelerated && TCode.WidestVectorBytes >= 64) return TCode.Term<Vector512Ops<T>, Vector512<T>>(ref origin, ref ends, ref order, sigma, ref gradientOrigin, n, withGradient);
        if (Vector256.IsHardwareAccelerated && TCode.WidestVectorBytes >= 32) return TCode.Term<Vector256Ops<T>, Vector256<T>>(ref origin, ref ends, ref order, sigma, ref gradientOrigin, n, withGradient);
        if (Vector128.IsHardwareAccelerated && TCode.WidestVectorBytes >= 16) return TCode.Term<Vector128Ops<T>, Vector128<T>>(ref origin, ref ends, ref order, sigma, ref gradientOrigin, n, withGradient);
        return TCode.Term<ScalarOps<T>, double>(ref origin, ref ends, ref order, sigma, ref gradientOrigin, n, withGradient);
    }
}

/// <summary>The class ends of one block of four classes.</summary>
[InlineArray(4)]
internal struct BlockEnds
{
    private int _end;
}
