namespace KernelGen.Generators.Tests;

/// <summary>
/// Every engine a suite runs against, as Regex's tests run over <c>RegexHelpers.AvailableEngines</c>: each generated
/// shape, and the reference <see cref="Regularizers"/> fixed to the same shape (named "reference " + shape).
/// </summary>
public static class Engines
{
    public static IEnumerable<Kernels<float>> Float() =>
        GeneratedKernels.Float.Concat(GeneratedKernels.Float.Select(k => Reference(k, 1e-6)));

    public static IEnumerable<Kernels<double>> Double() =>
        GeneratedKernels.Double.Concat(GeneratedKernels.Double.Select(k => Reference(k, k.Shape.Contains("generic", StringComparison.Ordinal) ? 1e-4 : k.Shape.Contains("tiny-epsilon", StringComparison.Ordinal) ? 1e-30 : 1e-6)));

    private static Kernels<float> Reference(Kernels<float> k, double epsilon) => new(
        "reference " + k.Shape, k.NClasses, k.MaxPerClass, k.Features,
        (w, l, s) => Regularizers.PrototypeDiversityLoss(w, l, s, k.NClasses, k.MaxPerClass, epsilon),
        (w, l, g, s) => Regularizers.PrototypeDiversityLoss(w, l, g, s, k.NClasses, k.MaxPerClass, epsilon),
        Regularizers.SparseRelevanceProximal, Regularizers.SparseRelevanceProximal,
        Regularizers.ElasticNetProximal, Regularizers.ElasticNetProximal);

    private static Kernels<double> Reference(Kernels<double> k, double epsilon) => new(
        "reference " + k.Shape, k.NClasses, k.MaxPerClass, k.Features,
        (w, l, s) => Regularizers.PrototypeDiversityLoss(w, l, s, k.NClasses, k.MaxPerClass, epsilon),
        (w, l, g, s) => Regularizers.PrototypeDiversityLoss(w, l, g, s, k.NClasses, k.MaxPerClass, epsilon),
        Regularizers.SparseRelevanceProximal, Regularizers.SparseRelevanceProximal,
        Regularizers.ElasticNetProximal, Regularizers.ElasticNetProximal);
}
