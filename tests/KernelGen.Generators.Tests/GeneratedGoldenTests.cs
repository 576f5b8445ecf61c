using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every golden case through every engine of its shape: the [Shapes] kernels generated for it, the same shape compiled at
/// run time, and the reference fixed to it (engine "" is the generated one; see <see cref="Engines"/>).
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class GeneratedGoldenTests
{
    private static readonly string[] s_engines = ["", "compiled ", "reference "];

    public static TheoryData<string, string> DiversityNames() => Cross(GoldenCases.Diversity.Select(c => c.Name));

    public static TheoryData<string, string> ProxNames() => Cross(GoldenCases.Prox.Select(c => c.Name));

    private static TheoryData<string, string> Cross(IEnumerable<string> names)
    {
        var data = new TheoryData<string, string>();
        foreach (string name in names)
        {
            foreach (string engine in s_engines)
            {
                data.Add(name, engine);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DiversityNames))]
    public void Generated_diversity_matches_golden(string name, string engine)
    {
        var c = GoldenCases.DiversityCase(name);
        if (c.IsFloat)
        {
            var k = Engines.Float().Single(e => e.Shape == engine + c.Shape);
            float[] w = c.Prototypes.ToFloat();
            float[] g = Enumerable.Repeat(float.NaN, w.Length).ToArray(); // every element must be overwritten
            float loss = k.LossAndGradient(w, c.Labels, g, (float)c.Sigma);
            Assert.Equal(loss, k.Loss(w, c.Labels, (float)c.Sigma));
            GoldenTolerance.AssertLoss(true, c.Loss, loss, name);
            GoldenTolerance.AssertGradient(true, c.Gradient, g.ToDouble(), name);
        }
        else
        {
            var k = Engines.Double().Single(e => e.Shape == engine + c.Shape);
            double[] g = Enumerable.Repeat(double.NaN, c.Prototypes.Length).ToArray();
            double loss = k.LossAndGradient(c.Prototypes, c.Labels, g, c.Sigma);
            Assert.Equal(loss, k.Loss(c.Prototypes, c.Labels, c.Sigma));
            GoldenTolerance.AssertLoss(false, c.Loss, loss, name);
            GoldenTolerance.AssertGradient(false, c.Gradient, g, name);
        }
    }

    [Theory]
    [MemberData(nameof(ProxNames))]
    public void Generated_prox_matches_golden(string name, string engine)
    {
        var c = GoldenCases.ProxCase(name);
        string shape = name[..name.IndexOf("-rows", StringComparison.Ordinal)];
        if (c.IsFloat)
        {
            var k = Engines.Float().Single(e => e.Shape == engine + shape);
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
            var k = Engines.Double().Single(e => e.Shape == engine + shape);
            double[] x = c.Relevances;
            double[] soft = new double[x.Length], elastic = new double[x.Length];
            int softCount = k.Soft(x, soft, c.L1, c.Lr);
            int elasticCount = k.Elastic(x, elastic, c.L1, c.L2, c.Lr);
            GoldenTolerance.AssertProx(false, c.Soft, soft, softCount, name + "/soft");
            GoldenTolerance.AssertProx(false, c.Elastic, elastic, elasticCount, name + "/elastic");
            double[] inPlace = (double[])x.Clone();
            Assert.Equal(elasticCount, k.ElasticInPlace(inPlace, c.L1, c.L2, c.Lr));
            Assert.Equal(elastic, inPlace);
            inPlace = (double[])x.Clone();
            Assert.Equal(softCount, k.SoftInPlace(inPlace, c.L1, c.Lr));
            Assert.Equal(soft, inPlace);
        }
    }
}
