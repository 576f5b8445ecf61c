using DigitsLvq;

namespace DigitsLvq.Tests;

/// <summary>A short training through the sample's own code: it learns, it prunes pixels, and diversity spreads prototypes.</summary>
public class TrainingTests
{
    private static readonly (DigitsData Train, DigitsData Test) s_split = DigitsData.Load().Split(0.7, seed: 3);

    // A few epochs on a slice of the data, with a stronger L1 so pixels are pruned within the short run.
    private static readonly TrainingOptions s_short = new() { Epochs = 6, L1 = 0.5f, RelevanceLearningRate = 0.01f, Seed = 3 };

    [Fact]
    public void Data_loads_with_its_documented_shape()
    {
        DigitsData all = DigitsData.Load();
        Assert.Equal(1797, all.Count);
        Assert.Equal(1797 * 64, all.X.Length);
        Assert.All(all.X, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(Enumerable.Range(0, 10), all.Y.Distinct().Order());
        Assert.Equal(all.Count, s_split.Train.Count + s_split.Test.Count);
    }

    [Fact]
    public void Short_training_is_far_above_chance_and_prunes_pixels_exactly()
    {
        TrainingResult result = GrlvqTrainer.Train(s_split.Train.PerClass(60), s_short);
        double accuracy = result.Model.Accuracy(s_split.Test);
        Assert.True(accuracy > 0.6, $"test accuracy {accuracy:P1} (chance is 10%)");
        Assert.Contains(result.Model.Relevances, r => r == 0f);
        Assert.True(result.Model.NonZeroRelevances < 64);
    }

    [Fact]
    public void The_diversity_term_raises_the_smallest_same_class_distance()
    {
        DigitsData slice = s_split.Train.PerClass(60);
        double with = GrlvqTrainer.Train(slice, s_short with { Alpha = 0.01f }).Model.SmallestSameClassDistance();
        double without = GrlvqTrainer.Train(slice, s_short with { Diversity = false }).Model.SmallestSameClassDistance();
        Assert.True(with > without, $"with diversity {with:F3}, without {without:F3}");
    }

    [Fact]
    public void Command_line_parses_flags_and_rejects_bad_values()
    {
        Assert.True(CommandLine.TryParse(["--epochs", "3", "--alpha", "0.5", "--no-diversity", "--out", "x"], out var options, out string output, out _));
        Assert.NotNull(options);
        Assert.Equal((3, 0.5f, false, "x"), (options.Epochs, options.Alpha, options.Diversity, output));
        Assert.False(CommandLine.TryParse(["--epochs", "-1"], out _, out _, out string? error));
        Assert.Contains("--epochs", error, StringComparison.Ordinal);
        Assert.False(CommandLine.TryParse(["--bogus", "1"], out _, out _, out _));
        Assert.True(CommandLine.TryParse(["--help"], out var help, out _, out _));
        Assert.Null(help);
    }
}
