using System.Diagnostics;

namespace DigitsLvq.Tests;

/// <summary>
/// The sample as a user starts it: a bad command line stops it before training, with exit code 2; a run compares its
/// model with one its own mode trained without (or with) the diversity term.
/// </summary>
public class ProgramTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_distance_with_and_without_diversity_comes_from_the_modes_own_trainer(bool online)
    {
        string pictures = Directory.CreateTempSubdirectory("digits-").FullName;
        try
        {
            string[] arguments = ["--epochs", "1", "--out", pictures, .. online ? new[] { "--online" } : []];
            var (exitCode, output, error) = Run(arguments);
            Assert.True(exitCode == 0, error);
            string line = output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("smallest same-class prototype distance:", StringComparison.Ordinal));

            TrainingOptions options = new() { Epochs = 1 };
            DigitsData train = DigitsData.Load().Split(0.7, options.Seed).Train;
            Func<DigitsData, TrainingOptions, TrainingResult> trainer = online ? (d, o) => OnlineTrainer.Train(d, o) : (d, o) => GrlvqTrainer.Train(d, o);
            double with = trainer(train, options).Model.SmallestSameClassDistance();
            double without = trainer(train, options with { Diversity = false }).Model.SmallestSameClassDistance();
            Assert.Equal(FormattableString.Invariant($"smallest same-class prototype distance: {with:F3} with diversity (α = {options.Alpha:0.####}), {without:F3} without"), line);
        }
        finally
        {
            Directory.Delete(pictures, recursive: true);
        }
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
