using System.Numerics;
using KernelGen.Internal;

namespace KernelGen;

// The span overloads again, generic in the element type. With an explicit type argument the compiler considers only
// generic methods; without these, PrototypeDiversityLoss<float>(array, …) would convert the array to a rank-1
// ReadOnlyTensorSpan<float> and bind to a tensor overload. With them an array or span always binds to a span overload:
// both conversions apply and neither is better, so the tie-break decides, in which a value parameter beats an `in`
// parameter (the tensor overloads' prototypes and relevances must stay `in`, or such calls become ambiguous).
// Without a type argument a call that passes every parameter still binds to the float or double overload (a
// non-generic method beats a generic one with the same parameters); one that omits σ or lr may bind to the generic
// σ = 1 or lr = 1 overload below instead, which computes the same thing. Those are overloads, not defaults, because a
// generic parameter cannot default to 1.
public static partial class Regularizers
{
    /// <inheritdoc cref="PrototypeDiversityLoss(ReadOnlySpan{float}, ReadOnlySpan{int}, float, int, int, double)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <inheritdoc cref="PrototypeDiversityLoss(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float}, float, int, int, double)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, T sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <inheritdoc cref="PrototypeDiversityLoss(ReadOnlySpan{float}, ReadOnlySpan{int}, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>The diversity loss with classes = max label + 1 and σ = 1.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PrototypeDiversityLoss(prototypes, protoLabels, T.One);

    /// <inheritdoc cref="PrototypeDiversityLoss(ReadOnlySpan{float}, ReadOnlySpan{int}, Span{float}, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, T sigmaDiv)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>The diversity loss with classes = max label + 1, σ = 1, and its gradient written into <paramref name="gradient"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        PrototypeDiversityLoss(prototypes, protoLabels, gradient, T.One);

    /// <inheritdoc cref="SparseRelevanceProximal(ReadOnlySpan{float}, Span{float}, float, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, destination, l1Weight, T.Zero, lr);

    /// <summary>Soft-thresholding with lr = 1 into <paramref name="destination"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, destination, l1Weight, T.Zero, T.One);

    /// <inheritdoc cref="SparseRelevanceProximal(Span{float}, float, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(Span<T> relevances, T l1Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, T.Zero, lr);

    /// <summary>Soft-thresholding with lr = 1 in place.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(Span<T> relevances, T l1Weight)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, T.Zero, T.One);

    /// <inheritdoc cref="ElasticNetProximal(ReadOnlySpan{float}, Span{float}, float, float, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, lr);

    /// <summary>The elastic-net prox with lr = 1 into <paramref name="destination"/>.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, T.One);

    /// <inheritdoc cref="ElasticNetProximal(Span{float}, float, float, float)"/>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(Span<T> relevances, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, l2Weight, lr);

    /// <summary>The elastic-net prox with lr = 1 in place.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(Span<T> relevances, T l1Weight, T l2Weight)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, l2Weight, T.One);
}
