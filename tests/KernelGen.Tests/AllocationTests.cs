using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>After warm-up, no call allocates on the GC heap, small shape or large.</summary>
public class AllocationTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 4, 3, 64 },      // stack scratch only
        { 2, 40, 32 },     // class matrices from the pool
        { 3000, 3, 8 },    // label bookkeeping from the pool
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Diversity_loss_and_gradient_allocate_nothing_in_steady_state(int nClasses, int perClass, int features)
    {
        int[] labels = TestData.ClassMajorLabels(nClasses, perClass);
        float[] w = TestData.Values(labels.Length * features, 11).ToFloat();
        float[] g = new float[w.Length];
        double[] wd = TestData.Values(labels.Length * features, 12);
        double[] gd = new double[wd.Length];

        void Calls()
        {
            Regularizers.PrototypeDiversityLoss(w, labels, 1f, nClasses, perClass);
            Regularizers.PrototypeDiversityLoss(w, labels, g, 1f, nClasses, perClass);
            Regularizers.PrototypeDiversityLoss(w, labels, g);
            Regularizers.PrototypeDiversityLoss(wd, labels, gd, 0.7);
        }

        Assert.Equal(0, Allocations.PerBatch(Calls));
    }

    [Fact]
    public void Prox_allocates_nothing()
    {
        float[] x = TestData.Values(1000 * 64, 13).ToFloat();
        float[] y = new float[x.Length];
        Assert.Equal(0, Allocations.PerBatch(() =>
        {
            Regularizers.ElasticNetProximal(x, y, 0.1f, 0.2f);
            Regularizers.SparseRelevanceProximal(y, 0.1f);
        }));
    }
}
