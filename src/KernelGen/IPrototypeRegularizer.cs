using System.Numerics;

namespace KernelGen;

/// <summary>
/// A shape-specialised set of regularizer kernels, implemented by every non-static class annotated with
/// <see cref="ShapesAttribute"/>. Generic training code takes the shape as a type parameter
/// (<c>Train&lt;TReg&gt;() where TReg : IPrototypeRegularizer&lt;float&gt;</c>) and calls the members on it
/// (<c>TReg.PrototypeDiversityLoss(prototypes, labels, gradient, sigma)</c>): the JIT binds the calls statically, with no
/// virtual dispatch. The rest of the engines' shared API (the class kernels by row index, the tensor overloads) is on
/// <see cref="Regularizer"/>.
/// </summary>
/// <remarks>
/// A class used only as a type argument is never instantiated, which analyzer CA1812 reports; declare it
/// <see langword="abstract"/> (it cannot be <see langword="static"/> and still be a type argument).
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IPrototypeRegularizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Number of classes; labels lie in <c>[0, NClasses)</c>.</summary>
    static abstract int NClasses { get; }

    /// <summary>Largest number of prototypes per class.</summary>
    static abstract int MaxPerClass { get; }

    /// <summary>Number of features per prototype.</summary>
    static abstract int Features { get; }

    /// <summary>Largest number of prototypes per call, <c>NClasses × MaxPerClass</c>: the longest <c>protoLabels</c>.</summary>
    static abstract int MaxPrototypes { get; }

    /// <summary>The diagonal jitter ε added to each class's Gram matrix.</summary>
    static abstract double Epsilon { get; }

    /// <summary>
    /// These kernels behind the API every engine shares, <see cref="PrototypeRegularizer{T}"/>: for generic code that needs
    /// more than the members here, such as <c>TReg.Regularizer.ClassDiversityLossAt(prototypes, classRows, gradient, sigma)</c>.
    /// </summary>
    static abstract PrototypeRegularizer<T> Regularizer { get; }

    /// <inheritdoc cref="PrototypeRegularizer{T}.PrototypeDiversityLoss(ReadOnlySpan{T}, ReadOnlySpan{int}, T)"/>
    static abstract T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv);

    /// <inheritdoc cref="PrototypeRegularizer{T}.PrototypeDiversityLoss(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, T)"/>
    static abstract T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, T sigmaDiv);

    /// <inheritdoc cref="PrototypeRegularizer{T}.ClassDiversityLoss(ReadOnlySpan{T}, T)"/>
    static abstract T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, T sigmaDiv);

    /// <inheritdoc cref="PrototypeRegularizer{T}.ClassDiversityLoss(ReadOnlySpan{T}, Span{T}, T)"/>
    static abstract T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, Span<T> classGradient, T sigmaDiv);

    /// <inheritdoc cref="PrototypeRegularizer{T}.SparseRelevanceProximal(ReadOnlySpan{T}, Span{T}, T, T)"/>
    static abstract int SparseRelevanceProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T lr);

    /// <inheritdoc cref="PrototypeRegularizer{T}.SparseRelevanceProximal(Span{T}, T, T)"/>
    static abstract int SparseRelevanceProximal(Span<T> relevances, T l1Weight, T lr);

    /// <inheritdoc cref="PrototypeRegularizer{T}.ElasticNetProximal(ReadOnlySpan{T}, Span{T}, T, T, T)"/>
    static abstract int ElasticNetProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr);

    /// <inheritdoc cref="PrototypeRegularizer{T}.ElasticNetProximal(Span{T}, T, T, T)"/>
    static abstract int ElasticNetProximal(Span<T> relevances, T l1Weight, T l2Weight, T lr);
}
