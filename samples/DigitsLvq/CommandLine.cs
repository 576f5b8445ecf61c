using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;

namespace DigitsLvq;

/// <summary>Which kernels the sample trains with: the same numbers from each, at different costs.</summary>
public enum KernelEngine
{
    /// <summary><c>[Shapes(10, 3, 64)]</c> kernels generated at build time.</summary>
    Generated,

    /// <summary>The same kernels compiled at run time by <c>KernelCompiler</c>.</summary>
    Compiled,

    /// <summary>The dynamic-shape reference implementation.</summary>
    Reference,
}

/// <summary>What the command line asked for.</summary>
/// <param name="Options">The training hyper-parameters.</param>
/// <param name="OutputDirectory">Where the pictures go.</param>
/// <param name="Engine">Which kernels to train with.</param>
/// <param name="L1Path">Whether to sweep the L1 weight after the main run.</param>
/// <param name="Errors">Parse and validation errors; empty when the line is good.</param>
/// <param name="Result">System.CommandLine's result, which prints help when asked.</param>
public sealed record CommandLineRequest(TrainingOptions Options, string OutputDirectory, KernelEngine Engine, bool L1Path, IReadOnlyList<string> Errors, ParseResult Result);

/// <summary>The sample's options, parsed by System.CommandLine: typed values, generated help, errors that name the option.</summary>
public static class CommandLine
{
    private static readonly TrainingOptions s_defaults = new();

    private static readonly Option<int> s_epochs = Positive(new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => s_defaults.Epochs });
    private static readonly Option<float> s_alpha = NonNegative(new Option<float>("--alpha") { Description = "Weight of the diversity loss", DefaultValueFactory = _ => s_defaults.Alpha });
    private static readonly Option<float> s_sigma = Positive(new Option<float>("--sigma") { Description = "Bandwidth σ of the diversity kernel", DefaultValueFactory = _ => s_defaults.Sigma });
    private static readonly Option<float> s_l1 = NonNegative(new Option<float>("--l1") { Description = "L1 weight of the elastic-net prox on the relevances", DefaultValueFactory = _ => s_defaults.L1 });
    private static readonly Option<float> s_l2 = NonNegative(new Option<float>("--l2") { Description = "L2 weight of the elastic-net prox", DefaultValueFactory = _ => s_defaults.L2 });
    private static readonly Option<float> s_lr = Positive(new Option<float>("--lr") { Description = "Prototype learning rate", DefaultValueFactory = _ => s_defaults.LearningRate });
    private static readonly Option<float> s_relevanceLr = Positive(new Option<float>("--relevance-lr") { Description = "Relevance learning rate, also the prox step", DefaultValueFactory = _ => s_defaults.RelevanceLearningRate });
    private static readonly Option<int> s_batch = Positive(new Option<int>("--batch") { Description = "Mini-batch size", DefaultValueFactory = _ => s_defaults.BatchSize });
    private static readonly Option<int> s_seed = new("--seed") { Description = "Seed of the split, the initialisation and the batches", DefaultValueFactory = _ => s_defaults.Seed };
    private static readonly Option<bool> s_noDiversity = new("--no-diversity") { Description = "Train without the diversity term (the comparison run then uses it)" };
    private static readonly Option<KernelEngine> s_engine = new("--engine") { Description = "Kernels to train with: generated (build time), compiled (run time) or reference", DefaultValueFactory = _ => KernelEngine.Generated };
    private static readonly Option<bool> s_l1Path = new("--l1-path") { Description = "Also sweep the L1 weight and plot test accuracy against non-zero relevances (l1-path.png)" };
    private static readonly Option<string> s_out = new("--out") { Description = "Directory for relevances.png and prototypes.png", DefaultValueFactory = _ => "out" };

    private static readonly RootCommand s_root = Build();

    private static RootCommand Build()
    {
        var root = new RootCommand("Sparse GRLVQ on the UCI handwritten digits with KernelGen's regularizers: the diversity loss keeps same-class prototypes apart, the elastic-net prox makes pixel relevances exactly zero.");
        foreach (Option option in new Option[] { s_epochs, s_alpha, s_sigma, s_l1, s_l2, s_lr, s_relevanceLr, s_batch, s_seed, s_noDiversity, s_engine, s_l1Path, s_out })
        {
            root.Options.Add(option);
        }

        return root;
    }

    /// <summary>Parses and validates <paramref name="args"/>; nothing is trained or written here.</summary>
    public static CommandLineRequest Parse(string[] args)
    {
        ParseResult result = s_root.Parse(args);
        var errors = result.Errors.Select(e => e.Message).ToList();

        // A flag given twice is a mistake to report, not a choice to make for the user (values given twice already are).
        foreach (Option option in s_root.Options)
        {
            if (result.GetResult(option) is OptionResult given && given.IdentifierTokenCount > 1
                && !errors.Any(e => e.Contains($"'{option.Name}'", StringComparison.Ordinal)))
            {
                errors.Add($"{option.Name} is given {given.IdentifierTokenCount} times; give it once.");
            }
        }

        if (errors.Count > 0)
        {
            return new CommandLineRequest(s_defaults, "out", KernelEngine.Generated, false, errors, result);
        }

        var options = new TrainingOptions
        {
            Epochs = result.GetValue(s_epochs),
            Alpha = result.GetValue(s_alpha),
            Sigma = result.GetValue(s_sigma),
            L1 = result.GetValue(s_l1),
            L2 = result.GetValue(s_l2),
            LearningRate = result.GetValue(s_lr),
            RelevanceLearningRate = result.GetValue(s_relevanceLr),
            BatchSize = result.GetValue(s_batch),
            Seed = result.GetValue(s_seed),
            Diversity = !result.GetValue(s_noDiversity),
        };
        return new CommandLineRequest(options, result.GetValue(s_out) ?? "out", result.GetValue(s_engine), result.GetValue(s_l1Path), errors, result);
    }

    private static Option<T> Positive<T>(Option<T> option) where T : INumber<T> =>
        Validate(option, v => v > T.Zero, "a positive number");

    private static Option<T> NonNegative<T>(Option<T> option) where T : INumber<T> =>
        Validate(option, v => v >= T.Zero, "a non-negative number");

    private static Option<T> Validate<T>(Option<T> option, Func<T, bool> valid, string what) where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            // A value that did not parse is already an error of the parse; only parsed values are checked here.
            if (result.Tokens.Count != 1 || !T.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out T? value))
            {
                return;
            }

            // NaN fails every comparison, infinities are not finite: both are reported as what they are.
            if (!T.IsFinite(value) || !valid(value))
            {
                result.AddError($"{option.Name} must be {what}{(T.IsFinite(value) ? "" : ", and finite")}; got {value}.");
            }
        });
        return option;
    }
}
