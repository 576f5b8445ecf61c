namespace DigitsLvq.Tests;

/// <summary>What both trainers report at the end of an epoch, checked against the model they train.</summary>
public class EpochReportTests
{
    private static readonly DigitsData s_train = DigitsData.Load().Split(0.7, seed: 3).Train;

    public static TheoryData<string> Trainers() => new("mini-batch", "online");

    private static TrainingResult Train(string trainer, DigitsData data, TrainingOptions options, Action<EpochReport> progress) =>
        trainer == "online" ? OnlineTrainer.Train(data, options, progress) : GrlvqTrainer.Train(data, options, progress);

    /// <summary>
    /// An epoch's cost is the mean GLVQ cost μ = (d⁺ − d⁻)/(d⁺ + d⁻) over its samples. With the prototypes' learning
    /// rate zero and the relevances' far below their float resolution (the prox needs a positive one), nothing moves,
    /// so every step sees the model training returns, whatever order the samples come in; batches of 10 split the 30
    /// samples evenly, so the mean of the batches' means is the mean over the samples too.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trainers))]
    public void An_epochs_cost_is_the_mean_glvq_cost_of_its_samples(string trainer)
    {
        DigitsData slice = s_train.PerClass(3);
        var options = new TrainingOptions { Epochs = 2, LearningRate = 0, RelevanceLearningRate = 1e-30f, BatchSize = 10, Seed = 3 };
        var reports = new List<EpochReport>();
        GrlvqModel model = Train(trainer, slice, options, reports.Add).Model;

        double expected = MeanMu(model, slice);
        // docs/semantics.md's float loss tolerance: 1e-5 relative + 1e-5 (the trainers compute μ in float).
        double tolerance = 1e-5 * Math.Abs(expected) + 1e-5;
        Assert.Equal(options.Epochs, reports.Count);
        Assert.All(reports, report => Assert.InRange(report.Cost, expected - tolerance, expected + tolerance));
    }

    /// <summary>
    /// The last epoch's report describes the model training returns: its accuracy on the training data and its
    /// non-zero relevances. A large relevance step prunes pixels within the two epochs, so the count is not simply all 64.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trainers))]
    public void The_last_report_gives_the_trained_models_training_accuracy_and_non_zero_relevances(string trainer)
    {
        DigitsData slice = s_train.PerClass(20);
        var options = new TrainingOptions { Epochs = 2, L1 = 0.5f, RelevanceLearningRate = 0.05f, Seed = 3 };
        var reports = new List<EpochReport>();
        GrlvqModel model = Train(trainer, slice, options, reports.Add).Model;

        EpochReport last = reports[^1];
        Assert.Equal(options.Epochs, last.Epoch);
        Assert.Equal(model.Accuracy(slice), last.TrainAccuracy);
        Assert.Equal(model.NonZeroRelevances, last.NonZero);
        Assert.InRange(last.NonZero, 1, GrlvqModel.Features - 1);
    }

    /// <summary>The mean over <paramref name="data"/> of μ, in double: d⁺ the nearest prototype of the sample's class, d⁻ of another.</summary>
    private static double MeanMu(GrlvqModel model, DigitsData data)
    {
        int f = GrlvqModel.Features;
        double[] squares = [.. model.Relevances.Select(r => (double)r * r)];
        double[] lambda = [.. squares.Select(v => v / squares.Sum())];
        double sum = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double dPlus = double.PositiveInfinity, dMinus = double.PositiveInfinity;
            for (int k = 0; k < model.PrototypeCount; k++)
            {
                double d = 0;
                for (int j = 0; j < f; j++)
                {
                    double t = data.Sample(i)[j] - model.Prototypes[k * f + j];
                    d += lambda[j] * t * t;
                }

                if (model.Labels[k] == data.Y[i]) dPlus = Math.Min(dPlus, d);
                else dMinus = Math.Min(dMinus, d);
            }

            sum += (dPlus - dMinus) / (dPlus + dMinus);
        }

        return sum / data.Count;
    }
}
