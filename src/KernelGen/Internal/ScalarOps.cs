using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// The width without SIMD, where no vector width is accelerated or a row is shorter than every vector the hardware
/// has: a "vector" of one element, computed in double. Sequential sums lose more than a vector's interleaved ones, so
/// squared distances are accumulated in double here, also for float.
/// </summary>
/// <typeparam name="T">The element type in memory.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public readonly struct ScalarOps<T> : IVectorOps<double, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => true;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static double Zero => 0d;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Create(T value) => Element.ToDouble(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref T source, nuint offset) => Element.ToDouble(Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = Element.FromDouble<T>(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double a, double b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAddNegated(double a, double b, double c) => c - a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Clamp(double x, double low, double high) => x < low ? low : x > high ? high : x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ClampSymmetric(double x, double negatedBound, double bound) => Clamp(x, negatedBound, bound);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZeroBits(double value) => value == 0 ? 1UL : 0UL;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double KeepLast(double value, int lanes) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sum4(double a, double b, double c, double d) => Vector256.Create(a, b, c, d);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(double value) => value;
}
