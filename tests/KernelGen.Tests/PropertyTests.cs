using CsCheck;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>Algebraic properties of the reference over random inputs (CsCheck, fixed iteration counts).</summary>
public class PropertyTests
{
    // A random diversity problem: nClasses, per-class counts, features, spread and bandwidth.
    private static readonly Gen<(int[] Labels, double[] W, int F, double Sigma)> s_problem = Problem(1, 0.05, 0.5, 2.0);

    // Spread ≥ 0.5 over at least 6 features with σ ≤ 3 keeps every B well conditioned.
    private static readonly Gen<(int[] Labels, double[] W, int F, double Sigma)> s_wellConditioned = Problem(6, 0.5, 2.0);

    private static Gen<(int[] Labels, double[] W, int F, double Sigma)> Problem(int minFeatures, params double[] spreads) =>
        from nClasses in Gen.Int[1, 4]
        from counts in Gen.Int[0, 5].Array[nClasses]
        from f in Gen.Int[minFeatures, 20]
        from seed in Gen.Int
        from spread in Gen.OneOfConst(spreads)
        from sigma in Gen.Double[0.3, 3.0]
        let labels = TestData.ClassMajorLabels(counts)
        select (Shuffle(labels, seed), TestData.Values(labels.Length * f, seed, spread), f, sigma);

    [Fact]
    public void Permuting_prototypes_with_labels_permutes_the_gradient_and_keeps_the_loss()
    {
        s_problem.Select(Gen.Int).Sample(t =>
        {
            var ((labels, w, f, sigma), seed) = t;
            int p = labels.Length;
            int[] perm = Shuffle(Enumerable.Range(0, p).ToArray(), seed);
            int[] labels2 = perm.Select(i => labels[i]).ToArray();
            double[] w2 = perm.SelectMany(i => w.AsSpan(i * f, f).ToArray()).ToArray();
            double[] g = new double[w.Length], g2 = new double[w.Length];
            double loss = Regularizers.PrototypeDiversityLoss(w, labels, g, sigma);
            double loss2 = Regularizers.PrototypeDiversityLoss(w2, labels2, g2, sigma);
            AssertClose(loss, loss2, 1e-10 * (1 + Math.Abs(loss)));
            // semantics.md's double gradient tolerance, 1e-8 of the largest value + 1e-10.
            double gradientTolerance = GoldenTolerance.GradientTolerance(isFloat: false, g);
            for (int k = 0; k < p; k++)
            {
                for (int j = 0; j < f; j++) AssertClose(g[perm[k] * f + j], g2[k * f + j], gradientTolerance);
            }
        }, iter: 200);
    }

    [Fact]
    public void Translating_all_prototypes_changes_neither_loss_nor_gradient()
    {
        // The kernels see prototypes only through differences w_i − w_j. Coordinates and shift on a grid of 2⁻³⁰, all
        // below 2⁷ in magnitude, make every translated coordinate and every difference exact in double: the translated
        // problem has the same differences to the bit, so the same loss and gradient to the bit.
        static double OnGrid(double v) => Math.Round(v * 1073741824) / 1073741824;
        s_problem.Select(Gen.Double[-5, 5]).Sample(t =>
        {
            var ((labels, values, f, sigma), shiftValue) = t;
            double[] w = [.. values.Select(OnGrid)];
            double shift = OnGrid(shiftValue);
            double[] moved = [.. w.Select((v, i) => v + shift * (1 + i % f))];
            Assert.Equal(w, moved.Select((v, i) => v - shift * (1 + i % f)));   // exact both ways
            double[] g = new double[w.Length], g2 = new double[w.Length];
            double loss = Regularizers.PrototypeDiversityLoss(w, labels, g, sigma);
            double loss2 = Regularizers.PrototypeDiversityLoss(moved, labels, g2, sigma);
            Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(loss2));
            Assert.Equal(g.Select(BitConverter.DoubleToInt64Bits), g2.Select(BitConverter.DoubleToInt64Bits));
        }, iter: 200);
    }

    [Fact]
    public void The_loss_is_the_sum_of_per_class_losses()
    {
        s_problem.Sample(t =>
        {
            var (labels, w, f, sigma) = t;
            double total = Regularizers.PrototypeDiversityLoss(w, labels, sigma);
            double sum = 0;
            foreach (int c in labels.Distinct())
            {
                int[] members = TestData.RowsOf(labels, c);
                double[] wc = members.SelectMany(i => w.AsSpan(i * f, f).ToArray()).ToArray();
                sum += Regularizers.PrototypeDiversityLoss(wc, new int[members.Length], sigma);
            }

            AssertClose(total, sum, 1e-10 * (1 + Math.Abs(total)));
        }, iter: 200);
    }

    [Fact]
    public void The_gradient_matches_central_differences_in_double()
    {
        // Well-conditioned problems only (spread ≥ 0.5, σ ≤ 3): near collapse B⁻¹ has entries of order 1/ε and
        // finite differences, not the analytic gradient, lose the digits.
        s_wellConditioned.Where(t => t.Labels.Length > 0).Select(Gen.Int[0, 1000]).Sample(t =>
        {
            var ((labels, w, f, sigma), pick) = t;
            double[] g = new double[w.Length];
            Regularizers.PrototypeDiversityLoss(w, labels, g, sigma);
            int i = pick % w.Length;
            const double h = 1e-6;
            double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Regularizers.PrototypeDiversityLoss(plus, labels, sigma) - Regularizers.PrototypeDiversityLoss(minus, labels, sigma)) / (2 * h);
            AssertClose(g[i], numeric, 1e-5 * (1 + g.Max(Math.Abs)));
        }, iter: 300);
    }

    [Fact]
    public void Soft_thresholding_composes_additively()
    {
        Gen.Select(Gen.Double[-10, 10].Array[1, 70], Gen.Double[0, 2], Gen.Double[0, 2]).Sample(t =>
        {
            var (x, a, b) = t;
            double[] once = new double[x.Length], twice = new double[x.Length], direct = new double[x.Length];
            Regularizers.SparseRelevanceProximal(x, once, a);
            Regularizers.SparseRelevanceProximal(once, twice, b);
            Regularizers.SparseRelevanceProximal(x, direct, a + b);
            for (int i = 0; i < x.Length; i++)
            {
                // (|x| − a) − b and |x| − (a + b) differ only by rounding: a few ulps of |x| + a + b.
                AssertClose(direct[i], twice[i], 4e-16 * (Math.Abs(x[i]) + a + b));
            }
        }, iter: 500);
    }

    [Fact]
    public void Elastic_net_with_l2_zero_equals_soft_thresholding()
    {
        Gen.Select(Gen.Float[-10, 10].Array[0, 70], Gen.Float[0, 2], Gen.Float[0.01f, 4]).Sample(t =>
        {
            var (x, l1, lr) = t;
            float[] soft = new float[x.Length], elastic = new float[x.Length];
            int n1 = Regularizers.SparseRelevanceProximal(x, soft, l1, lr);
            int n2 = Regularizers.ElasticNetProximal(x, elastic, l1, 0f, lr);
            Assert.Equal(soft, elastic);
            Assert.Equal(n1, n2);
            // Both against the formula in float: t = l1·lr and |x| − t are one rounding each, so the bits are fixed.
            float threshold = l1 * lr;
            for (int i = 0; i < x.Length; i++)
            {
                float expected = MathF.CopySign(MathF.Max(MathF.Abs(x[i]) - threshold, 0f), x[i]);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(soft[i]) || expected == 0 && soft[i] == 0,
                    $"[{i}] of {x[i]:R}, t = {threshold:R}: {soft[i]:R} vs {expected:R}");
            }

            Assert.Equal(soft.Count(v => v != 0), n1);
        }, iter: 500);
    }

    private static void AssertClose(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{actual:R} vs {expected:R} (tol {tolerance:E2})");

    private static int[] Shuffle(int[] items, int seed)
    {
        int[] copy = (int[])items.Clone();
        new Random(seed).Shuffle(copy);
        return copy;
    }
}
