namespace KernelGen.Generators.Tests;

/// <summary>
/// Every engine a suite runs against, as Regex's tests run over <c>RegexHelpers.AvailableEngines</c>: each generated
/// shape, and the reference <see cref="Regularizers"/> fixed to the same shape (named "reference " + shape).
/// </summary>
public static class Engines
{
    public static IEnumerable<Kernels<float>> Float() =>
        GeneratedKernels.Float.Concat(GeneratedKernels.Float.Select(Reference));

    public static IEnumerable<Kernels<double>> Double() =>
        GeneratedKernels.Double.Concat(GeneratedKernels.Double.Select(Reference));

    private static Kernels<float> Reference(Kernels<float> k) => new(
        "reference " + k.Shape, k.NClasses, k.MaxPerClass, k.Features, k.Epsilon,
        (w, l, s) => Regularizers.PrototypeDiversityLoss(w, l, s, k.NClasses, k.MaxPerClass, k.Epsilon),
        (w, l, g, s) => Regularizers.PrototypeDiversityLoss(w, l, g, s, k.NClasses, k.MaxPerClass, k.Epsilon),
        Regularizers.SparseRelevanceProximal, Regularizers.SparseRelevanceProximal,
        Regularizers.ElasticNetProximal, Regularizers.ElasticNetProximal);

    private static Kernels<double> Reference(Kernels<double> k) => new(
        "reference " + k.Shape, k.NClasses, k.MaxPerClass, k.Features, k.Epsilon,
        (w, l, s) => Regularizers.PrototypeDiversityLoss(w, l, s, k.NClasses, k.MaxPerClass, k.Epsilon),
        (w, l, g, s) => Regularizers.PrototypeDiversityLoss(w, l, g, s, k.NClasses, k.MaxPerClass, k.Epsilon),
        Regularizers.SparseRelevanceProximal, Regularizers.SparseRelevanceProximal,
        Regularizers.ElasticNetProximal, Regularizers.ElasticNetProximal);
}
