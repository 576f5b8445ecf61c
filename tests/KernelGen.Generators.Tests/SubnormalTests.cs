using CsCheck;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Far-apart prototypes give kernel entries near the float gradient's flush bound (coefficients below
/// <c>ShapeLimits.TinyFloatCoefficient</c> = 1e-30 become 0): the gradient holds no subnormal float, and every entry
/// the double reference puts clearly above what the flush can remove is non-zero, of the right sign and value.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class SubnormalTests
{
    private const double FlushBound = 1e-30;

    public static TheoryData<string, double, bool> Cases()
    {
        // With σ = 0.5 in 64 features the kernel entries fall as e^(−c·spread²): the double reference's largest
        // gradient entry is about 1e-21 at spread 0.7 and 1e-27 at 0.8, above what the 1e-30 flush can remove, so the
        // float gradient must keep them; from 0.9 (1e-34) on it is below, and the entries become zeros, not subnormals.
        var data = new TheoryData<string, double, bool>();
        foreach (string engine in new[] { "4x3x64f", "compiled 4x3x64f", "reference 4x3x64f" })
        {
            data.Add(engine, 0.7, true);
            data.Add(engine, 0.8, true);
            data.Add(engine, 0.9, false);
            data.Add(engine, 1.0, false);
            data.Add(engine, 1.1, false);
            data.Add(engine, 1.2, false);
            data.Add(engine, 1.3, false);
            data.Add(engine, 2.0, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_hold_no_subnormal_values_and_keep_what_the_flush_cannot_remove(string engine, double spread, bool nonZeroExpected)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        int[] labels = TestData.ClassMajorLabels(k.NClasses, k.MaxPerClass);
        float[] w = TestData.Values(labels.Length * k.Features, 21, spread).ToFloat();
        float[] g = new float[w.Length];
        double[] oracle = new double[w.Length];
        k.LossAndGradient(w, labels, g, 0.5f);
        Regularizers.PrototypeDiversityLoss(w.ToDouble(), labels, oracle, 0.5, k.NClasses, k.MaxPerClass);
        Assert.DoesNotContain(g, v => v != 0 && !float.IsNormal(v));

        // An entry is Σ_j c_kj (w_k − w_j) over the other members j of its class: the flush removes at most
        // (maxPerClass − 1)·1e-30·max|w_k − w_j| of it. Twice that, and the rest must survive as a normal float.
        double maxDifference = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            for (int other = 0; other < labels.Length; other++)
            {
                if (labels[row] != labels[other]) continue;
                for (int f = 0; f < k.Features; f++)
                {
                    maxDifference = Math.Max(maxDifference, Math.Abs((double)w[row * k.Features + f] - w[other * k.Features + f]));
                }
            }
        }

        double removable = (k.MaxPerClass - 1) * FlushBound * maxDifference;

        // 1e-3 of the largest entry, not the golden 1e-4: an entry e^−x moves by x times the relative rounding of the
        // float distance it comes from, and x is 50 to 200 here, where the golden cases' exponents are of order one.
        double tolerance = 1e-3 * oracle.Max(Math.Abs) + removable;
        int expectedNonZero = 0;
        for (int i = 0; i < g.Length; i++)
        {
            Assert.True(Math.Abs(g[i] - oracle[i]) <= tolerance, $"{engine}, spread {spread}: gradient[{i}] {g[i]:R} vs {oracle[i]:R} (tol {tolerance:E3})");
            if (Math.Abs(oracle[i]) > 2 * removable)
            {
                expectedNonZero++;
                Assert.True(Math.Sign(g[i]) == Math.Sign(oracle[i]), $"{engine}, spread {spread}: gradient[{i}] {g[i]:R} where the double reference has {oracle[i]:R}");
            }
        }

        Assert.True(nonZeroExpected == expectedNonZero > 0, $"{engine}, spread {spread}: {expectedNonZero} entries above the flush's reach ({2 * removable:E2}); largest {oracle.Max(Math.Abs):E2}");
    }
}
