using KernelGen;

namespace DigitsLvq.Tests;

/// <summary>
/// The online mode: per-sample steps learn, the same seed gives the same model, and the class calls it makes give
/// exactly the rows the whole call gives for those classes.
/// </summary>
public class OnlineTrainingTests
{
    private static readonly (DigitsData Train, DigitsData Test) s_split = DigitsData.Load().Split(0.7, seed: 3);
    private static readonly TrainingOptions s_short = new() { Epochs = 4, Seed = 3 };

    [Fact]
    public void Online_training_is_far_above_chance_and_deterministic_given_the_seed()
    {
        DigitsData slice = s_split.Train.PerClass(60);
        TrainingResult first = OnlineTrainer.Train(slice, s_short);
        TrainingResult second = OnlineTrainer.Train(slice, s_short);
        double accuracy = first.Model.Accuracy(s_split.Test);
        Assert.True(accuracy > 0.8, $"test accuracy {accuracy:P1} (chance is 10%)");
        Assert.Equal(slice.Count * s_short.Epochs, first.Steps);
        Assert.Equal(first.Model.Prototypes, second.Model.Prototypes);
        Assert.Equal(first.Model.Relevances, second.Model.Relevances);

        TrainingResult otherSeed = OnlineTrainer.Train(slice, s_short with { Seed = 4 });
        Assert.NotEqual(first.Model.Prototypes, otherSeed.Model.Prototypes);
    }

    /// <summary>
    /// Each epoch visits every sample once, in an order shuffled afresh: in dataset order the steps would meet the
    /// classes one after another, and an order kept from one epoch to the next would repeat the same sequence of pulls.
    /// The visited sample is read off the prototypes, with one sample per class: with the class calls' rows zero, the
    /// diversity step moves nothing, so a step moves just its two winners, w⁺ (of the sample's class) towards the
    /// sample and w⁻ away from it.
    /// </summary>
    [Fact]
    public void Each_epoch_visits_every_sample_once_in_an_order_shuffled_afresh()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, classRows: 0f);
        DigitsData slice = s_split.Train.PerClass(1);
        float[] final = OnlineTrainer.Train(slice, s_short with { Epochs = 2 }, kernels: recorder).Model.Prototypes;
        AssertTwoEpochsShuffledAfresh(slice, recorder, final);
    }

    /// <summary>
    /// Two epochs of steps on <paramref name="slice"/>, one sample a step, each visited every sample once in an order
    /// of its own, neither the dataset's: the samples read off the steps' prototypes (<see cref="VisitedSample"/>).
    /// </summary>
    internal static void AssertTwoEpochsShuffledAfresh(DigitsData slice, RecordingRegularizer recorder, float[] final)
    {
        int[] visited = [.. recorder.Steps(final).Select(s => VisitedSample(slice, s.Step, s.Before, s.After))];
        int[] datasetOrder = [.. Enumerable.Range(0, slice.Count)];
        int[] first = visited[..slice.Count], second = visited[slice.Count..];
        Assert.Equal(datasetOrder, first.Order());
        Assert.Equal(datasetOrder, second.Order());
        Assert.False(first.SequenceEqual(datasetOrder), "the first epoch took the samples in dataset order");
        Assert.False(first.SequenceEqual(second), $"both epochs took the samples in the order [{string.Join(", ", first)}]");
    }

    [Fact]
    public void Online_diversity_raises_the_smallest_same_class_distance()
    {
        DigitsData slice = s_split.Train.PerClass(60);
        double with = OnlineTrainer.Train(slice, s_short with { Alpha = 0.01f }).Model.SmallestSameClassDistance();
        double without = OnlineTrainer.Train(slice, s_short with { Diversity = false }).Model.SmallestSameClassDistance();
        Assert.True(with > without, $"with diversity {with:F3}, without {without:F3}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_step_moves_its_class_rows_alone_by_the_sample_and_diversity_gradients(bool diversity)
    {
        int classLength = GrlvqModel.PerClass * GrlvqModel.Features;
        var random = new Random(9);
        float[] w = [.. Enumerable.Range(0, DigitsData.Classes * classLength).Select(_ => random.NextSingle())];
        float[] gradW = [.. Enumerable.Range(0, w.Length).Select(_ => random.NextSingle() - 0.5f)];
        float[] gradDiversity = [.. Enumerable.Range(0, w.Length).Select(_ => random.NextSingle() - 0.5f)];
        float[] before = (float[])w.Clone(), gradBefore = (float[])gradW.Clone();
        const int c = 4;
        const float lr = 0.3f, diversityLr = 0.07f;

        OnlineTrainer.Step(w, gradW, diversity ? gradDiversity : null, c, lr, diversityLr);

        for (int k = 0; k < w.Length; k++)
        {
            bool inClass = k / classLength == c;
            float expected = !inClass ? before[k] : before[k] - (lr * gradBefore[k] + (diversity ? diversityLr * gradDiversity[k] : 0f));
            Assert.Equal(expected, w[k]);
            Assert.Equal(inClass ? 0f : gradBefore[k], gradW[k]);
        }
    }

    [Fact]
    public void Each_step_calls_the_class_kernels_on_exactly_the_two_classes_it_moves()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer);
        DigitsData slice = s_split.Train.PerClass(3);
        float[] final = OnlineTrainer.Train(slice, s_short with { Epochs = 1 }, kernels: recorder).Model.Prototypes;
        Assert.Equal(slice.Count, recorder.WholeCalls.Count);

        // The classes whose rows the class calls were given must be the classes that moved, two a step. (What a step
        // does with their rows: Each_step_moves_both_classes_by_the_scaled_diversity_rows.)
        foreach (var (step, before, after) in recorder.Steps(final))
        {
            int[] moved = MovedClasses(before, after);
            int[] called = [.. recorder.WholeCalls[step].ClassCalls.Select(rows => Enumerable.Range(0, DigitsData.Classes).Single(c => ClassRows(before, c).SequenceEqual(rows))).Order()];
            Assert.Equal(2, moved.Length);
            Assert.Equal(moved, called);
        }
    }

    /// <summary>
    /// An epoch reports as its diversity the mean of the whole calls' losses, and times the two class calls apart from
    /// the whole call: with each class call made to take at least 0.1 ms and each whole call 20 ms, the class calls'
    /// time per step is at least 0.2 ms and under 20 ms, and the whole call's at least 20 ms. Swapped timings would put
    /// the whole call's near 0.2 ms, shared ones the class calls' over 20 ms; noise could break only the one upper
    /// bound, and only by preempting the class calls' 0.2 ms windows for 19.8 ms a step on average (a 5 ms whole call
    /// left 4.8 ms, which a loaded two-core machine exceeded).
    /// </summary>
    [Fact]
    public void An_epoch_reports_the_whole_calls_mean_loss_and_times_the_class_calls_apart()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, classCallTime: TimeSpan.FromMilliseconds(0.1), wholeCallTime: TimeSpan.FromMilliseconds(20));
        DigitsData slice = s_split.Train.PerClass(3);
        var reports = new List<EpochReport>();
        OnlineTrainer.Train(slice, s_short with { Epochs = 2 }, reports.Add, recorder);

        Assert.Equal(2, reports.Count);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            double sum = 0;
            foreach (float loss in recorder.WholeCallLosses.Skip(epoch * slice.Count).Take(slice.Count))
            {
                sum += loss;
            }

            Assert.NotEqual(0d, sum);
            Assert.Equal(sum / slice.Count, reports[epoch].Diversity);
            Assert.InRange(reports[epoch].KernelMicroseconds, 200, 20000);
            Assert.True(reports[epoch].WholeCallMicroseconds >= 20000, $"epoch {epoch + 1}: whole call {reports[epoch].WholeCallMicroseconds} µs per step");
        }
    }

    /// <summary>
    /// The whole call beside the class calls stands for what a trainer without class kernels pays a step: the loss and
    /// its gradient for every prototype, as the mini-batch trainer asks for them. A loss-only call would cost less
    /// than that and flatter the comparison, though the epoch's reported diversity would not change.
    /// </summary>
    [Fact]
    public void The_whole_call_made_beside_the_class_calls_asks_for_the_gradient_of_every_prototype()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer);
        DigitsData slice = s_split.Train.PerClass(3);
        float[] prototypes = OnlineTrainer.Train(slice, s_short with { Epochs = 1 }, kernels: recorder).Model.Prototypes;
        Assert.Equal(slice.Count, recorder.WholeCalls.Count);
        Assert.All(recorder.WholeCalls, call => Assert.Equal((int?)prototypes.Length, call.GradientLength));
    }

    /// <summary>
    /// The class calls and the whole call of every step take the options' σ, not the kernels' σ = 1: with another σ
    /// the class terms and rows would be another objective's.
    /// </summary>
    [Fact]
    public void Every_diversity_call_of_a_step_takes_the_options_sigma()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer);
        DigitsData slice = s_split.Train.PerClass(3);
        TrainingOptions options = s_short with { Epochs = 1, Sigma = 0.7f };
        OnlineTrainer.Train(slice, options, kernels: recorder);

        // Two class calls and one whole call a step.
        Assert.Equal(3 * slice.Count, recorder.Sigmas.Count);
        Assert.All(recorder.Sigmas, sigma => Assert.Equal(options.Sigma, sigma));
    }

    /// <summary>
    /// After each prox step r is scaled back to unit norm while any relevance is non-zero, down to a single one. With the
    /// prox's step at 1 (the relevance learning rate at the batch size) and L1 = 0.3, the threshold soon leaves one
    /// pixel; its relevance must be ±1 after every step, not shrunk by 0.3 a step until it too is zero.
    /// </summary>
    [Fact]
    public void A_single_surviving_relevance_keeps_unit_norm()
    {
        DigitsData slice = s_split.Train.PerClass(3);
        TrainingOptions options = s_short with { Epochs = 2, L1 = 0.3f, RelevanceLearningRate = s_short.BatchSize };
        float[] r = OnlineTrainer.Train(slice, options).Model.Relevances;

        float survivor = Assert.Single(r, v => v != 0f);
        Assert.Equal(1f, MathF.Abs(survivor));
    }

    /// <summary>
    /// Each step weighs the sample's distances by λ from the relevances as the step starts, the previous step's prox
    /// output: a pixel whose relevance that prox zeroed has λ = 0, and no prototype moves in it (with the class calls'
    /// rows zero, only the sample's gradient moves a prototype). A λ taken less often, say once an epoch, would still
    /// weigh pixels pruned since.
    /// </summary>
    [Fact]
    public void Each_step_weighs_distances_by_the_relevances_it_starts_from()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, classRows: 0f);
        DigitsData slice = s_split.Train.PerClass(3);
        TrainingOptions options = s_short with { Epochs = 1, L1 = 0.3f, RelevanceLearningRate = s_short.BatchSize };
        float[] final = OnlineTrainer.Train(slice, options, kernels: recorder).Model.Prototypes;
        Assert.Equal(slice.Count, recorder.ProxOutputs.Count);

        (int pruned, string? firstMoved) = recorder.PrunedEntries(final, GrlvqModel.Features);
        Assert.Null(firstMoved);
        Assert.True(pruned > 0, "no pixel was pruned");
    }

    /// <summary>
    /// A step moves both classes' rows by the diversity step, lr × α × classes / 2 times the class's rows: with every
    /// class row 1, a row of a moved class that is not the sample's winner moves by exactly that.
    /// </summary>
    [Fact]
    public void Each_step_moves_both_classes_by_the_scaled_diversity_rows()
    {
        var recorder = new RecordingRegularizer(DigitsShape.Regularizer, classRows: 1f);
        DigitsData slice = s_split.Train.PerClass(3);
        TrainingOptions options = s_short with { Epochs = 1 };
        float[] final = OnlineTrainer.Train(slice, options, kernels: recorder).Model.Prototypes;
        float lr = options.LearningRate / options.BatchSize;
        float diversityLr = lr * options.Alpha * DigitsData.Classes / 2;

        int rowLength = GrlvqModel.Features;
        foreach (var (step, before, after) in recorder.Steps(final))
        {
            int[] moved = MovedClasses(before, after);
            Assert.Equal(2, moved.Length);
            foreach (int c in moved)
            {
                // The winner's row also moves by the sample's gradient; the class's other rows by the diversity step alone.
                int byDiversityAlone = Enumerable.Range(c * GrlvqModel.PerClass, GrlvqModel.PerClass).Count(row =>
                    Enumerable.Range(row * rowLength, rowLength).All(k => after[k] == before[k] - (0f + diversityLr * 1f)));
                Assert.True(byDiversityAlone >= GrlvqModel.PerClass - 1, $"step {step}, class {c}: {byDiversityAlone} rows moved by the diversity step alone");
            }
        }
    }

    /// <summary>
    /// The one sample of <paramref name="data"/> for which the step from <paramref name="before"/> to
    /// <paramref name="after"/> is a GLVQ step: of the two rows it moved, the one of the sample's class moved each pixel
    /// it moved towards the sample, the other away from it. (A winner moves by a multiple of λ⊙(x − w), positive for w⁺
    /// and negative for w⁻, and λ ≥ 0: each pixel moves along the sign of x − w, or against it, or not at all.)
    /// </summary>
    private static int VisitedSample(DigitsData data, int step, float[] before, float[] after)
    {
        int f = GrlvqModel.Features;
        int[] moved = [.. Enumerable.Range(0, before.Length / f).Where(k => !before.AsSpan(k * f, f).SequenceEqual(after.AsSpan(k * f, f)))];
        Assert.True(moved.Length == 2, $"step {step}: {moved.Length} rows moved");
        bool MovesAlong(int row, int i, int sign) => Enumerable.Range(row * f, f).All(k =>
            after[k] == before[k] || Math.Sign(after[k] - before[k]) == sign * Math.Sign(data.Sample(i)[k - row * f] - before[k]));

        int[] candidates = [.. Enumerable.Range(0, data.Count).Where(i =>
            moved.Count(k => k / GrlvqModel.PerClass == data.Y[i]) == 1 &&
            moved.All(k => MovesAlong(k, i, k / GrlvqModel.PerClass == data.Y[i] ? 1 : -1)))];
        Assert.True(candidates.Length == 1, $"step {step}: samples [{string.Join(", ", candidates)}] fit the rows it moved");
        return candidates[0];
    }

    /// <summary>The classes whose rows differ between <paramref name="before"/> and <paramref name="after"/>, in order.</summary>
    private static int[] MovedClasses(float[] before, float[] after) =>
        [.. Enumerable.Range(0, DigitsData.Classes).Where(c => !ClassRows(before, c).SequenceEqual(ClassRows(after, c)))];

    private static ReadOnlySpan<float> ClassRows(float[] prototypes, int c) =>
        prototypes.AsSpan(c * GrlvqModel.PerClass * GrlvqModel.Features, GrlvqModel.PerClass * GrlvqModel.Features);

    public static TheoryData<string> Engines() => new("generated", "compiled", "reference");

    [Theory]
    [MemberData(nameof(Engines))]
    public void Class_calls_give_the_whole_calls_rows_and_their_terms_add_up_to_its_loss(string engine)
    {
        PrototypeRegularizer<float> kernels = engine switch
        {
            "generated" => DigitsShape.Regularizer,
            "compiled" => KernelGen.Compiler.KernelCompiler.Compile<float>(10, 3, 64),
            _ => Regularizers.Create<float>(10, 3, 64),
        };

        // Prototypes as training leaves them, after a few online steps.
        GrlvqModel model = OnlineTrainer.Train(s_split.Train.PerClass(20), s_short with { Epochs = 1 }, kernels: kernels).Model;
        float[] w = model.Prototypes;
        const float sigma = 0.8f;
        float[] whole = new float[w.Length];
        float loss = kernels.PrototypeDiversityLoss(w, model.Labels, whole, sigma);

        int classLength = GrlvqModel.PerClass * GrlvqModel.Features;
        double sum = 0;
        for (int c = 0; c < DigitsData.Classes; c++)
        {
            // Class c's rows land where the whole call puts them; every other row keeps its sentinel.
            float[] rows = [.. Enumerable.Repeat(float.NaN, w.Length)];
            sum += OnlineTrainer.ClassDiversity(kernels, w, rows, c, sigma);
            int[] expected = [.. whole.AsSpan(c * classLength, classLength).ToArray().Select(BitConverter.SingleToInt32Bits)];
            Assert.Equal(expected, rows.AsSpan(c * classLength, classLength).ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(w.Length - classLength, rows.Count(float.IsNaN));
        }

        // docs/semantics.md's float loss tolerance: 1e-5 relative + 1e-5.
        Assert.InRange(sum, loss - (1e-5 * Math.Abs(loss) + 1e-5), loss + (1e-5 * Math.Abs(loss) + 1e-5));
        Assert.NotEqual(0f, loss);
    }
}
