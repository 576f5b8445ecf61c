namespace DigitsLvq.Tests;

/// <summary>The model's own measures: prediction, accuracy, λ, and the smallest same-class distance the README reports.</summary>
public class GrlvqModelTests
{
    private const int F = GrlvqModel.Features;

    [Fact]
    public void Accuracy_counts_every_sample()
    {
        // Each class's prototypes are its one sample: every sample is classified correctly, the first included.
        DigitsData data = DigitsData.Load().PerClass(1);
        var (w, labels) = PrototypesAtTheSamples(data);
        var model = new GrlvqModel(w, labels, [.. Enumerable.Repeat(1f, F)]);
        Assert.Equal(1d, model.Accuracy(data));
    }

    /// <summary>
    /// Accuracy classifies by the model's own λ: a pixel whose relevance is 0 does not count. Each class's prototypes
    /// sit at its one sample except in pixel <c>q</c>, 10 × the class there: with r_q = 0 every sample is at distance 0
    /// from its own class, while a uniform λ would put every sample, pixel q in [0, 1], nearest class 0.
    /// </summary>
    [Fact]
    public void Accuracy_ignores_the_pixels_whose_relevance_is_zero()
    {
        const int q = 27;
        DigitsData data = DigitsData.Load().PerClass(1);
        var (w, labels) = PrototypesAtTheSamples(data);
        for (int k = 0; k < labels.Length; k++)
        {
            w[k * F + q] = 10f * labels[k];
        }

        float[] r = [.. Enumerable.Range(0, F).Select(j => j == q ? 0f : 1f)];
        double accuracy = new GrlvqModel(w, labels, r).Accuracy(data);
        Assert.True(accuracy == 1d, $"accuracy {accuracy:P0}: pixel {q}, whose relevance is 0, decided the nearest prototype");
    }

    /// <summary>Every prototype of a class at that class's one sample in <paramref name="data"/>, class-major.</summary>
    private static (float[] Prototypes, int[] Labels) PrototypesAtTheSamples(DigitsData data)
    {
        var w = new float[DigitsData.Classes * GrlvqModel.PerClass * F];
        var labels = new int[DigitsData.Classes * GrlvqModel.PerClass];
        for (int k = 0; k < labels.Length; k++)
        {
            labels[k] = k / GrlvqModel.PerClass;
            data.Sample(Array.IndexOf(data.Y, labels[k])).CopyTo(w.AsSpan(k * F, F));
        }

        return (w, labels);
    }

    /// <summary>λ = r² / Σ r² for any r, not only the unit-norm r the trainers keep: the weights sum to 1.</summary>
    [Fact]
    public void Lambda_is_the_squared_relevances_over_their_sum()
    {
        // r cycles through −2, −1, 0, 1, 2: Σ r² = 12 · 10 + 4 + 1 + 0 + 1 = 126.
        float[] r = [.. Enumerable.Range(0, F).Select(j => (float)(j % 5 - 2))];
        float[] lambda = new GrlvqModel(new float[3 * F], [0, 1, 2], r).Lambda();
        Assert.Equal(r.Select(v => v * v / 126f), lambda);
        Assert.InRange(lambda.Sum(), 1 - 1e-6, 1 + 1e-6);
    }

    [Fact]
    public void Smallest_same_class_distance_looks_at_every_pair()
    {
        // Class 0 at 0, 1 and 3 along the first pixel; class 1 at 10, 13 and 14: each class's closest pair is its
        // last two members in one order of the labels and its first two in the other.
        var w = new float[6 * F];
        float[] offsets = [0, 1, 3, 10, 13, 14];
        for (int k = 0; k < offsets.Length; k++)
        {
            w[k * F] = offsets[k];
        }

        Assert.Equal(1d, new GrlvqModel(w, [0, 0, 0, 1, 1, 1], new float[F]).SmallestSameClassDistance());
        Assert.Equal(1d, new GrlvqModel(w, [1, 1, 1, 0, 0, 0], new float[F]).SmallestSameClassDistance());
    }

    [Fact]
    public void Lambda_of_zero_relevances_is_all_zeros()
    {
        var model = new GrlvqModel(new float[3 * F], [0, 1, 2], new float[F]);
        Assert.All(model.Lambda(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_tie_goes_to_the_first_prototype_as_in_training()
    {
        // Two coincident prototypes of different classes: the trainer's winner search keeps the first of equal
        // distances, and prediction must agree with it.
        var model = new GrlvqModel(new float[2 * F], [1, 0], [.. Enumerable.Repeat(1f, F)]);
        float[] x = [.. Enumerable.Range(0, F).Select(j => j / 64f)];
        Assert.Equal(1, model.Predict(x, model.Lambda()));
    }
}
