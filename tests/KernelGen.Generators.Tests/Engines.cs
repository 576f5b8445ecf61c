using KernelGen.Compiler;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every engine a suite runs against, as Regex's tests run over <c>RegexHelpers.AvailableEngines</c>: each generated
/// shape, and the same shape through the reference (<see cref="Regularizers.Create{T}"/>, named "reference " + shape)
/// and through the run-time compiled kernels (<see cref="KernelCompiler"/>, named "compiled " + shape). All three are
/// reached through <see cref="PrototypeRegularizer{T}"/> except the generated one, which is also called statically.
/// </summary>
public static class Engines
{
    private static readonly Lazy<Kernels<float>[]> s_float = new(() =>
        [.. GeneratedKernels.Float,
         .. GeneratedKernels.Float.Select(k => From("reference " + k.Shape, Regularizers.Create<float>(k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel))),
         .. GeneratedKernels.Float.Select(k => From("compiled " + k.Shape, KernelCompiler.Compile<float>(k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel)))]);

    private static readonly Lazy<Kernels<double>[]> s_double = new(() =>
        [.. GeneratedKernels.Double,
         .. GeneratedKernels.Double.Select(k => From("reference " + k.Shape, Regularizers.Create<double>(k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel))),
         .. GeneratedKernels.Double.Select(k => From("compiled " + k.Shape, KernelCompiler.Compile<double>(k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel)))]);

    public static IEnumerable<Kernels<float>> Float() => s_float.Value;

    public static IEnumerable<Kernels<double>> Double() => s_double.Value;

    /// <summary>Each shape through every engine, by the names this class gives them: generated, compiled, reference.</summary>
    public static IEnumerable<string> Of(params string[] shapes) =>
        shapes.SelectMany(shape => new[] { shape, "compiled " + shape, "reference " + shape });

    /// <summary>An engine's kernels as the delegates every suite calls.</summary>
    public static Kernels<T> From<T>(string shape, PrototypeRegularizer<T> r)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => new(
        shape, r.NClasses, r.MaxPerClass, r.Features, r.Epsilon,
        r.PrototypeDiversityLoss, r.PrototypeDiversityLoss,
        r.SparseRelevanceProximal, r.SparseRelevanceProximal,
        r.ElasticNetProximal, r.ElasticNetProximal) { Parallel = r.Parallel };
}
