using System.Numerics;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>The class kernels of every engine and shape, float and double, as one allocation case each.</summary>
public static class ClassKernelAllocations
{
    /// <summary>The suite's name on the child process's command line.</summary>
    public const string Suite = "classes";

    /// <summary>The case of a class by row index whose scratch comes from the pool.</summary>
    public const string PooledRows = "rows-pooled-2x5x300f";

    public static List<(string Name, Action Calls)> Cases() =>
        [.. ClassKernelEngines.FloatNames.Select(s => Case(s, ClassKernelEngines.Float(s))),
         .. ClassKernelEngines.DoubleNames.Select(s => Case(s, ClassKernelEngines.Double(s))),
         (PooledRows, PooledRowsCase())];

    /// <summary>One class of five 300-feature rows by index: 3000 values and rows, more than the stack scratch holds.</summary>
    private static Action PooledRowsCase()
    {
        PrototypeRegularizer<float> k = Regularizers.Create<float>(2, 5, 300);
        float[] w = [.. TestData.Values(10 * 300, 8, 0.05).Select(v => (float)v)];
        float[] gradient = new float[w.Length];
        int[] rows = [1, 2, 5, 7, 9];
        return () => k.ClassDiversityLossAt(w, rows, gradient, 0.7f);
    }

    /// <summary>
    /// A full class with and without its rows, a lone member (the path that only clears its row), and the last class's
    /// rows of the whole matrices by their indices, every other row of the class's between them.
    /// </summary>
    private static (string, Action) Case<T>(string shape, PrototypeRegularizer<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] one = [.. TestData.Values(k.Features, 3, 0.5).Select(T.CreateChecked)];
        T[] full = [.. TestData.Values(k.MaxPerClass * k.Features, 4, 0.5).Select(T.CreateChecked)];
        T[] g = new T[full.Length];
        T sigma = T.CreateChecked(0.9);
        T[] all = [.. TestData.Values(k.MaxPrototypes * k.Features, 5, 0.5).Select(T.CreateChecked)];
        T[] allGradient = new T[all.Length];
        int[] rows = [.. Enumerable.Range(0, k.MaxPerClass).Select(i => k.MaxPrototypes - 1 - 2 * i).Where(r => r >= 0).Reverse()];
        return (shape, () =>
        {
            k.ClassDiversityLoss(full, sigma);
            k.ClassDiversityLoss(full, g, sigma);
            k.ClassDiversityLoss(one, g.AsSpan(0, one.Length), sigma);
            k.ClassDiversityLossAt(all, rows, sigma);
            k.ClassDiversityLossAt(all, rows, allGradient, sigma);
        });
    }
}
