using System.Diagnostics;

namespace DigitsLvq.Tests;

/// <summary>The sample as a user starts it: a bad command line stops it before training, with exit code 2.</summary>
public class ProgramTests
{
    [Theory]
    [InlineData("--epochs 0", "--epochs must be a positive whole number")]
    [InlineData("--bogus", "'--bogus'")]
    public async Task A_bad_command_line_exits_with_two_and_says_why_before_training(string line, string expected)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DigitsLvq.dll"), .. line.Split(' ')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.EndsWith("Run with --help for the options.", error.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("", await output);
    }
}
