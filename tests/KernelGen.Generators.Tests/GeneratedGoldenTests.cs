using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>Every golden case, run through the [Shapes] kernels generated for its shape.</summary>
public class GeneratedGoldenTests
{
    public static TheoryData<string> DiversityNames() => GoldenCases.DiversityNames();

    public static TheoryData<string> ProxNames() => GoldenCases.ProxNames();

    [Theory]
    [MemberData(nameof(DiversityNames))]
    public void Generated_diversity_matches_golden(string name)
    {
        var c = GoldenCases.DiversityCase(name);
        if (c.IsFloat)
        {
            var k = GeneratedKernels.FloatShape(c.Shape);
            float[] w = c.Prototypes.ToFloat();
            float[] g = Enumerable.Repeat(float.NaN, w.Length).ToArray(); // every element must be overwritten
            float loss = k.LossAndGradient(w, c.Labels, g, (float)c.Sigma);
            Assert.Equal(loss, k.Loss(w, c.Labels, (float)c.Sigma));
            GoldenTolerance.AssertLoss(true, c.Loss, loss, name);
            GoldenTolerance.AssertGradient(true, c.Gradient, g.ToDouble(), name);
        }
        else
        {
            var k = GeneratedKernels.DoubleShape(c.Shape);
            double[] g = Enumerable.Repeat(double.NaN, c.Prototypes.Length).ToArray();
            double loss = k.LossAndGradient(c.Prototypes, c.Labels, g, c.Sigma);
            Assert.Equal(loss, k.Loss(c.Prototypes, c.Labels, c.Sigma));
            GoldenTolerance.AssertLoss(false, c.Loss, loss, name);
            GoldenTolerance.AssertGradient(false, c.Gradient, g, name);
        }
    }

    [Theory]
    [MemberData(nameof(ProxNames))]
    public void Generated_prox_matches_golden(string name)
    {
        var c = GoldenCases.ProxCase(name);
        string shape = name[..name.IndexOf("-rows", StringComparison.Ordinal)];
        if (c.IsFloat)
        {
            var k = GeneratedKernels.FloatShape(shape);
            float[] x = c.Relevances.ToFloat();
            float[] soft = new float[x.Length], elastic = new float[x.Length];
            int softCount = k.Soft(x, soft, (float)c.L1, (float)c.Lr);
            int elasticCount = k.Elastic(x, elastic, (float)c.L1, (float)c.L2, (float)c.Lr);
            GoldenTolerance.AssertProx(true, c.Soft, soft.ToDouble(), softCount, name + "/soft");
            GoldenTolerance.AssertProx(true, c.Elastic, elastic.ToDouble(), elasticCount, name + "/elastic");
            float[] inPlace = (float[])x.Clone();
            Assert.Equal(elasticCount, k.ElasticInPlace(inPlace, (float)c.L1, (float)c.L2, (float)c.Lr));
            Assert.Equal(elastic, inPlace);
            inPlace = (float[])x.Clone();
            Assert.Equal(softCount, k.SoftInPlace(inPlace, (float)c.L1, (float)c.Lr));
            Assert.Equal(soft, inPlace);
        }
        else
        {
            var k = GeneratedKernels.DoubleShape(shape);
            double[] x = c.Relevances;
            double[] soft = new double[x.Length], elastic = new double[x.Length];
            int softCount = k.Soft(x, soft, c.L1, c.Lr);
            int elasticCount = k.Elastic(x, elastic, c.L1, c.L2, c.Lr);
            GoldenTolerance.AssertProx(false, c.Soft, soft, softCount, name + "/soft");
            GoldenTolerance.AssertProx(false, c.Elastic, elastic, elasticCount, name + "/elastic");
            double[] inPlace = (double[])x.Clone();
            Assert.Equal(elasticCount, k.ElasticInPlace(inPlace, c.L1, c.L2, c.Lr));
            Assert.Equal(elastic, inPlace);
        }
    }
}
