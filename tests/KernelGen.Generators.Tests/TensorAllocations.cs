using System.Numerics;
using System.Numerics.Tensors;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The tensor overloads of <see cref="PrototypeRegularizer{T}"/> on every engine and shape, float and double, as one
/// allocation case each: the checks that turn a tensor into the kernels' span (<c>TensorArguments</c>) run on every
/// call, so a message built before it is needed would show here.
/// </summary>
public static class TensorAllocations
{
    /// <summary>The suite's name on the child process's command line.</summary>
    public const string Suite = "tensors";

    /// <summary>The case of a generated class's own static tensor members (<see cref="GeneratedStatics"/>).</summary>
    public const string Statics = "static 4x3x64f";

    public static List<(string Name, Action Calls)> Cases() =>
        [.. ClassKernelEngines.FloatNames.Select(s => Case(s, ClassKernelEngines.Float(s))),
         .. ClassKernelEngines.DoubleNames.Select(s => Case(s, ClassKernelEngines.Double(s))),
         (Statics, GeneratedStatics())];

    /// <summary>The full kernels, a full class with and without its rows (alone, and by row index), and both proxes, on dense tensors.</summary>
    private static (string, Action) Case<T>(string shape, PrototypeRegularizer<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] labels = TestData.ClassMajorLabels(k.NClasses, k.MaxPerClass);
        int p = labels.Length, m = k.MaxPerClass, f = k.Features;
        T[] w = [.. TestData.Values(p * f, 5, 0.5).Select(T.CreateChecked)];
        T[] g = new T[w.Length], r = [.. TestData.Values(p * f, 6).Select(T.CreateChecked)], d = new T[w.Length];
        T[] c = w[..(m * f)], cg = new T[c.Length];
        int[] rows = [.. Enumerable.Range(p - m, m)];
        T sigma = T.CreateChecked(0.9), l1 = T.CreateChecked(0.1), l2 = T.CreateChecked(0.2), lr = T.One;
        return (shape, () =>
        {
            k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<T>(w, [p, f]), labels, sigma);
            k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<T>(w, [p, f]), labels, new TensorSpan<T>(g, [p, f]), sigma);
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<T>(c, [m, f]), sigma);
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<T>(c, [m, f]), new TensorSpan<T>(cg, [m, f]), sigma);
            k.ClassDiversityLossAt(new ReadOnlyTensorSpan<T>(w, [p, f]), rows, sigma);
            k.ClassDiversityLossAt(new ReadOnlyTensorSpan<T>(w, [p, f]), rows, new TensorSpan<T>(g, [p, f]), sigma);
            k.SparseRelevanceProximal(new ReadOnlyTensorSpan<T>(r, [p, f]), new TensorSpan<T>(d, [p, f]), l1, lr);
            k.ElasticNetProximal(new ReadOnlyTensorSpan<T>(r, [p, f]), new TensorSpan<T>(d, [p, f]), l1, l2, lr);
        });
    }

    /// <summary>
    /// The tensor members the generator writes on the user's class, every form once: they are text of their own, beside
    /// the engines' overloads above, and the same text on every shape but for the element type and constants.
    /// </summary>
    private static Action GeneratedStatics()
    {
        const int P = Shape4x3x64f.MaxPrototypes, M = Shape4x3x64f.MaxPerClass, F = Shape4x3x64f.Features;
        int[] labels = TestData.ClassMajorLabels(Shape4x3x64f.NClasses, M);
        float[] w = TestData.Values(P * F, 7, 0.5).ToFloat(), g = new float[w.Length], d = new float[w.Length];
        float[] c = w[..(M * F)], cg = new float[c.Length];
        return () =>
        {
            Shape4x3x64f.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(w, [P, F]), labels, 0.9f);
            Shape4x3x64f.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(w, [P, F]), labels, new TensorSpan<float>(g, [P, F]), 0.9f);
            Shape4x3x64f.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(c, [M, F]), 0.9f);
            Shape4x3x64f.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(c, [M, F]), new TensorSpan<float>(cg, [M, F]), 0.9f);
            Shape4x3x64f.SparseRelevanceProximal(new ReadOnlyTensorSpan<float>(w, [P, F]), new TensorSpan<float>(d, [P, F]), 0.1f, 0.5f);
            Shape4x3x64f.ElasticNetProximal(new ReadOnlyTensorSpan<float>(w, [P, F]), new TensorSpan<float>(d, [P, F]), 0.1f, 0.2f, 0.5f);
            Shape4x3x64f.SparseRelevanceProximal(new TensorSpan<float>(d, [P, F]), 0.1f, 0.5f);
            Shape4x3x64f.ElasticNetProximal(new TensorSpan<float>(d, [P, F]), 0.1f, 0.2f, 0.5f);
        };
    }
}
