using System.Numerics.Tensors;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// After warm-up, no call allocates on the GC heap, small shape or large, serial or parallel: counted on every thread
/// the call uses, in a process where nothing else runs (see <see cref="Allocations"/>), every batch.
/// </summary>
public class AllocationTests
{
    /// <summary>The suite's name on the child process's command line.</summary>
    public const string Suite = "reference";

    private static readonly (int NClasses, int PerClass, int Features)[] s_shapes =
    [
        (4, 3, 64),      // stack scratch only
        (2, 40, 32),     // class matrices from the pool
        (3000, 3, 8),    // label bookkeeping from the pool
        (100, 8, 64),    // large enough for the parallel kernels to split
    ];

    public static TheoryData<string> CaseNames() => new(Cases().Select(c => c.Name));

    /// <summary>The static entry points on each shape (spans and tensors), the <see cref="Regularizers.Create{T}"/> engines (parallel too), and the prox.</summary>
    public static List<(string Name, Action Calls)> Cases()
    {
        var cases = new List<(string, Action)>();
        foreach (var (nClasses, perClass, features) in s_shapes)
        {
            int[] labels = TestData.ClassMajorLabels(nClasses, perClass);
            int[] grouped = [.. labels.Reverse()];
            float[] w = TestData.Values(labels.Length * features, 11).ToFloat();
            float[] g = new float[w.Length];
            double[] wd = TestData.Values(labels.Length * features, 12);
            double[] gd = new double[wd.Length];
            cases.Add(($"static {nClasses}x{perClass}x{features}", () =>
            {
                Regularizers.PrototypeDiversityLoss(w, labels, 1f, nClasses, perClass);
                Regularizers.PrototypeDiversityLoss(w, labels, g, 1f, nClasses, perClass);
                Regularizers.PrototypeDiversityLoss(w, grouped, g, 1f, nClasses, perClass);
                Regularizers.PrototypeDiversityLoss(w, labels, g);
                Regularizers.PrototypeDiversityLoss(wd, labels, gd, 0.7);
                Regularizers.PrototypeDiversityLoss<float>(new ReadOnlyTensorSpan<float>(w, [labels.Length, features]), labels, 1f, nClasses, perClass);
                Regularizers.PrototypeDiversityLoss<double>(new ReadOnlyTensorSpan<double>(wd, [labels.Length, features]), labels, new TensorSpan<double>(gd, [labels.Length, features]), 0.7, nClasses, perClass);
            }));

            foreach (bool parallel in new[] { false, true })
            {
                var f32 = Regularizers.Create<float>(nClasses, perClass, features, parallel: parallel);
                var f64 = Regularizers.Create<double>(nClasses, perClass, features, parallel: parallel);
                cases.Add(($"engine {nClasses}x{perClass}x{features}{(parallel ? " parallel" : "")}", () =>
                {
                    f32.PrototypeDiversityLoss(w, labels, 1f);
                    f32.PrototypeDiversityLoss(w, grouped, g, 1f);
                    f64.PrototypeDiversityLoss(wd, labels, gd, 0.7);
                    f64.PrototypeDiversityLoss(wd, grouped, gd, 0.7);
                }));
            }
        }

        float[] x = TestData.Values(1000 * 64, 13).ToFloat();
        float[] y = new float[x.Length];
        double[] xd = TestData.Values(1000 * 64, 14);
        double[] yd = new double[xd.Length];
        cases.Add(("prox", () =>
        {
            Regularizers.ElasticNetProximal(x, y, 0.1f, 0.2f);
            Regularizers.SparseRelevanceProximal(y, 0.1f);
            Regularizers.ElasticNetProximal(xd, yd, 0.1, 0.2);
            Regularizers.SparseRelevanceProximal(yd, 0.1);
            Regularizers.ElasticNetProximal<float>(new ReadOnlyTensorSpan<float>(x, [1000, 64]), new TensorSpan<float>(y, [1000, 64]), 0.1f, 0.2f, 0.5f);
            Regularizers.SparseRelevanceProximal<double>(new ReadOnlyTensorSpan<double>(xd, [1000, 64]), new TensorSpan<double>(yd, [1000, 64]), 0.1, 0.5);
        }));
        return cases;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Calls_allocate_nothing_in_steady_state(string name)
    {
        Allocations.Measure(Suite)[name].AssertNone(name);
    }
}
