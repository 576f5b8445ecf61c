using System.ComponentModel;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// One hardware vector width, as static operations on its vector type <typeparamref name="TVector"/> holding
/// elements <typeparamref name="T"/>. Kernels are written once, generic over an implementation
/// (<see cref="Vector512Ops{T}"/>, <see cref="Vector256Ops{T}"/>, <see cref="Vector128Ops{T}"/>,
/// <see cref="ScalarOps{T}"/>); the JIT compiles one copy per value-type argument with every call inlined and
/// <see cref="Count"/> a constant, so the generic code runs as if written for that width.
/// </summary>
/// <typeparam name="TVector">The vector type: <c>Vector512&lt;T&gt;</c>, …, or <see cref="double"/> for the scalar fallback.</typeparam>
/// <typeparam name="T">The element type in memory, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// The vector types cannot implement an interface of ours, so the operations live on a separate struct rather
/// than as operators on <typeparamref name="TVector"/> (the runtime's own <c>ISimdVector</c> is internal).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public interface IVectorOps<TVector, T>
    where TVector : struct
    where T : unmanaged
{
    /// <summary>Whether this width runs in hardware (a JIT-time constant).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Elements per vector (a JIT-time constant).</summary>
    static abstract int Count { get; }

    /// <summary>All zeros.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(T value);

    /// <summary>The vector at <paramref name="source"/> + <paramref name="offset"/> elements.</summary>
    static abstract TVector Load(ref T source, nuint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> + <paramref name="offset"/> elements.</summary>
    static abstract void Store(TVector value, ref T destination, nuint offset);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b + c, fused where the hardware fuses it.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>
    /// c − a · b, fused exactly where <see cref="MultiplyAdd"/> is, so it equals <c>MultiplyAdd(−a, b, c)</c> to the
    /// bit without a negated copy of <paramref name="a"/> (one register fewer per coefficient in the gradient rows).
    /// </summary>
    static abstract TVector MultiplyAddNegated(TVector a, TVector b, TVector c);

    /// <summary>
    /// <paramref name="value"/> with all but its last <paramref name="lanes"/> lanes zeroed: the new lanes of a last
    /// vector that overlaps the one before it.
    /// </summary>
    static abstract TVector KeepLast(TVector value, int lanes);

    /// <summary>a · b.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>
    /// clamp(x, low, high) for low ≤ high, returning x itself when it lies inside (so −0 stays −0) and NaN for NaN.
    /// </summary>
    static abstract TVector Clamp(TVector x, TVector low, TVector high);

    /// <summary>
    /// clamp(x, −bound, bound) for bound ≥ 0, as <see cref="Clamp"/> computes it, where <paramref name="negatedBound"/>
    /// is −bound (a loop's callers negate once, outside it), except that a NaN lane may come back as NaN or as ±bound.
    /// Where one operation does it from the bound alone (AVX-512DQ's VRANGE), <paramref name="negatedBound"/> is not
    /// read, and a quiet NaN may come back as ±bound with NaN's sign (AMD Zen 4 does so). A caller that must keep NaN
    /// subtracts the result from x, as the prox does (x − clamp is NaN either way).
    /// </summary>
    static abstract TVector ClampSymmetric(TVector x, TVector negatedBound, TVector bound);

    /// <summary>One bit per lane, lane i at bit i: set where the lane equals zero.</summary>
    static abstract ulong ZeroBits(TVector value);

    /// <summary>The sums of four vectors as the four lanes of one <see cref="Vector256{T}"/> of double.</summary>
    static abstract Vector256<double> Sum4(TVector a, TVector b, TVector c, TVector d);

    /// <summary>The sum of the lanes, as a double.</summary>
    static abstract double Sum(TVector value);
}
