using System.Numerics.Tensors;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>prosemble's own expectations of the regularizers, checked on the reference.</summary>
public class BehaviourTests
{
    private const int F = 16;

    /// <summary>
    /// Labels kept in the gradient's own memory (an int view of it) are read in full before the gradient is written, as
    /// the generated kernels read them: class 1's two members one apart at σ = 1, class 0 alone, give the closed form
    /// −log((1 + ε)² − k²), k = e^(−1/2), and rows ±2k²/det along the line, where clearing the gradient first turned
    /// every label into class 0.
    /// </summary>
    [Fact]
    public void Labels_in_the_gradients_memory_are_read_before_it_is_written()
    {
        float[] w = [0f, 5f, 1f];   // 3 prototypes × 1 feature
        float[] gradient = new float[3];
        Span<int> labels = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan());
        labels[0] = 1;
        labels[1] = 0;
        labels[2] = 1;

        float loss = Regularizers.Create<float>(2, 2, 1).PrototypeDiversityLoss(w, labels, gradient, 1f);

        double k = Math.Exp(-0.5), det = (1 + 1e-6) * (1 + 1e-6) - k * k;
        Assert.Equal(-Math.Log(det), loss, 1e-5);
        Assert.Equal(2 * k * k / det, gradient[0], 1e-5);
        Assert.Equal(0f, gradient[1]);
        Assert.Equal(-2 * k * k / det, gradient[2], 1e-5);
    }

    [Fact]
    public void Collapsed_prototypes_have_a_higher_loss_than_spread_ones()
    {
        int[] labels = TestData.ClassMajorLabels(2, 3);
        double collapsed = Regularizers.PrototypeDiversityLoss(TestData.Values(6 * F, 1, spread: 1e-4), labels, 1.0);
        double spread = Regularizers.PrototypeDiversityLoss(TestData.Values(6 * F, 1, spread: 3), labels, 1.0);
        Assert.True(collapsed > 20, $"collapsed loss {collapsed}");
        Assert.True(spread < 0.5, $"spread loss {spread}");
    }

    [Fact]
    public void Different_classes_do_not_interact()
    {
        int[] labels = TestData.ClassMajorLabels(2, 3);
        double[] w = TestData.Values(6 * F, 2, spread: 0.3);
        double[] moved = (double[])w.Clone();
        // Move every prototype of class 1; class 0's gradient rows must not change.
        for (int i = 3 * F; i < 6 * F; i++) moved[i] += 0.5 * Math.Sin(i);

        double[] g = new double[w.Length], gMoved = new double[w.Length];
        Regularizers.PrototypeDiversityLoss(w, labels, g, 1.0);
        Regularizers.PrototypeDiversityLoss(moved, labels, gMoved, 1.0);
        Assert.Equal(g.AsSpan(0, 3 * F).ToArray(), gMoved.AsSpan(0, 3 * F).ToArray());
        Assert.NotEqual(g.AsSpan(3 * F).ToArray(), gMoved.AsSpan(3 * F).ToArray());
    }

    [Fact]
    public void A_larger_sigma_raises_the_loss_of_fixed_prototypes()
    {
        int[] labels = TestData.ClassMajorLabels(3, 4);
        double[] w = TestData.Values(12 * F, 3);
        double previous = double.NegativeInfinity;
        foreach (double sigma in new[] { 0.25, 0.5, 1.0, 2.0, 4.0 })
        {
            double loss = Regularizers.PrototypeDiversityLoss(w, labels, sigma);
            Assert.True(loss > previous, $"σ = {sigma}: {loss} ≤ {previous}");
            previous = loss;
        }
    }

    [Fact]
    public void The_gradient_is_finite_and_a_step_against_it_pushes_same_class_prototypes_apart()
    {
        int[] labels = TestData.ClassMajorLabels(2, 4);
        float[] w = TestData.Values(8 * F, 4, spread: 0.05).ToFloat();
        float[] g = new float[w.Length];
        float loss = Regularizers.PrototypeDiversityLoss(w, labels, g, 1f);
        Assert.All(g, v => Assert.True(float.IsFinite(v)));

        float[] stepped = w.Zip(g, (x, d) => x - 1e-3f * d).ToArray();
        Assert.True(MinSameClassDistance(stepped, labels) > MinSameClassDistance(w, labels));
        Assert.True(Regularizers.PrototypeDiversityLoss(stepped, labels, 1f) < loss);
    }

    [Fact]
    public void Soft_thresholding_zeroes_small_values_and_shrinks_the_rest()
    {
        float[] x = [-2f, -0.5f, -0.3f, 0f, 0.1f, 0.3f, 0.31f, 5f];
        float[] y = new float[x.Length];
        int count = Regularizers.SparseRelevanceProximal(x, y, 0.3f);
        // sign(x)·(|x| − t) in float arithmetic: exactly what the kernel must produce.
        Assert.Equal([-(2f - 0.3f), -(0.5f - 0.3f), 0f, 0f, 0f, 0f, 0.31f - 0.3f, 5f - 0.3f], y);
        Assert.Equal(4, count);
    }

    [Fact]
    public void Elastic_net_divides_the_soft_threshold_by_one_plus_l2_lr()
    {
        double[] x = TestData.Values(37, 5);
        double[] soft = new double[x.Length], elastic = new double[x.Length];
        Regularizers.SparseRelevanceProximal(x, soft, 0.2, 0.5);
        Regularizers.ElasticNetProximal(x, elastic, 0.2, 0.8, 0.5);
        for (int i = 0; i < x.Length; i++)
        {
            // The kernel multiplies by the reciprocal; semantics.md allows 1e-15 relative for double.
            double expected = soft[i] / (1 + 0.8 * 0.5);
            Assert.True(expected == 0 ? elastic[i] == 0 : Math.Abs(elastic[i] - expected) <= 1e-15 * Math.Abs(expected), $"{elastic[i]:R} vs {expected:R}");
        }
    }

    /// <summary>
    /// Every length from one value up, so that each width's pass and the scalar loop below the narrowest vector
    /// (one to three floats, one double) compute the formula: products in the element type, then
    /// sign(x)·max(|x| − t, 0)/(1 + b) within a few roundings of that type.
    /// </summary>
    [Fact]
    public void The_elastic_net_prox_is_its_formula_at_every_length()
    {
        const double FloatMinNormal = 1.1754943508222875e-38;   // 2⁻¹²⁶
        for (int length = 1; length <= 40; length++)
        {
            double[] x = TestData.Values(length, length);
            float[] xf = x.ToFloat(), yf = new float[length];
            double[] y = new double[length];
            int countF = Regularizers.ElasticNetProximal(xf, yf, 0.1f, 0.6f, 0.5f);
            int countD = Regularizers.ElasticNetProximal(x, y, 0.1, 0.6, 0.5);
            for (int i = 0; i < length; i++)
            {
                double tf = 0.1f * 0.5f, bf = 0.6f * 0.5f;
                double expectedF = ProxFormula(xf[i], tf, 1 + bf);
                double expectedD = ProxFormula(x[i], 0.1 * 0.5, 1 + 0.6 * 0.5);
                // semantics.md: expected zeros exact, others within 2e-7 relative, or one step of the subnormal grid (2⁻¹⁴⁹) below 2⁻¹²⁶.
                double toleranceF = Math.Max(2e-7 * Math.Abs(expectedF), Math.Abs(expectedF) < FloatMinNormal ? float.Epsilon : 0);
                Assert.True(expectedF == 0 ? yf[i] == 0 : Math.Abs(yf[i] - expectedF) <= toleranceF, $"float, length {length}, [{i}]: {yf[i]:R} vs {expectedF:R}");
                Assert.True(expectedD == 0 ? y[i] == 0 : Math.Abs(y[i] - expectedD) <= 1e-15 * Math.Abs(expectedD), $"double, length {length}, [{i}]: {y[i]:R} vs {expectedD:R}");
            }

            Assert.Equal(yf.Count(v => v != 0), countF);
            Assert.Equal(y.Count(v => v != 0), countD);
        }
    }

    /// <summary>
    /// The engine API's in-place proxes, on spans and tensors, with a step size and with lr = 1, compute
    /// sign(x)·max(|x| − l1Weight·lr, 0)/(1 + l2Weight·lr) with each weight where the call gives it (docs/semantics.md:
    /// expected zeros exact, others within 1e-15 relative in double), and a bad weight is named by its own parameter with
    /// the values left as they were.
    /// </summary>
    [Theory]
    [InlineData("elastic span", 0.5)]
    [InlineData("elastic span, lr = 1", 1.0)]
    [InlineData("elastic tensor", 0.5)]
    [InlineData("soft span", 0.5)]
    [InlineData("soft span, lr = 1", 1.0)]
    [InlineData("soft tensor", 0.5)]
    public void The_engines_in_place_proxes_take_each_weight_where_it_is_given(string form, double lr)
    {
        const double L1 = 0.25, L2 = 0.75;
        const int Rows = 3;
        PrototypeRegularizer<double> r = Regularizers.Create<double>(2, 2, F);
        bool elastic = form.StartsWith("elastic", StringComparison.Ordinal);
        double[] x = TestData.Values(Rows * F, 11);
        double[] y = (double[])x.Clone();
        int count = Call(y, L1, L2, lr);

        double threshold = L1 * lr, divisor = elastic ? 1 + L2 * lr : 1;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = ProxFormula(x[i], threshold, divisor);
            Assert.True(expected == 0 ? y[i] == 0 : Math.Abs(y[i] - expected) <= 1e-15 * Math.Abs(expected), $"{form}, [{i}]: {y[i]:R} vs {expected:R}");
        }

        Assert.Equal(y.Count(v => v != 0), count);
        Assert.InRange(count, 1, x.Length - 1);

        // l1Weight = 0 is valid: soft-thresholding by nothing, then the division.
        double[] unshrunk = (double[])x.Clone();
        Call(unshrunk, 0, L2, lr);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal(x[i] / divisor, unshrunk[i], 1e-15 * Math.Abs(x[i])));

        // Bad weights: each named by its own parameter, nothing written.
        var bad = new List<(double L1, double L2, double Lr, string Parameter)> { (-0.1, L2, lr, "l1Weight") };
        if (elastic) bad.Add((L1, -0.1, lr, "l2Weight"));
        if (lr != 1) bad.Add((L1, L2, 0, "lr"));
        foreach (var (l1, l2, step, parameter) in bad)
        {
            double[] values = (double[])x.Clone();
            var ex = Assert.ThrowsAny<ArgumentException>(() => Call(values, l1, l2, step));
            Assert.Equal(parameter, ex.ParamName);
            Assert.Equal(x, values);
        }

        int Call(double[] values, double l1, double l2, double step) => form switch
        {
            "elastic span" => r.ElasticNetProximal(values.AsSpan(), l1, l2, step),
            "elastic span, lr = 1" => r.ElasticNetProximal(values.AsSpan(), l1, l2),
            "elastic tensor" => r.ElasticNetProximal(new TensorSpan<double>(values, [Rows, F]), l1, l2, step),
            "soft span" => r.SparseRelevanceProximal(values.AsSpan(), l1, step),
            "soft span, lr = 1" => r.SparseRelevanceProximal(values.AsSpan(), l1),
            "soft tensor" => r.SparseRelevanceProximal(new TensorSpan<double>(values, [Rows, F]), l1, step),
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
    }

    /// <summary>The prox's formula in double: sign(x)·max(|x| − threshold, 0)/divisor.</summary>
    private static double ProxFormula(double x, double threshold, double divisor) => Math.Sign(x) * Math.Max(Math.Abs(x) - threshold, 0) / divisor;

    [Fact]
    public void A_larger_learning_rate_zeroes_at_least_as_many_entries()
    {
        float[] x = TestData.Values(200, 6).ToFloat();
        float[] y = new float[x.Length];
        int previous = int.MaxValue;
        foreach (float lr in new[] { 0.1f, 0.5f, 1f, 2f, 4f })
        {
            int count = Regularizers.ElasticNetProximal(x, y, 0.1f, 0.1f, lr);
            Assert.True(count <= previous);
            previous = count;
        }
    }

    [Fact]
    public void L1_zero_is_the_identity_for_soft_thresholding()
    {
        float[] x = TestData.Values(77, 7).ToFloat();
        float[] y = new float[x.Length];
        Assert.Equal(x.Length, Regularizers.SparseRelevanceProximal(x, y, 0f, 3f));
        Assert.Equal(x, y);
    }

    /// <summary>
    /// Where the reciprocal of 1 + l2·lr is subnormal it holds fewer bits than a float (about 21 of 24 at l2 = 3.4e38), and
    /// a multiply by it misses the quotient by more than the prox tolerance for many x. The prox must stay within the
    /// tolerance of the division (docs/semantics.md) for every x whose quotient is a normal float (x from e⁷), at every
    /// length (scalars, vectors, a tail). Double is held to its own tolerance the same way.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(37)]
    public void A_huge_l2_weight_stays_within_the_tolerance_of_the_division(int length)
    {
        var random = new Random(length);
        foreach (float l2 in new[] { 1e38f, 2e38f, 3.4e38f })
        {
            for (int round = 0; round < 50; round++)
            {
                float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)Math.Exp(7 + random.NextDouble() * 80))], result = new float[length];
                Assert.Equal(length, Regularizers.ElasticNetProximal(values, result, 0f, l2, 1f));
                for (int i = 0; i < length; i++)
                {
                    double exact = values[i] / (1 + (double)l2);
                    Assert.True(Math.Abs(result[i] - exact) <= 2e-7 * exact, $"x {values[i]:R}, l2 {l2:R}: {result[i]:R} against {exact:R}");
                }
            }
        }

        foreach (double l2 in new[] { 1e308, 1.7e308 })
        {
            double[] values = [.. Enumerable.Range(0, length).Select(_ => Math.Exp(random.NextDouble() * 700))], result = new double[length];
            Assert.Equal(length, Regularizers.ElasticNetProximal(values, result, 0d, l2, 1d));
            for (int i = 0; i < length; i++)
            {
                double exact = values[i] / l2;   // 1 + l2 is l2 in double
                Assert.True(Math.Abs(result[i] - exact) <= 1e-15 * exact, $"x {values[i]:R}, l2 {l2:R}: {result[i]:R} against {exact:R}");
            }
        }
    }

    /// <summary>
    /// A double result in the subnormal range (x / (1 + l2) below 2⁻¹⁰²², the reciprocal of 1 + l2 still normal, so the
    /// kernel multiplies by it) is within one step of the subnormal grid, 2⁻¹⁰⁷⁴, of the quotient (docs/semantics.md),
    /// at every length: the relative tolerance cannot hold where the grid is coarser than it.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(37)]
    public void A_double_result_in_the_subnormal_range_is_within_one_step_of_the_grid(int length)
    {
        const double MinNormal = 2.2250738585072014E-308;   // 2⁻¹⁰²²
        var random = new Random(length);
        foreach (double l2 in new[] { 1e280, 3e300 })
        {
            // Quotients from 1e-320 to 2e-308, of either sign.
            double[] values = [.. Enumerable.Range(0, length).Select(_ =>
                (random.Next(2) == 0 ? -l2 : l2) * Math.Exp(Math.Log(1e-320) + random.NextDouble() * (Math.Log(2e-308) - Math.Log(1e-320))))];
            if (l2 == 1e280)
            {
                // Its product with the reciprocal rounds to the grid point next to the quotient's.
                values[0] = 3.6452101573174595e-31;
            }

            double[] result = new double[length];
            Assert.Equal(length, Regularizers.ElasticNetProximal(values, result, 0d, l2, 1d));
            for (int i = 0; i < length; i++)
            {
                double exact = values[i] / (1 + l2);   // correctly rounded to the grid
                Assert.True(exact != 0 && Math.Abs(exact) < MinNormal, $"{exact:R} is not subnormal");
                Assert.True(Math.Abs(result[i] - exact) <= double.Epsilon, $"x {values[i]:R}, l2 {l2:R}: {result[i]:R} against {exact:R}");
            }
        }
    }

    /// <summary>
    /// Where the kernel divides (a subnormal reciprocal), it divides by 1 + l2Weight·lr, not by 1 + l2Weight: with lr = 1,
    /// as above, the two are the same number. Here lr is 0.5 or 0.9 and the product alone is past the point where the
    /// kernel turns to dividing (about 8.5e37 in float, 4.5e307 in double), so the quotient must follow the product.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(37)]
    public void A_huge_l2_product_divides_by_one_plus_l2_times_lr(int length)
    {
        var random = new Random(length);
        foreach ((float l2, float lr) in new[] { (1e38f, 0.9f), (3e38f, 0.5f) })
        {
            float b = l2 * lr;
            float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)Math.Exp(7 + random.NextDouble() * 80))], result = new float[length];
            Assert.Equal(length, Regularizers.ElasticNetProximal(values, result, 0f, l2, lr));
            for (int i = 0; i < length; i++)
            {
                double exact = values[i] / (1 + (double)b);
                Assert.True(Math.Abs(result[i] - exact) <= 2e-7 * exact, $"x {values[i]:R}, l2 {l2:R}, lr {lr:R}: {result[i]:R} against {exact:R}, x / (1 + l2·lr)");
            }
        }

        foreach ((double l2, double lr) in new[] { (1e308, 0.5), (1.7e308, 0.9) })
        {
            double b = l2 * lr;
            double[] values = [.. Enumerable.Range(0, length).Select(_ => Math.Exp(10 + random.NextDouble() * 690))], result = new double[length];
            Assert.Equal(length, Regularizers.ElasticNetProximal(values, result, 0d, l2, lr));
            for (int i = 0; i < length; i++)
            {
                double exact = values[i] / b;   // 1 + b is b in double
                Assert.True(Math.Abs(result[i] - exact) <= 1e-15 * exact, $"x {values[i]:R}, l2 {l2:R}, lr {lr:R}: {result[i]:R} against {exact:R}, x / (1 + l2·lr)");
            }
        }
    }

    /// <summary>
    /// The float elastic net against the exact quotient (x − t)/(1 + b), t and b the float products (docs/semantics.md):
    /// within 2e-7 relative. The first case is one where a float reciprocal of the float 1 + b misses it (2.04e-7); then
    /// b tiny, near 2²⁴ and on both sides of 2¹²⁶ (where the kernel turns to dividing); the random ones sweep l2 and lr,
    /// each at every length path (scalars, one vector, a tail).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    public void The_float_elastic_net_is_within_its_tolerance_of_the_exact_quotient(int length)
    {
        Check(0.37604558f, 0.2283801f, 0.0009517778f, 0.54740006f);
        Check(0.7f, 0.01f, 1e-10f, 1f);
        Check(3e7f, 0.5f, 16777215f, 1f);
        Check(3e7f, 0.5f, 16777217f, 1f);
        Check(1e30f, 0f, 8.4e37f, 1f);
        Check(1e30f, 0f, 8.6e37f, 1f);
        var random = new Random(length);
        for (int round = 0; round < 2000; round++)
        {
            Check((float)(random.NextDouble() * 4 - 2), (float)random.NextDouble() * 0.5f, (float)random.NextDouble() * 3, (float)random.NextDouble() * 2 + 0.01f);
        }

        void Check(float x, float l1, float l2, float lr)
        {
            float[] values = [.. Enumerable.Range(0, length).Select(i => x * (1 + i / 64f))], result = new float[length];
            Regularizers.ElasticNetProximal(values, result, l1, l2, lr);
            float t = l1 * lr, b = l2 * lr;
            for (int i = 0; i < length; i++)
            {
                double exact = ProxFormula(values[i], t, 1 + (double)b);
                Assert.True(exact == 0 ? result[i] == 0 : Math.Abs(result[i] - exact) <= 2e-7 * Math.Abs(exact),
                    $"x {values[i]:R}, l1 {l1:R}, l2 {l2:R}, lr {lr:R}: {result[i]:R} against {exact:R}");
            }
        }
    }

    /// <summary>
    /// x − clamp(x, −t, t) is an exact +0 for |x| ≤ t, −0 and negative x included (docs/semantics.md): a value
    /// comparison cannot tell −0 from +0, so the bits are compared. Lengths for the scalar path, a vector and a tail.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(64)]
    public void Values_within_the_threshold_become_positive_zero(int length)
    {
        double[] x = [.. Enumerable.Range(0, length).Select(i => (i % 3) switch { 0 => -0.05, 1 => -0.0, _ => 0.05 })];
        double[] elastic = new double[length];
        Assert.Equal(0, Regularizers.ElasticNetProximal(x, elastic, 0.1, 0.5, 1));
        Assert.All(elastic, v => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(v)));

        float[] xf = x.ToFloat(), soft = new float[length];
        Assert.Equal(0, Regularizers.SparseRelevanceProximal(xf, soft, 0.1f));
        Assert.All(soft, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
    }

    /// <summary>
    /// An infinite threshold makes every finite value +0 and gives NaN for an infinite one (∞ − ∞, as semantics.md's
    /// formula does), at every length: the scalar path, whole vectors and an overlapping tail.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(37)]
    public void An_infinite_threshold_zeroes_finite_values_and_gives_nan_for_infinite_ones(int length)
    {
        float[] x = [.. Enumerable.Range(0, length).Select(i => (i % 3) switch { 0 => float.PositiveInfinity, 1 => -1e30f, _ => float.NegativeInfinity })];
        float[] y = new float[length];

        int nonZero = Regularizers.ElasticNetProximal(x, y, float.PositiveInfinity, 0.5f, 1f);

        for (int i = 0; i < length; i++)
        {
            Assert.True(i % 3 == 1 ? BitConverter.SingleToInt32Bits(y[i]) == 0 : float.IsNaN(y[i]), $"x = {x[i]}: {y[i]}");
        }

        Assert.Equal(y.Count(float.IsNaN), nonZero);
    }

    /// <summary>
    /// An infinite L2 weight (b = +∞) gives the formula's values: a finite value's signed zero (−0 for a negative one) and
    /// NaN for an infinite one (∞/∞), in float and double, at every length; only the NaNs count as written.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(37)]
    public void An_infinite_l2_weight_gives_signed_zeros_and_nan_for_infinite_values(int length)
    {
        double[] x = [.. Enumerable.Range(0, length).Select(i => (i % 4) switch { 0 => double.PositiveInfinity, 1 => -2.5, 2 => 3.5, _ => double.NegativeInfinity })];
        float[] xf = x.ToFloat(), yf = new float[length];
        double[] y = new double[length];

        int nonZeroF = Regularizers.ElasticNetProximal(xf, yf, 0.1f, float.PositiveInfinity, 1f);
        int nonZero = Regularizers.ElasticNetProximal(x, y, 0.1, double.PositiveInfinity, 1d);

        for (int i = 0; i < length; i++)
        {
            if (double.IsInfinity(x[i]))
            {
                Assert.True(double.IsNaN(y[i]) && float.IsNaN(yf[i]), $"x = {x[i]}: {y[i]}, {yf[i]}");
            }
            else
            {
                Assert.Equal(x[i] < 0 ? -0d : 0d, y[i]);
                Assert.Equal(double.IsNegative(x[i]), double.IsNegative(y[i]));
                Assert.Equal(double.IsNegative(x[i]), float.IsNegative(yf[i]));
                Assert.Equal(0f, yf[i]);
            }
        }

        Assert.Equal(y.Count(double.IsNaN), nonZero);
        Assert.Equal(yf.Count(float.IsNaN), nonZeroF);
    }

    /// <summary>
    /// The count is of the values written (semantics.md), so a value above the threshold whose quotient by 1 + b
    /// underflows to zero is not counted: 1e-30f / (1 + 1e20) is 1e-50, far below float's smallest subnormal, and
    /// 1e-300 / (1 + 1e100) below double's. Lengths for the scalar path, a vector and an overlapping tail.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(37)]
    public void A_quotient_that_underflows_to_zero_is_not_counted(int length)
    {
        float[] xf = [.. Enumerable.Range(0, length).Select(i => (i % 3) switch { 0 => 1e-30f, 1 => 2f, _ => -3e-31f })], yf = new float[length];
        int countF = Regularizers.ElasticNetProximal(xf, yf, 0f, 1e20f, 1f);
        for (int i = 0; i < length; i++)
        {
            Assert.True(i % 3 == 1 ? Math.Abs(yf[i] - 2 / (1 + (double)1e20f)) <= 2e-7 * 2 / (1 + (double)1e20f) : yf[i] == 0, $"float, length {length}, x {xf[i]:R}: {yf[i]:R}");
        }

        Assert.True(yf.Count(v => v != 0) == countF, $"float, length {length}: returned {countF}, but {yf.Count(v => v != 0)} non-zero values were written");

        double[] x = [.. Enumerable.Range(0, length).Select(i => (i % 3) switch { 0 => 1e-300, 1 => 2.0, _ => -3e-301 })], y = new double[length];
        int count = Regularizers.ElasticNetProximal(x, y, 0d, 1e100, 1d);
        for (int i = 0; i < length; i++)
        {
            Assert.True(i % 3 == 1 ? Math.Abs(y[i] - 2e-100) <= 1e-15 * 2e-100 : y[i] == 0, $"double, length {length}, x {x[i]:R}: {y[i]:R}");
        }

        Assert.True(y.Count(v => v != 0) == count, $"double, length {length}: returned {count}, but {y.Count(v => v != 0)} non-zero values were written");
    }

    /// <summary>Inputs shorter than a vector take the scalar path: NaN stays NaN and counts there too.</summary>
    [Fact]
    public void Nan_counts_as_non_zero_in_inputs_shorter_than_a_vector()
    {
        double[] y = new double[1];
        Assert.Equal(1, Regularizers.SparseRelevanceProximal([double.NaN], y, 0.1));
        Assert.True(double.IsNaN(y[0]));

        float[] yf = new float[3];
        Assert.Equal(2, Regularizers.SparseRelevanceProximal([float.NaN, 0.01f, 1f], yf, 0.1f));
        Assert.True(float.IsNaN(yf[0]));
        Assert.Equal([0f, 0.9f], yf[1..]);
    }

    [Fact]
    public void Nan_stays_nan_and_counts_as_non_zero()
    {
        double[] x = [double.NaN, 1, -1, 0.01, double.NaN, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
        double[] y = new double[x.Length];
        int count = Regularizers.SparseRelevanceProximal(x, y, 0.1);
        Assert.True(double.IsNaN(y[0]) && double.IsNaN(y[4]));
        Assert.Equal(0, y[3]);
        Assert.Equal(x.Length - 1, count);
    }

    [Fact]
    public void Zero_prototypes_give_zero_loss()
    {
        Assert.Equal(0f, Regularizers.PrototypeDiversityLoss(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty, 1f));
        Assert.Equal(0.0, Regularizers.PrototypeDiversityLoss(ReadOnlySpan<double>.Empty, ReadOnlySpan<int>.Empty, Span<double>.Empty, 1.0, 3, 2));
    }

    [Fact]
    public void Many_classes_and_one_large_class_run_without_stack_overflow()
    {
        // 100 000 classes of two prototypes each: the label bookkeeping goes to the pool, not the stack.
        int[] labels = TestData.ClassMajorLabels(100_000, 2);
        float[] w = TestData.Values(labels.Length * 2, 8).ToFloat();
        float loss = Regularizers.PrototypeDiversityLoss(w, labels, 1f, 100_000, 2);
        Assert.True(float.IsFinite(loss) && loss > 0);

        // 1000 prototypes in one class: a 1000×1000 factorisation on pooled scratch.
        int[] one = new int[1000];
        double[] w1 = TestData.Values(1000 * 3, 9, spread: 10);
        double[] g1 = new double[w1.Length];
        double l1 = Regularizers.PrototypeDiversityLoss(w1, one, g1, 1.0, 1, 1000);
        Assert.True(double.IsFinite(l1));
        Assert.All(g1, v => Assert.True(double.IsFinite(v)));
    }

    private static double MinSameClassDistance(float[] w, int[] labels)
    {
        double min = double.PositiveInfinity;
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (labels[i] != labels[j]) continue;
                double d = 0;
                for (int f = 0; f < F; f++) d += Math.Pow(w[i * F + f] - w[j * F + f], 2);
                min = Math.Min(min, d);
            }
        }

        return min;
    }
}
