using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>Conversions of the element type <c>T</c> (float or double) the JIT resolves while importing.</summary>
/// <remarks>
/// <c>T.CreateTruncating</c> gives the same value, but the JIT reaches it through a chain of generic-math methods it
/// must import and inline at every call site, which makes the first compilation of a method with many conversions
/// (<c>ClassGradient8</c>) several times slower (docs/benchmarks.md, "First call"). A <c>typeof(T)</c> test and a
/// box/unbox pair of a known type fold away at import.
/// </remarks>
internal static class Element
{
    /// <summary>(T)<paramref name="value"/>, rounded to nearest as the cast rounds; <typeparamref name="T"/> is float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromDouble<T>(double value) where T : unmanaged =>
        typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    /// <summary>(double)<paramref name="value"/>, exact; <typeparamref name="T"/> is float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble<T>(T value) where T : unmanaged =>
        typeof(T) == typeof(float) ? (float)(object)value : (double)(object)value;
}
