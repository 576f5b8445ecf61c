using System.Numerics;
using System.Numerics.Tensors;
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

    public static List<(string Name, Action Calls)> Cases() =>
        [.. ClassKernelEngines.FloatNames.Select(s => Case(s, ClassKernelEngines.Float(s))),
         .. ClassKernelEngines.DoubleNames.Select(s => Case(s, ClassKernelEngines.Double(s)))];

    /// <summary>The full kernels, a full class with and without its rows, and both proxes, on dense tensors.</summary>
    private static (string, Action) Case<T>(string shape, PrototypeRegularizer<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] labels = TestData.ClassMajorLabels(k.NClasses, k.MaxPerClass);
        int p = labels.Length, m = k.MaxPerClass, f = k.Features;
        T[] w = [.. TestData.Values(p * f, 5, 0.5).Select(T.CreateChecked)];
        T[] g = new T[w.Length], r = [.. TestData.Values(p * f, 6).Select(T.CreateChecked)], d = new T[w.Length];
        T[] c = w[..(m * f)], cg = new T[c.Length];
        T sigma = T.CreateChecked(0.9), l1 = T.CreateChecked(0.1), l2 = T.CreateChecked(0.2), lr = T.One;
        return (shape, () =>
        {
            k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<T>(w, [p, f]), labels, sigma);
            k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<T>(w, [p, f]), labels, new TensorSpan<T>(g, [p, f]), sigma);
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<T>(c, [m, f]), sigma);
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<T>(c, [m, f]), new TensorSpan<T>(cg, [m, f]), sigma);
            k.SparseRelevanceProximal(new ReadOnlyTensorSpan<T>(r, [p, f]), new TensorSpan<T>(d, [p, f]), l1, lr);
            k.ElasticNetProximal(new ReadOnlyTensorSpan<T>(r, [p, f]), new TensorSpan<T>(d, [p, f]), l1, l2, lr);
        });
    }
}
