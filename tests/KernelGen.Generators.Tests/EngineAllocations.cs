using System.Numerics;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>Every kernel of every engine, float and double, serial and parallel, as one allocation case each.</summary>
public static class EngineAllocations
{
    /// <summary>The suite's name on the child process's command line.</summary>
    public const string Suite = "engines";

    public static List<(string Name, Action Calls)> Cases() =>
        [.. Engines.Float().Select(Case), .. Engines.Double().Select(Case)];

    /// <summary>
    /// Both diversity kernels with class-major labels (the fast path) and with the same labels reversed (the label
    /// pass and its bookkeeping), and the four prox kernels.
    /// </summary>
    private static (string, Action) Case<T>(Kernels<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] labels = TestData.ClassMajorLabels(k.NClasses, k.MaxPerClass);
        int[] grouped = [.. labels.Reverse()];
        T[] w = [.. TestData.Values(labels.Length * k.Features, 3).Select(T.CreateChecked)];
        T[] g = new T[w.Length];
        T[] r = [.. TestData.Values(labels.Length * k.Features, 4).Select(T.CreateChecked)];
        T[] d = new T[r.Length];
        T sigma = T.One, l1 = T.CreateChecked(0.1), l2 = T.CreateChecked(0.2), lr = T.One;
        return (k.Shape, () =>
        {
            k.Loss(w, labels, sigma);
            k.LossAndGradient(w, labels, g, sigma);
            k.Loss(w, grouped, sigma);
            k.LossAndGradient(w, grouped, g, sigma);
            k.Soft(r, d, l1, lr);
            k.SoftInPlace(d, l1, lr);
            k.Elastic(r, d, l1, l2, lr);
            k.ElasticInPlace(d, l1, l2, lr);
        });
    }
}
