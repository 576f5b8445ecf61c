using System.Numerics;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>The class kernels of every engine and shape, float and double, as one allocation case each.</summary>
public static class ClassKernelAllocations
{
    /// <summary>The suite's name on the child process's command line.</summary>
    public const string Suite = "classes";

    public static List<(string Name, Action Calls)> Cases() =>
        [.. ClassKernelEngines.FloatNames.Select(s => Case(s, ClassKernelEngines.Float(s))),
         .. ClassKernelEngines.DoubleNames.Select(s => Case(s, ClassKernelEngines.Double(s)))];

    /// <summary>A full class with and without its rows, and a lone member (the path that only clears its row).</summary>
    private static (string, Action) Case<T>(string shape, PrototypeRegularizer<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] one = [.. TestData.Values(k.Features, 3, 0.5).Select(T.CreateChecked)];
        T[] full = [.. TestData.Values(k.MaxPerClass * k.Features, 4, 0.5).Select(T.CreateChecked)];
        T[] g = new T[full.Length];
        T sigma = T.CreateChecked(0.9);
        return (shape, () =>
        {
            k.ClassDiversityLoss(full, sigma);
            k.ClassDiversityLoss(full, g, sigma);
            k.ClassDiversityLoss(one, g.AsSpan(0, one.Length), sigma);
        });
    }
}
