using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace KernelGen.Internal;

// The three hardware widths of IVectorOps. They differ only in the vector type and in Sum4's x86 reduction, whose
// shuffles exist per width; each reduction is written where its width is.

/// <summary>512-bit vectors (AVX-512).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public readonly struct Vector512Ops<T> : IVectorOps<Vector512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static int Count => Vector512<T>.Count;

    /// <inheritdoc/>
    public static Vector512<T> Zero => Vector512<T>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Create(T value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => Vector512.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> a, Vector512<T> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(float)
            ? Vector512.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAddNegated(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (Avx512F.IsSupported && typeof(T) == typeof(float))
        {
            return Avx512F.FusedMultiplyAddNegated(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (Avx512F.IsSupported && typeof(T) == typeof(double))
        {
            return Avx512F.FusedMultiplyAddNegated(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        // Without the instruction, the negated coefficient through MultiplyAdd: equal by construction.
        return MultiplyAdd(-a, b, c);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    /// <inheritdoc/>
    /// <remarks>Max then min with x second: x86 returns the second operand on ties and NaN, so x comes back unchanged.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Clamp(Vector512<T> x, Vector512<T> low, Vector512<T> high) => Vector512.MinNative(high, Vector512.MaxNative(low, x));

    /// <inheritdoc/>
    /// <remarks>
    /// With AVX-512DQ one VRANGE (imm8 0b0010: the operand of smaller magnitude, with the sign of x) is the clamp to
    /// ±bound for every x but NaN: the prox loop is bound by the two 512-bit vector ports, so one operation fewer counts.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ClampSymmetric(Vector512<T> x, Vector512<T> negatedBound, Vector512<T> bound)
    {
        if (Avx512DQ.IsSupported && typeof(T) == typeof(float))
        {
            return Avx512DQ.Range(x.AsSingle(), bound.AsSingle(), 0b0010).As<float, T>();
        }

        if (Avx512DQ.IsSupported && typeof(T) == typeof(double))
        {
            return Avx512DQ.Range(x.AsDouble(), bound.AsDouble(), 0b0010).As<double, T>();
        }

        return Clamp(x, negatedBound, bound);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZeroBits(Vector512<T> value) => Vector512.ExtractMostSignificantBits(Vector512.Equals(value, Vector512<T>.Zero));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> KeepLast(Vector512<T> value, int lanes) =>
        value & Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(Element.FromDouble<T>(Count - lanes)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sum4(Vector512<T> a, Vector512<T> b, Vector512<T> c, Vector512<T> d)
    {
        if (Avx.IsSupported)
        {
            // Halves first: one add per vector, then the 256-bit reduction.
            return Vector256Ops<T>.Sum4(
                Vector512.GetLower(a) + Vector512.GetUpper(a), Vector512.GetLower(b) + Vector512.GetUpper(b),
                Vector512.GetLower(c) + Vector512.GetUpper(c), Vector512.GetLower(d) + Vector512.GetUpper(d));
        }

        return Vector256.Create(Sum(a), Sum(b), Sum(c), Sum(d));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<T> value) => Element.ToDouble(Vector512.Sum(value));
}

/// <summary>256-bit vectors (AVX2).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public readonly struct Vector256Ops<T> : IVectorOps<Vector256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static int Count => Vector256<T>.Count;

    /// <inheritdoc/>
    public static Vector256<T> Zero => Vector256<T>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Create(T value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => Vector256.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> a, Vector256<T> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(float)
            ? Vector256.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAddNegated(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAddNegated(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAddNegated(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        // Without the instruction, the negated coefficient through MultiplyAdd: equal by construction.
        return MultiplyAdd(-a, b, c);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    /// <inheritdoc/>
    /// <remarks>Max then min with x second: x86 returns the second operand on ties and NaN, so x comes back unchanged.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Clamp(Vector256<T> x, Vector256<T> low, Vector256<T> high) => Vector256.MinNative(high, Vector256.MaxNative(low, x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ClampSymmetric(Vector256<T> x, Vector256<T> negatedBound, Vector256<T> bound) => Clamp(x, negatedBound, bound);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZeroBits(Vector256<T> value) => Vector256.ExtractMostSignificantBits(Vector256.Equals(value, Vector256<T>.Zero));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> KeepLast(Vector256<T> value, int lanes) =>
        value & Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(Element.FromDouble<T>(Count - lanes)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sum4(Vector256<T> a, Vector256<T> b, Vector256<T> c, Vector256<T> d)
    {
        if (Avx.IsSupported && typeof(T) == typeof(float))
        {
            // Per 128-bit half: (a, b) then (c, d) pairwise, then once more gives the four partial sums; add the halves.
            Vector256<float> abcd = Avx.HorizontalAdd(
                Avx.HorizontalAdd(a.AsSingle(), b.AsSingle()), Avx.HorizontalAdd(c.AsSingle(), d.AsSingle()));
            return Avx.ConvertToVector256Double(Vector256.GetLower(abcd) + Vector256.GetUpper(abcd));
        }

        if (Avx.IsSupported && typeof(T) == typeof(double))
        {
            // (a0+a1, b0+b1, a2+a3, b2+b3) and the same for c, d; then the low halves plus the high halves.
            Vector256<double> ab = Avx.HorizontalAdd(a.AsDouble(), b.AsDouble()), cd = Avx.HorizontalAdd(c.AsDouble(), d.AsDouble());
            return Avx.Permute2x128(ab, cd, 0x20) + Avx.Permute2x128(ab, cd, 0x31);
        }

        return Vector256.Create(Sum(a), Sum(b), Sum(c), Sum(d));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<T> value) => Element.ToDouble(Vector256.Sum(value));
}

/// <summary>128-bit vectors (SSE, ARM64 AdvSimd).</summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public readonly struct Vector128Ops<T> : IVectorOps<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    /// <inheritdoc/>
    public static int Count => Vector128<T>.Count;

    /// <inheritdoc/>
    public static Vector128<T> Zero => Vector128<T>.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Create(T value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint offset) => Vector128.StoreUnsafe(value, ref destination, offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> a, Vector128<T> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) =>
        typeof(T) == typeof(float)
            ? Vector128.MultiplyAddEstimate(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector128.MultiplyAddEstimate(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAddNegated(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (Fma.IsSupported && typeof(T) == typeof(float))
        {
            return Fma.MultiplyAddNegated(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        }

        if (Fma.IsSupported && typeof(T) == typeof(double))
        {
            return Fma.MultiplyAddNegated(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        }

        if (AdvSimd.IsSupported && typeof(T) == typeof(float))
        {
            return AdvSimd.FusedMultiplySubtract(c.AsSingle(), a.AsSingle(), b.AsSingle()).As<float, T>();
        }

        if (AdvSimd.Arm64.IsSupported && typeof(T) == typeof(double))
        {
            return AdvSimd.Arm64.FusedMultiplySubtract(c.AsDouble(), a.AsDouble(), b.AsDouble()).As<double, T>();
        }

        // Without the instruction, the negated coefficient through MultiplyAdd: equal by construction.
        return MultiplyAdd(-a, b, c);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    /// <inheritdoc/>
    /// <remarks>Max then min with x second: x86 returns the second operand on ties and NaN, so x comes back unchanged.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Clamp(Vector128<T> x, Vector128<T> low, Vector128<T> high) => Vector128.MinNative(high, Vector128.MaxNative(low, x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ClampSymmetric(Vector128<T> x, Vector128<T> negatedBound, Vector128<T> bound) => Clamp(x, negatedBound, bound);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZeroBits(Vector128<T> value) => Vector128.ExtractMostSignificantBits(Vector128.Equals(value, Vector128<T>.Zero));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> KeepLast(Vector128<T> value, int lanes) =>
        value & Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Vector128.Create(Element.FromDouble<T>(Count - lanes)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sum4(Vector128<T> a, Vector128<T> b, Vector128<T> c, Vector128<T> d)
    {
        if (Sse3.IsSupported && typeof(T) == typeof(float))
        {
            Vector128<float> abcd = Sse3.HorizontalAdd(
                Sse3.HorizontalAdd(a.AsSingle(), b.AsSingle()), Sse3.HorizontalAdd(c.AsSingle(), d.AsSingle()));
            return Vector256.Create(Vector128.WidenLower(abcd), Vector128.WidenUpper(abcd));
        }

        if (Sse3.IsSupported && typeof(T) == typeof(double))
        {
            return Vector256.Create(Sse3.HorizontalAdd(a.AsDouble(), b.AsDouble()), Sse3.HorizontalAdd(c.AsDouble(), d.AsDouble()));
        }

        return Vector256.Create(Sum(a), Sum(b), Sum(c), Sum(d));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<T> value) => Element.ToDouble(Vector128.Sum(value));
}
