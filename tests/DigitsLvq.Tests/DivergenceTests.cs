namespace DigitsLvq.Tests;

/// <summary>
/// A model whose values stop being finite numbers (learning rates or α too large) stops training with
/// <see cref="TrainingDivergedException"/> at the first step that meets them, before that step writes a gradient or a
/// relevance: not an index error on a winner no distance chose, nor training on with relevances quietly read as zero.
/// </summary>
public class DivergenceTests
{
    private const int F = GrlvqModel.Features;

    /// <summary>Every prototype of one side NaN, +∞, or finite but so far that the distance overflows to +∞.</summary>
    [Theory]
    [InlineData(true, float.NaN)]
    [InlineData(true, float.PositiveInfinity)]
    [InlineData(true, 1e30f)]
    [InlineData(false, float.NaN)]
    [InlineData(false, 1e30f)]
    public void A_sample_with_no_finite_distance_to_one_side_throws_before_writing_a_gradient(bool ownClass, float value)
    {
        DigitsData data = DigitsData.Load().PerClass(1);
        GrlvqModel model = GrlvqTrainer.Initialise(data, new Random(3));
        float[] w = model.Prototypes, r = model.Relevances, lambda = new float[F];
        int[] labels = model.Labels;
        float s = GrlvqTrainer.UpdateLambda(r, lambda);
        const int sample = 4;
        int y = data.Y[sample];
        for (int k = 0; k < labels.Length; k++)
        {
            if ((labels[k] == y) == ownClass) w.AsSpan(k * F, F).Fill(value);
        }

        float[] gradW = [.. Enumerable.Range(0, w.Length).Select(k => k * 0.5f)], gradR = [.. Enumerable.Range(0, F).Select(j => -j * 0.25f)];
        float[] gradWBefore = [.. gradW], gradRBefore = [.. gradR];

        var e = Assert.Throws<TrainingDivergedException>(() => GrlvqTrainer.AccumulateSample(data.Sample(sample), y, w, labels, lambda, r, s, gradW, gradR));

        Assert.Equal(ownClass
            ? $"training diverged: no prototype of the sample's class {y} is at a finite distance from a training sample"
            : "training diverged: no prototype of another class is at a finite distance from a training sample", e.Message);
        Assert.Equal(gradWBefore, gradW);
        Assert.Equal(gradRBefore, gradR);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_relevance_that_is_not_finite_throws_before_lambda_is_written(float value)
    {
        float[] r = [.. Enumerable.Repeat(0.125f, F)];
        r[17] = value;
        float[] lambda = [.. Enumerable.Repeat(-1f, F)];

        var e = Assert.Throws<TrainingDivergedException>(() => GrlvqTrainer.UpdateLambda(r, lambda));

        Assert.Equal("training diverged: the relevances are no longer finite numbers", e.Message);
        Assert.All(lambda, v => Assert.Equal(-1f, v));
    }

    /// <summary>Relevances the prox zeroed all of are finite: λ is zero and training goes on.</summary>
    [Fact]
    public void Relevances_all_zero_are_not_divergence()
    {
        float[] lambda = [.. Enumerable.Repeat(-1f, F)];

        Assert.Equal(0f, GrlvqTrainer.UpdateLambda(new float[F], lambda));
        Assert.All(lambda, v => Assert.Equal(0f, v));
    }

    /// <summary>Both trainers, where a learning rate of 1e30 sends the prototypes past float's range within an epoch.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_trainer_whose_steps_overflow_throws_divergence(bool online)
    {
        DigitsData train = DigitsData.Load().PerClass(5);
        TrainingOptions options = new() { Epochs = 1, LearningRate = 1e30f };

        Assert.Throws<TrainingDivergedException>(() => online ? OnlineTrainer.Train(train, options) : GrlvqTrainer.Train(train, options));
    }
}
