using System.CommandLine;

namespace DigitsLvq.Tests;

/// <summary>The help and the errors speak of what the user typed and what it must be, never of .NET types.</summary>
public class CommandLineTests
{
    private static string Help()
    {
        CommandLineRequest request = CommandLine.Parse(["--help"]);
        Assert.Empty(request.Errors);
        var output = new StringWriter();
        Assert.Equal(0, request.Result.Invoke(new InvocationConfiguration { Output = output }));
        return output.ToString();
    }

    [Fact]
    public void Help_names_every_picture_and_the_engines_as_typed()
    {
        string help = Help();
        string outLine = help.Split('\n').Single(l => l.TrimStart().StartsWith("--out", StringComparison.Ordinal));
        Assert.Contains("relevances.png", outLine, StringComparison.Ordinal);
        Assert.Contains("prototypes.png", outLine, StringComparison.Ordinal);
        Assert.Contains("l1-path.png", outLine, StringComparison.Ordinal);
        string engineLine = help.Split('\n').Single(l => l.TrimStart().StartsWith("--engine", StringComparison.Ordinal));
        Assert.Contains("<generated|compiled|reference>", engineLine, StringComparison.Ordinal);
        Assert.Contains("[default: generated]", engineLine, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sigma x", "--sigma must be a positive number; got 'x'.")]
    [InlineData("--alpha 1,5", "--alpha must be a non-negative number; got '1,5'.")]
    [InlineData("--lr ∞", "--lr must be a positive number; got '∞'.")]
    [InlineData("--lr Infinity", "--lr must be a positive number, and finite; got Infinity.")]
    [InlineData("--epochs 2.5", "--epochs must be a positive whole number; got '2.5'.")]
    [InlineData("--epochs 0", "--epochs must be a positive whole number; got 0.")]
    [InlineData("--lr 0", "--lr must be a positive number; got 0.")]
    [InlineData("--relevance-lr 0", "--relevance-lr must be a positive number; got 0.")]
    [InlineData("--sigma -1", "--sigma must be a positive number; got -1.")]
    [InlineData("--l1 -0.5", "--l1 must be a non-negative number; got -0.5.")]
    [InlineData("--alpha -1", "--alpha must be a non-negative number; got -1.")]
    [InlineData("--batch 0", "--batch must be a positive whole number; got 0.")]
    [InlineData("--batch 99999999999", "--batch must be a positive whole number no larger than 2147483647; got '99999999999'.")]
    [InlineData("--batch -99999999999", "--batch must be a positive whole number; got '-99999999999'.")]
    [InlineData("--seed -99999999999", "--seed must be a whole number no smaller than -2147483648; got '-99999999999'.")]
    [InlineData("--seed 99999999999", "--seed must be a whole number no larger than 2147483647; got '99999999999'.")]
    [InlineData("--seed seven", "--seed must be a whole number; got 'seven'.")]
    [InlineData("--engine fast", "--engine must be generated, compiled or reference; got 'fast'.")]
    public void Errors_say_what_the_value_must_be_in_the_users_words(string line, string expected)
    {
        CommandLineRequest request = CommandLine.Parse(line.Split(' '));
        Assert.Equal([expected], request.Errors);
    }

    /// <summary>
    /// An option given twice is one error: a value option's is System.CommandLine's own, which already names it, so the
    /// sample adds none of its own; a flag's, which System.CommandLine accepts, is the sample's.
    /// </summary>
    [Theory]
    [InlineData("--epochs 2 --epochs 3", "'--epochs'")]
    [InlineData("--engine compiled --engine reference", "'--engine'")]
    [InlineData("--online --online", "--online is given 2 times; give it once.")]
    public void An_option_given_twice_is_one_error(string line, string expected)
    {
        CommandLineRequest request = CommandLine.Parse(line.Split(' '));
        Assert.Contains(expected, Assert.Single(request.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sigma x")]
    [InlineData("--epochs 2.5")]
    [InlineData("--seed 1e99")]
    [InlineData("--engine fast")]
    [InlineData("--batch")]
    [InlineData("--out")]
    [InlineData("--l1-path yes")]
    public void No_error_names_a_dotnet_type(string line)
    {
        CommandLineRequest request = CommandLine.Parse(line.Split(' '));
        Assert.NotEmpty(request.Errors);
        Assert.All(request.Errors, e => Assert.DoesNotMatch(@"System\.|DigitsLvq\.|Int32|Single|KernelEngine", e));
    }

    /// <summary>The trainers keep ‖r‖ = 1, which undoes an L2 weight: the sample has none, and says so if given one.</summary>
    [Fact]
    public void An_l2_weight_is_an_unknown_option()
    {
        CommandLineRequest request = CommandLine.Parse(["--l2", "0.01"]);
        Assert.Contains(request.Errors, e => e.Contains("'--l2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Online_is_a_flag_off_by_default()
    {
        Assert.True(CommandLine.Parse(["--online"]).Online);
        Assert.False(CommandLine.Parse([]).Online);
        Assert.Contains("--online", Help(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "out")]
    [InlineData("--online", "out/online")]
    [InlineData("--online --out x", "x")]
    [InlineData("--out x", "x")]
    public void Each_mode_writes_its_pictures_to_its_own_directory_by_default(string line, string expected)
    {
        CommandLineRequest request = CommandLine.Parse(line.Length == 0 ? [] : line.Split(' '));
        Assert.Empty(request.Errors);
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), request.OutputDirectory);
    }

    [Fact]
    public void Help_names_both_default_directories() =>
        Assert.Contains("default: out, or out/online with --online", Help(), StringComparison.Ordinal);

    [Theory]
    [InlineData("--engine compiled", KernelEngine.Compiled)]
    [InlineData("--engine Reference", KernelEngine.Reference)]
    [InlineData("", KernelEngine.Generated)]
    public void Engines_parse_in_any_case(string line, KernelEngine expected)
    {
        CommandLineRequest request = CommandLine.Parse(line.Length == 0 ? [] : line.Split(' '));
        Assert.Empty(request.Errors);
        Assert.Equal(expected, request.Engine);
    }

    [Fact]
    public void L1_path_and_online_are_separate_flags()
    {
        CommandLineRequest path = CommandLine.Parse(["--l1-path"]);
        Assert.Empty(path.Errors);
        Assert.Equal((true, false, "out"), (path.L1Path, path.Online, path.OutputDirectory));

        CommandLineRequest online = CommandLine.Parse(["--online"]);
        Assert.Empty(online.Errors);
        Assert.Equal((false, true), (online.L1Path, online.Online));
    }

    [Fact]
    public void Every_number_lands_in_its_own_field_and_the_weights_take_zero()
    {
        CommandLineRequest request = CommandLine.Parse(
            ["--alpha", "0", "--l1", "0", "--sigma", "2.5", "--lr", "0.5", "--relevance-lr", "0.003", "--batch", "16", "--seed", "11", "--epochs", "5"]);
        Assert.Empty(request.Errors);
        TrainingOptions o = request.Options;
        Assert.Equal((0f, 0f, 2.5f, 0.5f, 0.003f, 16, 11, 5), (o.Alpha, o.L1, o.Sigma, o.LearningRate, o.RelevanceLearningRate, o.BatchSize, o.Seed, o.Epochs));

        // Values distinct from each other and from the defaults, so a flag read into another's field shows.
        TrainingOptions p = CommandLine.Parse(["--l1", "0.3", "--sigma", "0.04", "--alpha", "0.25"]).Options;
        Assert.Equal((0.3f, 0.04f, 0.25f), (p.L1, p.Sigma, p.Alpha));
    }
}
