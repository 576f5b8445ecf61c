using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen;

/// <summary>
/// Argument checks shared by <see cref="Regularizers"/> and the kernels the generator emits, so both throw the
/// same exception types with the same <see cref="ArgumentException.ParamName"/> and message.
/// </summary>
/// <remarks>
/// Generated code calls these after its own inline comparisons fail, keeping the throw paths out of the hot
/// method bodies; the throw helpers are never inlined, since one inlined into an entry brings its message formatting
/// (an interpolated-string handler on the frame) into every call. Every check runs before any output buffer is
/// written.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Validation
{
    /// <summary>Throws unless <paramref name="sigmaDiv"/> is positive and finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckSigma(double sigmaDiv) => CheckSigma<double>(sigmaDiv);

    /// <summary>Throws unless <paramref name="sigmaDiv"/> is positive and finite; the exception carries it as given.</summary>
    /// <remarks>
    /// Beside the <see cref="double"/> overload, which code compiled against earlier versions calls, so that a float σ
    /// is reported as the caller wrote it, not widened (-0.1f, not -0.10000000149011612).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckSigma<T>(T sigmaDiv)
        where T : IFloatingPointIeee754<T>
    {
        // The negated comparison also rejects NaN.
        if (!(sigmaDiv > T.Zero && sigmaDiv < T.PositiveInfinity))
        {
            ThrowSigma(sigmaDiv);
        }
    }

    /// <summary>
    /// Throws a <see cref="NotSupportedException"/> unless <typeparamref name="T"/> is float or double, as the runtime's
    /// vector types do for an element type they do not support: the generic constraint admits others (<see cref="Half"/>).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckElementType<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) ThrowElementType(typeof(T));
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowElementType(Type type) =>
        throw new NotSupportedException($"Element type {type} is not supported; use float or double.");

    /// <summary>
    /// Throws an <see cref="ArgumentOutOfRangeException"/> naming the parameter unless the shape is within the limits
    /// a <c>[Shapes]</c> declaration has (KG0002, KG0003, KG0005).
    /// </summary>
    public static void CheckShape(int nClasses, int maxPerClass, int features, double epsilon)
    {
        CheckSizes(nClasses, maxPerClass, features);
        CheckEpsilon(epsilon);
    }

    /// <summary>
    /// The class limits of <see cref="CheckShape"/> alone, for the reference's per-call overloads, whose features follow
    /// from the lengths.
    /// </summary>
    internal static void CheckClasses(int nClasses, int maxPerClass) => CheckSizes(nClasses, maxPerClass, features: null);

    /// <summary>Every size below 1 first, then the limits, as the generator reports KG0002 before KG0003.</summary>
    private static void CheckSizes(int nClasses, int maxPerClass, int? features)
    {
        if (nClasses < 1) ThrowShape(nameof(nClasses), nClasses);
        if (maxPerClass < 1) ThrowShape(nameof(maxPerClass), maxPerClass);
        if (features is int below && below < 1) ThrowShape(nameof(features), below);
        if (nClasses > ShapeLimits.MaxClasses) ThrowLimit(nameof(nClasses), nClasses, $"at most {ShapeLimits.MaxClasses}");
        if (maxPerClass > ShapeLimits.MaxPerClass) ThrowLimit(nameof(maxPerClass), maxPerClass, $"at most {ShapeLimits.MaxPerClass}");
        if (features is int wide && wide > ShapeLimits.MaxFeatures) ThrowLimit(nameof(features), wide, $"at most {ShapeLimits.MaxFeatures}");
        if ((long)nClasses * maxPerClass > ShapeLimits.MaxPrototypes) ThrowLimit(nameof(maxPerClass), maxPerClass, $"such that nClasses · maxPerClass ≤ {ShapeLimits.MaxPrototypes}");
        if (features is int f && (long)nClasses * maxPerClass * f > ShapeLimits.MaxElements) ThrowLimit(nameof(features), f, $"such that nClasses · maxPerClass · features ≤ {ShapeLimits.MaxElements}");
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLimit(string paramName, int value, string limit) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be {limit}.");

    /// <summary>Throws unless <paramref name="epsilon"/> is positive and at most <see cref="ShapeLimits.MaxEpsilon"/>.</summary>
    public static void CheckEpsilon(double epsilon)
    {
        if (!(epsilon > 0 && epsilon <= ShapeLimits.MaxEpsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and at most 1e150.");
        }
    }

    /// <summary>Throws unless the proximal step's weights and learning rate are valid.</summary>
    /// <param name="l1Weight">Must be ≥ 0 (not NaN).</param>
    /// <param name="l2Weight">Must be ≥ 0 (not NaN).</param>
    /// <param name="lr">Must be positive and finite.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckProximal(double l1Weight, double l2Weight, double lr) => CheckProximal<double>(l1Weight, l2Weight, lr);

    /// <summary>
    /// Throws unless the proximal step's weights and learning rate are valid; the exception carries the bad value as
    /// given (see <see cref="CheckSigma{T}(T)"/>).
    /// </summary>
    /// <param name="l1Weight">Must be ≥ 0 (not NaN).</param>
    /// <param name="l2Weight">Must be ≥ 0 (not NaN).</param>
    /// <param name="lr">Must be positive and finite.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckProximal<T>(T l1Weight, T l2Weight, T lr)
        where T : IFloatingPointIeee754<T>
    {
        if (!(l1Weight >= T.Zero)) ThrowWeight(nameof(l1Weight), l1Weight);
        if (!(l2Weight >= T.Zero)) ThrowWeight(nameof(l2Weight), l2Weight);
        if (!(lr > T.Zero && lr < T.PositiveInfinity)) ThrowLearningRate(lr);
    }

    /// <summary>
    /// Throws when <paramref name="destination"/> overlaps <paramref name="relevances"/> other than exactly; call it
    /// once the lengths are known to be equal.
    /// </summary>
    /// <remarks>
    /// Two compares on the byte offset, inlined: <c>MemoryExtensions.Overlaps</c> is not inlined into the fully
    /// optimised prox entry, and its call is a large share of a short prox's time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckNoPartialOverlap<T>(ReadOnlySpan<T> relevances, Span<T> destination)
    {
        if (Overlap(relevances, destination, out nint offset) && offset != 0)
        {
            ThrowPartialOverlap();
        }
    }

    /// <summary>
    /// Throws when <paramref name="gradient"/> shares any memory with <paramref name="prototypes"/>: the kernels read
    /// the prototypes again after writing rows (the rows of the next pair or class), so a shared buffer would be read
    /// back half overwritten. Call it once the lengths are known to be equal.
    /// </summary>
    /// <param name="prototypes">The values the call reads.</param>
    /// <param name="gradient">The buffer the call writes.</param>
    /// <param name="gradientName">The gradient's parameter: <c>gradient</c> or <c>classGradient</c>.</param>
    /// <param name="prototypesName">The prototypes' parameter: <c>prototypes</c> or <c>classPrototypes</c>.</param>
    /// <remarks>Two compares on the byte offset, inlined, as <see cref="CheckNoPartialOverlap{T}"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckGradientApart<T>(ReadOnlySpan<T> prototypes, Span<T> gradient, string gradientName, string prototypesName)
    {
        if (Overlap(prototypes, gradient, out _))
        {
            ThrowGradientOverlap(gradientName, prototypesName);
        }
    }

    /// <summary>
    /// Whether <paramref name="written"/>, of the same length as <paramref name="read"/>, shares memory with it, and at
    /// which byte offset from it: two compares on the offset. Buffers that only touch do not overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Overlap<T>(ReadOnlySpan<T> read, Span<T> written, out nint offset)
    {
        offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(read), ref MemoryMarshal.GetReference(written));
        nint bytes = (nint)read.Length * Unsafe.SizeOf<T>();
        return offset > -bytes && offset < bytes;
    }

    /// <summary>
    /// The member count n of one class's rows for the class kernels, after checking that
    /// <paramref name="length"/> is n × <paramref name="features"/> with 1 ≤ n ≤ <paramref name="maxPerClass"/> and,
    /// with a gradient, that <paramref name="gradientLength"/> equals it.
    /// </summary>
    /// <param name="length">The length of <c>classPrototypes</c>.</param>
    /// <param name="gradientLength">The length of <c>classGradient</c> (not checked without a gradient).</param>
    /// <param name="withGradient">Whether the call writes a gradient.</param>
    /// <param name="features">The shape's features per prototype.</param>
    /// <param name="maxPerClass">The shape's largest class.</param>
    /// <returns>n.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ClassMembers(int length, int gradientLength, bool withGradient, int features, int maxPerClass)
    {
        int n = length / features;
        if (length == 0 || n * features != length || n > maxPerClass) ThrowClassLength(length, features, maxPerClass);
        if (withGradient && gradientLength != length) ThrowLength("classGradient", gradientLength, length, "classPrototypes.Length");
        return n;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowClassLength(int length, int features, int maxPerClass) =>
        throw new ArgumentException(
            $"classPrototypes has length {length}{(length > 0 && length % features == 0 ? $" ({length / features} rows of {features})" : "")}; expected a multiple of {features} from {features} to {(long)features * maxPerClass} (n × {features} with 1 ≤ n ≤ {maxPerClass}).",
            "classPrototypes");

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> for a buffer of the wrong length: "gradient has length 767; expected
    /// 768 (prototypes.Length)."
    /// </summary>
    /// <param name="paramName">The buffer's parameter.</param>
    /// <param name="actual">Its length.</param>
    /// <param name="expected">The length it must have.</param>
    /// <param name="expectedAs">Where that length comes from, in the caller's terms.</param>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLength(string paramName, int actual, long expected, string expectedAs) =>
        throw new ArgumentException($"{paramName} has length {actual}; expected {expected} ({expectedAs}).", paramName);

    /// <summary>Throws for prototypes that are not <paramref name="count"/> rows of <paramref name="features"/>.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowPrototypesLength(int actual, int count, int features) =>
        ThrowLength("prototypes", actual, (long)count * features, $"protoLabels.Length × {features}");

    /// <summary>Throws for a gradient whose length is not the prototypes'.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowGradientLength(int actual, int prototypesLength) =>
        ThrowLength("gradient", actual, prototypesLength, "prototypes.Length");

    /// <summary>Throws for relevances that are not whole rows of <paramref name="features"/>: k × features for any k ≥ 1.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowRelevancesRows(int actual, int features) =>
        ThrowLengthMultiple("relevances", actual, features, "k × Features for any k ≥ 1");

    /// <summary>
    /// Throws for relevances that are not 1 to <paramref name="maxRows"/> rows of <paramref name="features"/>. The kernels
    /// now take any number of rows (<see cref="ThrowRelevancesRows"/>); this stays for assemblies built against the
    /// first version's generated code, which call it.
    /// </summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowRelevancesLength(int actual, int features, int maxRows) =>
        throw new ArgumentException(
            $"relevances has length {actual}; expected a multiple of {features} from {features} to {(long)features * maxRows} (k × {features} with 1 ≤ k ≤ {maxRows}).",
            "relevances");

    /// <summary>Throws for a buffer whose length is not a positive multiple of <paramref name="factor"/>.</summary>
    /// <param name="paramName">The buffer's parameter.</param>
    /// <param name="actual">Its length.</param>
    /// <param name="factor">What its length must be a multiple of.</param>
    /// <param name="expectedAs">Where that length comes from, in the caller's terms.</param>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLengthMultiple(string paramName, int actual, int factor, string expectedAs) =>
        throw new ArgumentException($"{paramName} has length {actual}; expected a positive multiple of {factor} ({expectedAs}).", paramName);

    /// <summary>Throws for a label outside <c>[0, nClasses)</c>.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLabelOutOfRange(int index, int label, int nClasses) =>
        throw new ArgumentOutOfRangeException("protoLabels", label, $"protoLabels[{index}] = {label} is outside [0, {nClasses}).");

    /// <summary>Throws for a negative label (the unbounded overloads infer the class count from the labels).</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNegativeLabel(int index, int label) =>
        throw new ArgumentOutOfRangeException("protoLabels", label, $"protoLabels[{index}] = {label} is negative.");

    /// <summary>Throws for a class holding more than <paramref name="maxPerClass"/> prototypes.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowClassTooLarge(int label, int maxPerClass) =>
        throw new ArgumentException($"Class {label} has more than maxPerClass = {maxPerClass} prototypes.", "protoLabels");

    /// <summary>Throws for more labels than <c>nClasses × maxPerClass</c>.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTooManyLabels(int count, long maxPrototypes) =>
        throw new ArgumentException($"protoLabels has {count} labels; at most nClasses × maxPerClass = {maxPrototypes} are allowed.", "protoLabels");

    /// <summary>Throws for a shape parameter below 1.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowShape(string paramName, int value) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least 1.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSigma<T>(T sigmaDiv) =>
        throw new ArgumentOutOfRangeException(nameof(sigmaDiv), sigmaDiv, "sigmaDiv must be positive and finite.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWeight<T>(string paramName, T value) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be non-negative, not NaN.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLearningRate<T>(T lr) =>
        throw new ArgumentOutOfRangeException(nameof(lr), lr, "lr must be positive and finite.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowGradientOverlap(string gradientName, string prototypesName) =>
        throw new ArgumentException($"{gradientName} shares memory with {prototypesName}; the gradient needs a buffer of its own.", gradientName);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPartialOverlap() =>
        throw new ArgumentException("destination overlaps relevances without being the same memory; use the in-place overload or separate buffers.", "destination");
}
