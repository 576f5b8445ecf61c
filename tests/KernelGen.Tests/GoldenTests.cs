using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>The reference reproduces every float64 oracle case within the tolerances of semantics.md.</summary>
public class GoldenTests
{
    public static TheoryData<string> DiversityNames() => GoldenCases.DiversityNames();

    public static TheoryData<string> ProxNames() => GoldenCases.ProxNames();

    [Theory]
    [MemberData(nameof(DiversityNames))]
    public void Diversity_overload_with_a_shape_matches_golden(string name)
    {
        var c = GoldenCases.DiversityCase(name);
        var (loss, gradient) = Run(c, withShape: true);
        GoldenTolerance.AssertLoss(c.IsFloat, c.Loss, loss, name);
        GoldenTolerance.AssertGradient(c.IsFloat, c.Gradient, gradient, name);
    }

    [Theory]
    [MemberData(nameof(DiversityNames))]
    public void Diversity_overload_without_a_shape_matches_golden(string name)
    {
        // Classes = max label + 1: trailing empty classes contribute nothing, so the value is the same.
        var c = GoldenCases.DiversityCase(name);
        var (loss, gradient) = Run(c, withShape: false);
        GoldenTolerance.AssertLoss(c.IsFloat, c.Loss, loss, name);
        GoldenTolerance.AssertGradient(c.IsFloat, c.Gradient, gradient, name);
    }

    [Theory]
    [MemberData(nameof(ProxNames))]
    public void Prox_matches_golden(string name)
    {
        var c = GoldenCases.ProxCase(name);
        if (c.IsFloat)
        {
            float[] x = c.Relevances.Select(v => (float)v).ToArray();
            float[] soft = new float[x.Length], elastic = new float[x.Length];
            int softCount = Regularizers.SparseRelevanceProximal(x, soft, (float)c.L1, (float)c.Lr);
            int elasticCount = Regularizers.ElasticNetProximal(x, elastic, (float)c.L1, (float)c.L2, (float)c.Lr);
            GoldenTolerance.AssertProx(true, c.Soft, soft.Select(v => (double)v).ToArray(), softCount, name + "/soft");
            GoldenTolerance.AssertProx(true, c.Elastic, elastic.Select(v => (double)v).ToArray(), elasticCount, name + "/elastic");

            // In place gives the same values and counts.
            float[] inPlace = (float[])x.Clone();
            Assert.Equal(elasticCount, Regularizers.ElasticNetProximal(inPlace, (float)c.L1, (float)c.L2, (float)c.Lr));
            Assert.Equal(elastic, inPlace);
        }
        else
        {
            double[] x = c.Relevances;
            double[] soft = new double[x.Length], elastic = new double[x.Length];
            int softCount = Regularizers.SparseRelevanceProximal(x, soft, c.L1, c.Lr);
            int elasticCount = Regularizers.ElasticNetProximal(x, elastic, c.L1, c.L2, c.Lr);
            GoldenTolerance.AssertProx(false, c.Soft, soft, softCount, name + "/soft");
            GoldenTolerance.AssertProx(false, c.Elastic, elastic, elasticCount, name + "/elastic");

            double[] inPlace = (double[])x.Clone();
            Assert.Equal(softCount, Regularizers.SparseRelevanceProximal(inPlace, c.L1, c.Lr));
            Assert.Equal(soft, inPlace);
        }
    }

    private static (double Loss, double[] Gradient) Run(DiversityCase c, bool withShape)
    {
        if (c.IsFloat)
        {
            float[] w = c.Prototypes.Select(v => (float)v).ToArray();
            // NaN until written: a golden gradient of zeros (pairs far apart, or none) must still be written.
            float[] g = Enumerable.Repeat(float.NaN, w.Length).ToArray();
            float sigma = (float)c.Sigma;
            float loss = withShape
                ? Regularizers.PrototypeDiversityLoss(w, c.Labels, g, sigma, c.NClasses, c.MaxPerClass, GoldenCases.Epsilon)
                : Regularizers.PrototypeDiversityLoss(w, c.Labels, g, sigma);
            float lossOnly = withShape
                ? Regularizers.PrototypeDiversityLoss(w, c.Labels, sigma, c.NClasses, c.MaxPerClass, GoldenCases.Epsilon)
                : Regularizers.PrototypeDiversityLoss(w, c.Labels, sigma);
            Assert.Equal(loss, lossOnly);
            return (loss, g.Select(v => (double)v).ToArray());
        }
        else
        {
            double[] g = Enumerable.Repeat(double.NaN, c.Prototypes.Length).ToArray();
            double loss = withShape
                ? Regularizers.PrototypeDiversityLoss(c.Prototypes, c.Labels, g, c.Sigma, c.NClasses, c.MaxPerClass, GoldenCases.Epsilon)
                : Regularizers.PrototypeDiversityLoss(c.Prototypes, c.Labels, g, c.Sigma);
            double lossOnly = withShape
                ? Regularizers.PrototypeDiversityLoss(c.Prototypes, c.Labels, c.Sigma, c.NClasses, c.MaxPerClass, GoldenCases.Epsilon)
                : Regularizers.PrototypeDiversityLoss(c.Prototypes, c.Labels, c.Sigma);
            Assert.Equal(loss, lossOnly);
            return (loss, g);
        }
    }
}
