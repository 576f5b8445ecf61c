namespace DigitsLvq.Tests;

/// <summary>
/// Both trainers step along <see cref="GrlvqTrainer.AccumulateSample"/>'s gradient of one sample's cost
/// μ = (d⁺ − d⁻)/(d⁺ + d⁻), with d(x, w) = Σ_j λ_j (x_j − w_j)² and λ = r²/Σr². Checked against central differences
/// of μ computed here in double, with respect to the two winners' coordinates and to r.
/// </summary>
public class SampleGradientTests
{
    private const int F = GrlvqModel.Features;

    [Fact]
    public void A_samples_gradient_is_the_derivative_of_its_cost()
    {
        DigitsData data = DigitsData.Load().PerClass(3);
        var random = new Random(17);
        GrlvqModel model = GrlvqTrainer.Initialise(data, random);
        float[] w = model.Prototypes;
        int[] labels = model.Labels;
        // Relevances away from uniform, so λ's normalisation matters.
        float[] r = [.. Enumerable.Range(0, F).Select(_ => 0.2f + random.NextSingle())];
        float[] lambda = new float[F];
        float s = GrlvqTrainer.UpdateLambda(r, lambda);

        for (int i = 0; i < data.Count; i++)
        {
            float[] gradW = new float[w.Length], gradR = new float[F];
            float[] x = data.Sample(i).ToArray();
            var (mu, plus, minus) = GrlvqTrainer.AccumulateSample(x, data.Y[i], w, labels, lambda, r, s, gradW, gradR);
            double[] wPlus = Row(w, plus), wMinus = Row(w, minus), rd = [.. r.Select(v => (double)v)];
            // μ in float: two sums of 64 terms and a quotient, about 4e-6 at most; μ itself lies in [−1, 1].
            Assert.True(Math.Abs(mu - Mu(x, wPlus, wMinus, rd)) <= 1e-5, $"sample {i}: μ {mu} against {Mu(x, wPlus, wMinus, rd)}");

            double[] expectedR = Central(rd, v => Mu(x, wPlus, wMinus, v));
            double[] expectedPlus = Central(wPlus, v => Mu(x, v, wMinus, rd));
            double[] expectedMinus = Central(wMinus, v => Mu(x, wPlus, v, rd));
            Close(expectedR, gradR, $"sample {i}, r");
            Close(expectedPlus, gradW.AsSpan(plus * F, F).ToArray(), $"sample {i}, w⁺");
            Close(expectedMinus, gradW.AsSpan(minus * F, F).ToArray(), $"sample {i}, w⁻");

            // Only the two winners' rows carry a gradient.
            Assert.All(Enumerable.Range(0, w.Length).Where(k => k / F != plus && k / F != minus), k => Assert.Equal(0f, gradW[k]));
        }
    }

    private static double[] Row(float[] w, int k) => [.. w.AsSpan(k * F, F).ToArray().Select(v => (double)v)];

    private static double Mu(float[] x, double[] wPlus, double[] wMinus, double[] r)
    {
        double s = r.Sum(v => v * v), dPlus = 0, dMinus = 0;
        for (int j = 0; j < F; j++)
        {
            double lambda = r[j] * r[j] / s, tPlus = x[j] - wPlus[j], tMinus = x[j] - wMinus[j];
            dPlus += lambda * tPlus * tPlus;
            dMinus += lambda * tMinus * tMinus;
        }

        return (dPlus - dMinus) / (dPlus + dMinus);
    }

    private static double[] Central(double[] at, Func<double[], double> f)
    {
        const double h = 1e-6;
        var result = new double[at.Length];
        for (int j = 0; j < at.Length; j++)
        {
            double[] up = (double[])at.Clone(), down = (double[])at.Clone();
            up[j] += h;
            down[j] -= h;
            result[j] = (f(up) - f(down)) / (2 * h);
        }

        return result;
    }

    // The sample's gradient is float arithmetic over 64 terms (about 64 · 2⁻²⁴ ≈ 4e-6 relative); the central differences
    // in double are good to about 1e-9. 1e-4 of the largest component separates the two with room to spare, and is far
    // below what a wrong term (a missing −d, a wrong sign or factor) moves.
    private static void Close(double[] expected, float[] actual, string what)
    {
        double scale = expected.Max(Math.Abs);
        Assert.True(scale > 0, what);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 * scale, $"{what}[{j}]: {actual[j]} against {expected[j]} (largest {scale}).");
        }
    }

    [Fact]
    public void All_zero_relevances_give_a_zero_cost_and_no_gradient()
    {
        // The prox can zero every relevance (a large L1 weight): λ is then 0 and every distance 0, and 0/0 must not
        // reach the cost or the gradients.
        DigitsData data = DigitsData.Load().PerClass(1);
        GrlvqModel model = GrlvqTrainer.Initialise(data, new Random(1));
        float[] r = new float[F], lambda = new float[F];
        float s = GrlvqTrainer.UpdateLambda(r, lambda);
        float[] gradW = new float[model.Prototypes.Length], gradR = new float[F];
        var (mu, plus, minus) = GrlvqTrainer.AccumulateSample(data.Sample(4), data.Y[4], model.Prototypes, model.Labels, lambda, r, s, gradW, gradR);
        Assert.Equal(0d, mu);
        Assert.Equal(data.Y[4], model.Labels[plus]);
        Assert.NotEqual(data.Y[4], model.Labels[minus]);
        Assert.All(gradW, g => Assert.Equal(0f, g));
        Assert.All(gradR, g => Assert.Equal(0f, g));
    }

    /// <summary>
    /// Of several prototypes at the same distance, the first in row order wins, for w⁺ and for w⁻ alike, as
    /// <see cref="GrlvqModel.Predict"/> resolves ties: a step is repeatable whatever the data, and moves the prototype the
    /// model would predict with.
    /// </summary>
    [Fact]
    public void Winners_tied_in_distance_are_the_first_rows()
    {
        // Rows 0 and 1 of class 0 and rows 2 and 3 of class 1, each pair at the same distance from x; rows 4 and 5
        // farther off, one of each class.
        int[] labels = [0, 0, 1, 1, 0, 1];
        float[] w = new float[labels.Length * F];
        float[] offsets = [0.5f, 0.5f, 0.25f, 0.25f, 2f, 2f];
        for (int k = 0; k < labels.Length; k++) w.AsSpan(k * F, F).Fill(1f - offsets[k]);
        float[] x = Enumerable.Repeat(1f, F).ToArray();
        float[] r = Enumerable.Repeat(1f, F).ToArray(), lambda = new float[F];
        float s = GrlvqTrainer.UpdateLambda(r, lambda);
        float[] gradW = new float[w.Length], gradR = new float[F];

        var (_, plus, minus) = GrlvqTrainer.AccumulateSample(x, 0, w, labels, lambda, r, s, gradW, gradR);

        Assert.Equal((0, 2), (plus, minus));
        Assert.Contains(gradW.AsSpan(0 * F, F).ToArray(), g => g != 0f);
        Assert.Contains(gradW.AsSpan(2 * F, F).ToArray(), g => g != 0f);
        Assert.All(Enumerable.Range(0, w.Length).Where(k => k / F is not (0 or 2)), k => Assert.Equal(0f, gradW[k]));
    }
}
