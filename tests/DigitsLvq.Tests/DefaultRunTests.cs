namespace DigitsLvq.Tests;

/// <summary>
/// The README's table of the sample's two modes, from their default runs: the mini-batch default is the sparsest L1
/// weight at 94% or more, and the online mode reaches the mini-batch default's test accuracy within one point. The
/// bounds leave room for the last bits other machines' kernels may give, not for another schedule.
/// </summary>
public class DefaultRunTests
{
    private static readonly TrainingOptions s_defaults = new();
    private static readonly (DigitsData Train, DigitsData Test) s_split = DigitsData.Load().Split(0.7, s_defaults.Seed);
    private static readonly Lazy<GrlvqModel> s_miniBatch = new(() => GrlvqTrainer.Train(s_split.Train, s_defaults).Model);

    [Fact]
    public void The_mini_batch_default_reaches_the_readmes_figures()
    {
        // README: 94.4%, 54/64 non-zero relevances, smallest same-class distance 1.687.
        GrlvqModel model = s_miniBatch.Value;
        double accuracy = model.Accuracy(s_split.Test);
        Assert.True(accuracy >= 0.94, $"test accuracy {accuracy:P1}");
        Assert.InRange(model.NonZeroRelevances, 50, 58);
        Assert.InRange(model.SmallestSameClassDistance(), 1.6, 1.78);
    }

    [Fact]
    public void Online_default_reaches_the_mini_batch_defaults_accuracy_within_one_point()
    {
        double online = OnlineTrainer.Train(s_split.Train, s_defaults).Model.Accuracy(s_split.Test);
        double miniBatch = s_miniBatch.Value.Accuracy(s_split.Test);
        Assert.True(online >= miniBatch - 0.01, $"online {online:P1}, mini-batch {miniBatch:P1}");
    }
}
