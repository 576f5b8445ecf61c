using DigitsLvq;
using KernelGen;

namespace DigitsLvq.Tests;

/// <summary>A short training through the sample's own code: it learns, it prunes pixels, and diversity spreads prototypes.</summary>
public class TrainingTests
{
    private static readonly (DigitsData Train, DigitsData Test) s_split = DigitsData.Load().Split(0.7, seed: 3);

    // A few epochs on a slice of the data, with a stronger L1 so pixels are pruned within the short run.
    private static readonly TrainingOptions s_short = new() { Epochs = 6, L1 = 0.5f, RelevanceLearningRate = 0.01f, Seed = 3 };

    /// <summary>
    /// Each batch weighs the distances by λ from the relevances as the batch starts, the previous batch's prox output: a
    /// pixel whose relevance that prox zeroed has λ = 0, and no prototype moves in it (with the whole call's rows zero,
    /// only the batch's gradient moves a prototype). A λ taken less often, say once an epoch, would still weigh pixels
    /// pruned since.
    /// </summary>
    [Fact]
    public void Every_batch_weighs_distances_by_the_relevances_the_previous_batch_left()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, wholeRows: 0f);
        DigitsData slice = s_split.Train.PerClass(10);
        TrainingOptions options = s_short with { Epochs = 2, BatchSize = 16, L1 = 0.3f, RelevanceLearningRate = 1f };
        float[] final = GrlvqTrainer.Train(slice, options, kernels: recorder).Model.Prototypes;
        Assert.Equal(recorder.WholeCalls.Count, recorder.ProxOutputs.Count);

        (int pruned, string? firstMoved) = recorder.PrunedEntries(final, GrlvqModel.Features);
        Assert.Null(firstMoved);
        Assert.True(pruned > 0, "no pixel was pruned");
    }

    /// <summary>
    /// An epoch's cost is the mean of its batches' mean GLVQ costs, each over the samples the batch holds: a batch size
    /// past the data's trains the same steps as one equal to it, and reports the same costs.
    /// </summary>
    [Fact]
    public void A_batch_larger_than_the_data_reports_the_mean_cost_of_the_samples_it_holds()
    {
        DigitsData slice = s_split.Train.PerClass(10);
        TrainingOptions whole = s_short with { Epochs = 2, BatchSize = slice.Count };
        var exact = new List<EpochReport>();
        var larger = new List<EpochReport>();
        GrlvqTrainer.Train(slice, whole, exact.Add);
        GrlvqTrainer.Train(slice, whole with { BatchSize = slice.Count + 50 }, larger.Add);
        Assert.Equal(exact.Select(r => r.Cost), larger.Select(r => r.Cost));
        Assert.All(larger, r => Assert.InRange(r.Cost, -1, 1));   // μ is in [−1, 1]
    }

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
    public void Command_line_parses_typed_flags()
    {
        CommandLineRequest request = CommandLine.Parse(["--epochs", "3", "--alpha", "0.5", "--no-diversity", "--out", "x", "--engine", "compiled"]);
        Assert.Empty(request.Errors);
        Assert.Equal((3, 0.5f, false, "x", KernelEngine.Compiled), (request.Options.Epochs, request.Options.Alpha, request.Options.Diversity, request.OutputDirectory, request.Engine));
        Assert.Equal(new TrainingOptions(), CommandLine.Parse([]).Options);
    }

    [Theory]
    [InlineData("--epochs -1", "--epochs must be a positive whole number")]
    [InlineData("--alpha NaN", "--alpha must be a non-negative number, and finite")]
    [InlineData("--sigma 0", "--sigma must be a positive number")]
    [InlineData("--sigma x", "'x'")]
    [InlineData("--bogus", "'--bogus'")]
    [InlineData("--epochs 2 --epochs 3", "'--epochs'")]
    [InlineData("--no-diversity --no-diversity", "--no-diversity is given 2 times")]
    [InlineData("--engine fast", "'fast'")]
    public void Command_line_rejects_bad_input_with_a_message_naming_it(string line, string expected)
    {
        CommandLineRequest request = CommandLine.Parse(line.Split(' '));
        Assert.Contains(request.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(request.Errors, e => e.Contains("(Parameter", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_engine_trains_the_same_model()
    {
        DigitsData slice = s_split.Train.PerClass(30);
        var options = s_short with { Epochs = 2 };
        TrainingResult generated = GrlvqTrainer.Train(slice, options);
        GrlvqModel compiled = GrlvqTrainer.Train(slice, options, kernels: KernelGen.Compiler.KernelCompiler.Compile<float>(10, 3, 64)).Model;
        GrlvqModel reference = GrlvqTrainer.Train(slice, options, kernels: KernelGen.Regularizers.Create<float>(10, 3, 64)).Model;

        // The compiled engine runs the generated code: the same model, bit for bit.
        Assert.Equal(generated.Model.Prototypes, compiled.Prototypes);
        Assert.Equal(generated.Model.Relevances, compiled.Relevances);

        // The reference is another float implementation: its gradient differs from the generated one's in the last
        // bits (within twice semantics.md's float tolerance), and each training step rounds its update to the float
        // grid. With the same winners throughout, the models part by at most about one unit in the last place of
        // their largest value per step: that is the tolerance, for the prototypes and for the relevances.
        AssertWithinUlpsPerStep(generated.Model.Prototypes, reference.Prototypes, generated.Steps, "prototypes");
        AssertWithinUlpsPerStep(generated.Model.Relevances, reference.Relevances, generated.Steps, "relevances");
    }

    private static void AssertWithinUlpsPerStep(float[] expected, float[] actual, int steps, string what)
    {
        float scale = expected.Max(Math.Abs);
        double tolerance = steps * (double)(MathF.BitIncrement(scale) - scale);
        int worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        Assert.True(Math.Abs(expected[worst] - actual[worst]) <= tolerance,
            $"{what}[{worst}]: {actual[worst]:R} with the reference, {expected[worst]:R} generated (tolerance {tolerance:E3}, {steps} steps)");
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_one_batch_of_all_of_it()
    {
        // A step averages the gradient over the samples its batch holds, not over the nominal batch size.
        DigitsData slice = s_split.Train.PerClass(10);
        var whole = s_short with { Epochs = 2, BatchSize = slice.Count };
        GrlvqModel exact = GrlvqTrainer.Train(slice, whole).Model;
        GrlvqModel larger = GrlvqTrainer.Train(slice, whole with { BatchSize = slice.Count + 50 }).Model;
        Assert.Equal(exact.Prototypes, larger.Prototypes);
        Assert.Equal(exact.Relevances, larger.Relevances);
    }

    /// <summary>
    /// An L1 weight that zeroes every relevance leaves them zero in both trainers: rescaling to unit norm would divide 0 by
    /// 0 and turn every relevance NaN, which counts as non-zero.
    /// </summary>
    [Fact]
    public void An_L1_weight_that_zeroes_every_relevance_leaves_them_zero()
    {
        DigitsData slice = s_split.Train.PerClass(3);
        var crushing = s_short with { Epochs = 1, L1 = 1000f, BatchSize = 8 };
        foreach (var train in new Func<DigitsData, TrainingOptions, TrainingResult>[] { (d, o) => GrlvqTrainer.Train(d, o), (d, o) => OnlineTrainer.Train(d, o) })
        {
            GrlvqModel model = train(slice, crushing).Model;
            Assert.Equal(0, model.NonZeroRelevances);
            Assert.All(model.Relevances, v => Assert.Equal(0f, v));
            Assert.All(model.Prototypes, v => Assert.True(float.IsFinite(v)));
        }
    }

    /// <summary>
    /// After each prox step the mini-batch trainer scales r back to unit norm while any relevance is non-zero, down to a
    /// single one, as the online trainer does. With the prox's step at 1 and L1 = 0.3 the threshold soon leaves one
    /// pixel; its relevance must be ±1 after every step, not shrunk by 0.3 a step until it too is zero.
    /// </summary>
    [Fact]
    public void A_single_surviving_relevance_keeps_unit_norm()
    {
        DigitsData slice = s_split.Train.PerClass(3);
        TrainingOptions options = s_short with { Epochs = 2, BatchSize = 8, L1 = 0.3f, RelevanceLearningRate = 1f };
        float[] r = GrlvqTrainer.Train(slice, options).Model.Relevances;

        float survivor = Assert.Single(r, v => v != 0f);
        Assert.Equal(1f, MathF.Abs(survivor));
    }

    [Fact]
    public void Each_epoch_reports_the_mean_diversity_of_its_own_batches()
    {
        DigitsData slice = s_split.Train.PerClass(10);
        var options = s_short with { Epochs = 3, BatchSize = 32 };
        PrototypeRegularizer<float> inner = Regularizers.Create<float>(DigitsData.Classes, GrlvqModel.PerClass, GrlvqModel.Features);
        var recording = new RecordingRegularizer(inner);
        var reports = new List<EpochReport>();
        GrlvqTrainer.Train(slice, options, reports.Add, recording);

        int batches = (slice.Count + options.BatchSize - 1) / options.BatchSize;
        Assert.Equal(options.Epochs * batches, recording.WholeCalls.Count);
        int[] labels = [.. Enumerable.Range(0, DigitsData.Classes * GrlvqModel.PerClass).Select(k => k / GrlvqModel.PerClass)];
        for (int e = 0; e < options.Epochs; e++)
        {
            // The loss of each call is the loss of the prototypes it saw: the kernels are deterministic.
            double sum = 0;
            for (int b = 0; b < batches; b++)
            {
                sum += inner.PrototypeDiversityLoss(recording.WholeCalls[e * batches + b].Prototypes, labels, options.Sigma);
            }

            Assert.Equal(sum / batches, reports[e].Diversity);
        }
    }

    /// <summary>
    /// A mini-batch epoch's kernel time per step is the diversity call's and the prox's together, the two the sample
    /// reports as its regularizer kernels: with each whole call made to take at least 1 ms and each prox 2 ms, every
    /// epoch's figure is at least 3 ms a step. Timing the diversity call alone would put it near 1 ms; noise only adds.
    /// </summary>
    [Fact]
    public void A_mini_batch_epoch_times_the_diversity_call_and_the_prox_together()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, wholeCallTime: TimeSpan.FromMilliseconds(1), proxTime: TimeSpan.FromMilliseconds(2));
        DigitsData slice = s_split.Train.PerClass(3);
        var reports = new List<EpochReport>();
        GrlvqTrainer.Train(slice, s_short with { Epochs = 2, BatchSize = 10 }, reports.Add, recorder);

        Assert.Equal(2, reports.Count);
        Assert.All(reports, report => Assert.True(report.KernelMicroseconds >= 3000,
            $"epoch {report.Epoch}: {report.KernelMicroseconds:F0} µs per step, less than the diversity call's 1000 and the prox's 2000 together"));
        Assert.All(reports, report => Assert.Null(report.WholeCallMicroseconds));
    }

    [Fact]
    public void Prototypes_start_at_their_class_mean_within_the_initial_noise()
    {
        DigitsData data = DigitsData.Load().PerClass(3);
        GrlvqModel model = GrlvqTrainer.Initialise(data, new Random(5));
        for (int k = 0; k < model.PrototypeCount; k++)
        {
            int c = model.Labels[k];
            Assert.Equal(k / GrlvqModel.PerClass, c);
            int[] members = [.. Enumerable.Range(0, data.Count).Where(i => data.Y[i] == c)];
            for (int j = 0; j < GrlvqModel.Features; j++)
            {
                double mean = members.Average(i => (double)data.Sample(i)[j]);
                // The noise is uniform in ±0.005; the float rounding of the mean adds far less.
                Assert.InRange(model.Prototypes[k * GrlvqModel.Features + j], mean - 0.0051, mean + 0.0051);
            }
        }
    }

    [Fact]
    public void The_split_puts_the_nearest_whole_number_to_the_fraction_of_each_class_in_training()
    {
        DigitsData all = DigitsData.Load();
        var (train, test) = all.Split(0.7, seed: 7);
        for (int c = 0; c < DigitsData.Classes; c++)
        {
            int n = all.Y.Count(y => y == c), inTrain = train.Y.Count(y => y == c);
            Assert.True(Math.Abs(inTrain - 0.7 * n) <= 0.5, $"class {c}: {inTrain} of {n} in training");
            Assert.Equal(n - inTrain, test.Y.Count(y => y == c));
        }

        Assert.Equal(1258, train.Count);
    }

    /// <summary>
    /// A class the training data lacks (a data file without its digit) has no mean to start from: its prototypes start
    /// at 0 within the initial noise, finite, rather than at 0/0.
    /// </summary>
    [Fact]
    public void Prototypes_of_a_class_without_training_samples_start_at_zero_within_the_noise()
    {
        const int missing = 9;
        string source = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
        string path = Path.Combine(Path.GetTempPath(), $"digits-without-{missing}-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(source), System.IO.Compression.CompressionMode.Decompress)))
            using (var writer = new StreamWriter(new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest)))
            {
                while (reader.ReadLine() is string line)
                {
                    if (line.Length > 0 && !line.EndsWith($",{missing}", StringComparison.Ordinal)) writer.WriteLine(line);
                }
            }

            DigitsData data = DigitsData.Load(path).PerClass(3);
            Assert.DoesNotContain(missing, data.Y);
            GrlvqModel model = GrlvqTrainer.Initialise(data, new Random(5));
            for (int k = missing * GrlvqModel.PerClass; k < (missing + 1) * GrlvqModel.PerClass; k++)
            {
                Assert.Equal(missing, model.Labels[k]);
                for (int j = 0; j < GrlvqModel.Features; j++)
                {
                    // The noise is uniform in ±0.005.
                    Assert.InRange(model.Prototypes[k * GrlvqModel.Features + j], -0.005f, 0.005f);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>r starts uniform at unit norm, 1/8 in each of the 64 pixels: the prox's first threshold and the first
    /// relevance step are relative to that norm, as every later one is after renormalising.</summary>
    [Fact]
    public void Relevances_start_uniform_at_unit_norm()
    {
        GrlvqModel model = GrlvqTrainer.Initialise(DigitsData.Load().PerClass(3), new Random(5));
        Assert.All(model.Relevances, v => Assert.Equal(0.125f, v));
    }

    /// <summary>
    /// The noise that sets a class's prototypes apart is uniform in ±0.005: over 30 × 64 draws the largest reaches past
    /// 0.0045 (a smaller amplitude, or none, would not), and no two prototypes of a class start equal.
    /// </summary>
    [Fact]
    public void The_initial_noise_spans_its_documented_range()
    {
        DigitsData data = DigitsData.Load().PerClass(3);
        GrlvqModel model = GrlvqTrainer.Initialise(data, new Random(5));
        double largest = 0;
        for (int k = 0; k < model.PrototypeCount; k++)
        {
            int[] members = [.. Enumerable.Range(0, data.Count).Where(i => data.Y[i] == model.Labels[k])];
            for (int j = 0; j < GrlvqModel.Features; j++)
            {
                largest = Math.Max(largest, Math.Abs(model.Prototypes[k * GrlvqModel.Features + j] - members.Average(i => (double)data.Sample(i)[j])));
            }
        }

        Assert.True(largest > 0.0045, $"the largest offset from the class mean is {largest:E2}, not near the noise's 0.005");
        Assert.True(model.SmallestSameClassDistance() > 0, "two prototypes of a class start equal");
    }

    /// <summary>
    /// Each mini-batch epoch takes the samples in an order shuffled afresh, as the online trainer does: in batches of one,
    /// with the whole call's rows zero, a step moves just its sample's w⁺ and w⁻, and the sample is read off them
    /// (<see cref="OnlineTrainingTests.AssertTwoEpochsShuffledAfresh"/>). The steps are the online default's, the
    /// default rates over 32: a full step would put w⁺ on its class's one sample, and with d⁺ = 0 a step leaves w⁻ where
    /// it is. Unshuffled, the batches of a class-ordered set would hold one class each; shuffled once, every epoch would
    /// repeat the same batches.
    /// </summary>
    [Fact]
    public void Each_mini_batch_epoch_takes_the_samples_in_an_order_shuffled_afresh()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, wholeRows: 0f);
        DigitsData slice = s_split.Train.PerClass(1);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 1, LearningRate = 1f / 32, RelevanceLearningRate = 0.002f / 32, Seed = 3 };
        float[] final = GrlvqTrainer.Train(slice, options, kernels: recorder).Model.Prototypes;
        OnlineTrainingTests.AssertTwoEpochsShuffledAfresh(slice, recorder, final);
    }

    /// <summary>The seed decides the split: the same seed gives the same sets, another seed other ones.</summary>
    [Fact]
    public void The_split_is_the_seeds_own()
    {
        DigitsData all = DigitsData.Load();
        var (train, test) = all.Split(0.7, seed: 7);
        var (again, againTest) = all.Split(0.7, seed: 7);
        var (other, _) = all.Split(0.7, seed: 3);
        Assert.Equal(train.X, again.X);
        Assert.Equal(test.X, againTest.X);
        Assert.Equal(train.Count, other.Count);
        Assert.False(train.X.SequenceEqual(other.X), "seeds 7 and 3 gave the same training set");
    }

    /// <summary>
    /// The training set comes shuffled across the classes, not class after class: every class appears in its first tenth.
    /// (The trainers shuffle again each epoch, but from this order, so the README's default figures depend on it.)
    /// </summary>
    [Fact]
    public void The_training_set_comes_shuffled_across_the_classes()
    {
        DigitsData train = DigitsData.Load().Split(0.7, seed: 7).Train;
        int[] head = [.. train.Y.Take(train.Count / 10)];
        Assert.True(head.Distinct().Count() == DigitsData.Classes,
            $"the first {head.Length} training samples hold only the classes [{string.Join(", ", head.Distinct().Order())}]");
    }

    /// <summary>Each value is the file's pixel count (0 to 16) over 16, and each label the file's last column, row by row.</summary>
    [Fact]
    public void Each_pixel_is_the_files_count_over_16()
    {
        DigitsData all = DigitsData.Load();
        string path = Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        int i = 0;
        while (reader.ReadLine() is string line)
        {
            if (line.Length == 0) continue;
            int[] cells = [.. line.Split(',').Select(int.Parse)];
            Assert.Equal(cells[^1], all.Y[i]);
            for (int j = 0; j < GrlvqModel.Features; j++)
            {
                float value = all.Sample(i)[j];
                Assert.True(value == cells[j] / 16f, $"sample {i}, pixel {j}: {value}, but the file's count {cells[j]} / 16 is {cells[j] / 16f}");
            }

            i++;
        }

        Assert.Equal(all.Count, i);
        Assert.Equal(1f, all.X.Max());
    }

    [Fact]
    public void The_pictures_are_written_as_png()
    {
        string dir = Path.Combine(Path.GetTempPath(), "digits-pictures-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            float[] lambda = Enumerable.Range(0, 64).Select(i => i % 5 == 0 ? 0f : i / 64f).ToArray();
            Pictures.SaveRelevances(lambda, Path.Combine(dir, "r.png"));
            Pictures.SaveL1Path([(0f, 64, 0.95), (0.1f, 40, 0.91), (0.4f, 7, 0.65)], Path.Combine(dir, "p.png"));
            foreach (string file in new[] { "r.png", "p.png" })
            {
                byte[] head = File.ReadAllBytes(Path.Combine(dir, file)).Take(8).ToArray();
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
