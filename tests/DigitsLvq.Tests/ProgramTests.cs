using System.Diagnostics;

namespace DigitsLvq.Tests;

/// <summary>
/// The sample as a user starts it: a bad command line stops it before training, with exit code 2; a run compares its
/// model with one its own mode trained without (or with) the diversity term.
/// </summary>
public sealed class ProgramTests : IDisposable
{
    // Each test's own folder for the run's pictures (xUnit makes an instance per test).
    private readonly string _pictures = Directory.CreateTempSubdirectory("digits-").FullName;

    public void Dispose() => Directory.Delete(_pictures, recursive: true);

    /// <summary>
    /// The distance "with diversity" is always the model trained with the term and "without" the one trained without,
    /// whichever of the two the run itself trained: with <c>--no-diversity</c> the run's own model is the "without".
    /// </summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void The_distance_with_and_without_diversity_comes_from_the_modes_own_trainer(bool online, bool diversity)
    {
        string[] flags = [.. online ? ["--online"] : Array.Empty<string>(), .. diversity ? Array.Empty<string>() : ["--no-diversity"]];
        string line = RunOneEpoch(flags).Single(l => l.StartsWith("smallest same-class prototype distance:", StringComparison.Ordinal));

        TrainingOptions options = new() { Epochs = 1 };
        DigitsData train = DigitsData.Load().Split(0.7, options.Seed).Train;
        Func<DigitsData, TrainingOptions, TrainingResult> trainer = online ? (d, o) => OnlineTrainer.Train(d, o) : (d, o) => GrlvqTrainer.Train(d, o);
        double with = trainer(train, options).Model.SmallestSameClassDistance();
        double without = trainer(train, options with { Diversity = false }).Model.SmallestSameClassDistance();
        Assert.Equal(FormattableString.Invariant($"smallest same-class prototype distance: {with:F3} with diversity (α = {options.Alpha:0.####}), {without:F3} without"), line);
    }

    /// <summary>
    /// The model line gives the diversity weight the run trains with: the options' α, or 0 with <c>--no-diversity</c>,
    /// whose run has no diversity term whatever α says.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_model_line_gives_the_diversity_weight_the_run_trains_with(bool diversity)
    {
        string line = RunOneEpoch(diversity ? [] : ["--no-diversity"]).Single(l => l.StartsWith("model:", StringComparison.Ordinal));
        float alpha = diversity ? new TrainingOptions().Alpha : 0f;
        Assert.Contains(FormattableString.Invariant($"; diversity α = {alpha}, σ = "), line, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>--l1-path</c> sweeps with the mode's own trainer: with <c>--online</c>, each weight's line is what the online
    /// trainer makes of the run's options with that weight, not the mini-batch trainer.
    /// </summary>
    [Fact]
    public void The_l1_path_is_swept_with_the_modes_own_trainer()
    {
        string[] lines = RunOneEpoch(["--online", "--l1-path"]);
        string[] path = [.. lines.SkipWhile(l => l != "l1   non-zero   test accuracy").Skip(1).Take(Program.L1Weights.Length)];

        TrainingOptions options = new() { Epochs = 1 };
        var (train, test) = DigitsData.Load().Split(0.7, options.Seed);
        string[] expected = [.. Program.L1Weights.Select(l1 =>
        {
            GrlvqModel model = OnlineTrainer.Train(train, options with { L1 = l1 }).Model;
            return FormattableString.Invariant($"{l1,6:0.###}   {model.NonZeroRelevances,5}/{DigitsData.Features}   {model.Accuracy(test) * 100,8:F1}%").Trim();
        })];
        Assert.Equal(expected, path);
        Assert.True(File.Exists(Path.Combine(_pictures, "l1-path.png")), "no l1-path.png");
    }

    /// <summary>
    /// The L1 path ends with its sparsest weight at 94% test accuracy or more: of the weights that reach 94%, the one
    /// with the fewest non-zero relevances (the first of equals in the path's order), not merely the first to reach it.
    /// Three epochs at a larger relevance step prune pixels at some weights and keep 94% at more than one.
    /// </summary>
    [Fact]
    public void The_l1_path_names_the_sparsest_weight_at_94_percent_or_more()
    {
        var (exitCode, output, error) = Run(["--epochs", "3", "--relevance-lr", "0.02", "--l1-path", "--out", _pictures]);
        Assert.True(exitCode == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.TrimEntries);
        string summary = lines.SkipWhile(l => l != "l1   non-zero   test accuracy").Skip(1 + Program.L1Weights.Length).First();

        TrainingOptions options = new() { Epochs = 3, RelevanceLearningRate = 0.02f };
        var (train, test) = DigitsData.Load().Split(0.7, options.Seed);
        var path = Program.L1Weights.Select(l1 =>
        {
            GrlvqModel model = GrlvqTrainer.Train(train, options with { L1 = l1 }).Model;
            return (L1: l1, NonZero: model.NonZeroRelevances, Accuracy: model.Accuracy(test));
        }).ToArray();
        var reaching = path.Where(p => p.Accuracy >= 0.94).ToArray();
        // The path offers a choice, or the summary could not tell the sparsest weight from the first to reach 94%.
        Assert.True(reaching.Length >= 2 && reaching.MinBy(p => p.NonZero).L1 != reaching[0].L1,
            "the path no longer has a sparser weight at 94% than the first: " + string.Join(", ", path.Select(p => FormattableString.Invariant($"{p.L1}: {p.NonZero}, {p.Accuracy:P1}"))));
        var best = reaching.MinBy(p => p.NonZero);
        string expected = FormattableString.Invariant($"sparsest at ≥ 94% test accuracy: l1 = {best.L1:0.###}, {best.NonZero}/{DigitsData.Features} non-zero, {best.Accuracy * 100:F1}%");

        Assert.Equal(expected, summary);
    }

    /// <summary>
    /// The timing summary is of the calls the run made and timed: a mini-batch run's prox (and diversity call, where it
    /// has the term), an online run's class calls beside the whole call. An online run without the diversity term makes
    /// no diversity call and times nothing, so it prints no timing line rather than a figure of its untimed steps.
    /// </summary>
    [Theory]
    [InlineData("--no-diversity", "regularizer kernels (generated: soft-threshold prox; no diversity term): ")]
    [InlineData("--online --no-diversity", null)]
    public void The_timing_line_is_of_the_calls_the_mode_timed(string flags, string? expected)
    {
        string[] timing = [.. RunOneEpoch(flags.Split(' '))
            .Where(l => l.StartsWith("regularizer kernels", StringComparison.Ordinal) || l.StartsWith("diversity per step", StringComparison.Ordinal))];
        if (expected is null)
        {
            Assert.True(timing.Length == 0, $"{flags}: timed nothing, but printed \"{string.Join("\", \"", timing)}\"");
        }
        else
        {
            Assert.StartsWith(expected, Assert.Single(timing), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// An L1 weight that zeroes every relevance leaves a model that measures no distance: the run says so and how to
    /// mend it, and still writes its pictures (the relevances' all red).
    /// </summary>
    [Fact]
    public void A_run_whose_prox_zeroes_every_relevance_says_so_and_writes_its_pictures()
    {
        string[] lines = RunOneEpoch(["--l1", "100"]);

        Assert.Contains("nonzero relevances: 0/64", lines);
        Assert.Contains("the soft threshold (--l1 100) zeroed every relevance, so every distance is 0 and the model guesses: try a smaller --l1", lines);
        Assert.True(File.Exists(Path.Combine(_pictures, "relevances.png")), "no relevances.png");
    }

    /// <summary>The default run keeps relevances and prints no such line.</summary>
    [Fact]
    public void A_run_that_keeps_relevances_does_not_say_they_are_all_zero()
    {
        string[] lines = RunOneEpoch([]);

        Assert.DoesNotContain(lines, l => l.StartsWith("the soft threshold", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("nonzero relevances: ", StringComparison.Ordinal) && l != "nonzero relevances: 0/64");
    }

    /// <summary>
    /// A run that diverges stops with exit code 1 and one line on the error output saying so and what to change, with no
    /// stack trace and no pictures of a model that can only guess.
    /// </summary>
    [Theory]
    [InlineData("--lr 1e30")]
    [InlineData("--online --alpha 1e30")]
    public void A_run_that_diverges_exits_with_one_and_says_what_to_change(string flags)
    {
        var (exitCode, _, error) = Run(["--epochs", "1", "--out", _pictures, .. flags.Split(' ')]);

        Assert.True(exitCode == 1, $"exit code {exitCode}; error output: {error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("training diverged: ", line, StringComparison.Ordinal);
        Assert.EndsWith(": try a smaller --lr, --relevance-lr or --alpha", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_pictures));
    }

    [Theory]
    [InlineData("--epochs 0", "--epochs must be a positive whole number")]
    [InlineData("--bogus", "'--bogus'")]
    public void A_bad_command_line_exits_with_two_and_says_why_before_training(string line, string expected)
    {
        var (exitCode, output, error) = Run(line.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith("Run with --help for the options.", error.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    /// <summary>
    /// An --out directory that cannot be made stops the run before it trains, as a bad command line does: the pictures
    /// are written after training, so finding out only then would throw away the whole run. A directory below a file
    /// cannot be made whatever the user's rights.
    /// </summary>
    [Fact]
    public void An_out_directory_that_cannot_be_made_exits_with_two_before_training()
    {
        string file = Path.Combine(_pictures, "a-file");
        File.WriteAllBytes(file, []);
        string directory = Path.Combine(file, "pictures");

        var (exitCode, output, error) = Run(["--epochs", "1", "--out", directory]);

        Assert.True(exitCode == 2, $"exit code {exitCode}; error output: {error}");
        Assert.StartsWith($"--out {directory}: cannot write there (", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    /// <summary>One epoch of the sample with <paramref name="flags"/>, its pictures in this test's folder: its output's lines, once it exits with 0.</summary>
    private string[] RunOneEpoch(string[] flags)
    {
        var (exitCode, output, error) = Run(["--epochs", "1", "--out", _pictures, .. flags]);
        Assert.True(exitCode == 0, error);
        return output.Split('\n', StringSplitOptions.TrimEntries);
    }

    /// <summary>The sample started as a user starts it, run to its end.</summary>
    private static (int ExitCode, string Output, string Error) Run(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DigitsLvq.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;

        // Both streams read at once: a child that fills one pipe while the other is read would wait forever.
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
