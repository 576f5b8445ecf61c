using System.Numerics;
using KernelGen.Internal;

namespace KernelGen;

/// <summary>
/// <see cref="Regularizers"/> fixed to one shape, behind <see cref="PrototypeRegularizer{T}"/>: it accepts exactly
/// what the generated kernels of that shape accept (relevances of k × features values, any k ≥ 1).
/// </summary>
internal sealed class ReferenceRegularizer<T> : PrototypeRegularizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public ReferenceRegularizer(int nClasses, int maxPerClass, int features, double epsilon, bool parallel)
        : base(nClasses, maxPerClass, features, epsilon, parallel)
    {
    }

    public override RegularizerEngine Engine => RegularizerEngine.Reference;

    public override T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv)
    {
        CheckPrototypes(prototypes, protoLabels);
        return DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, NClasses, MaxPerClass, Epsilon, Parallel);
    }

    public override T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, T sigmaDiv)
    {
        CheckPrototypes(prototypes, protoLabels);
        return DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, NClasses, MaxPerClass, Epsilon, Parallel);
    }

    public override T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, T sigmaDiv) =>
        DiversityKernel.ComputeClass(classPrototypes, default, withGradient: false, sigmaDiv, Features, MaxPerClass, Epsilon);

    public override T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, Span<T> classGradient, T sigmaDiv) =>
        DiversityKernel.ComputeClass(classPrototypes, classGradient, withGradient: true, sigmaDiv, Features, MaxPerClass, Epsilon);

    public override int SparseRelevanceProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T lr)
    {
        CheckRelevances(relevances);
        return ProximalKernel.Apply(relevances, destination, l1Weight, T.Zero, lr);
    }

    public override int ElasticNetProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr)
    {
        CheckRelevances(relevances);
        return ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, lr);
    }

    // The same checks, messages and parameter names as the generated entry points.
    private void CheckPrototypes(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels)
    {
        if (protoLabels.Length > MaxPrototypes) Validation.ThrowTooManyLabels(protoLabels.Length, MaxPrototypes);
        if (prototypes.Length != protoLabels.Length * Features) Validation.ThrowPrototypesLength(prototypes.Length, protoLabels.Length, Features);
    }

    private void CheckRelevances(ReadOnlySpan<T> relevances)
    {
        int length = relevances.Length;
        if (length == 0 || length % Features != 0)
        {
            Validation.ThrowRelevancesRows(length, Features);
        }
    }
}
