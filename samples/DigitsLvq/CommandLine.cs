using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
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
/// <param name="Online">Whether to train one sample per step instead of by mini-batches.</param>
/// <param name="Errors">Parse and validation errors; empty when the line is good.</param>
/// <param name="Result">System.CommandLine's result, which prints help when asked.</param>
public sealed record CommandLineRequest(TrainingOptions Options, string OutputDirectory, KernelEngine Engine, bool L1Path, bool Online, IReadOnlyList<string> Errors, ParseResult Result);

/// <summary>The sample's options, parsed by System.CommandLine: typed values, generated help, errors that name the option.</summary>
public static class CommandLine
{
    private static readonly TrainingOptions s_defaults = new();

    /// <summary>The engine names as the user types them, the default first.</summary>
    private static readonly string[] s_engineNames = ["generated", "compiled", "reference"];

    private static readonly Option<int> s_epochs = Number("--epochs", "Training epochs", s_defaults.Epochs, v => v > 0, "a positive whole number");
    private static readonly Option<float> s_alpha = Number("--alpha", "Weight of the diversity loss", s_defaults.Alpha, v => v >= 0, "a non-negative number");
    private static readonly Option<float> s_sigma = Number("--sigma", "Bandwidth σ of the diversity kernel", s_defaults.Sigma, v => v > 0, "a positive number");
    private static readonly Option<float> s_l1 = Number("--l1", "L1 weight of the soft-threshold prox on the relevances", s_defaults.L1, v => v >= 0, "a non-negative number");
    private static readonly Option<float> s_lr = Number("--lr", "Prototype learning rate", s_defaults.LearningRate, v => v > 0, "a positive number");
    private static readonly Option<float> s_relevanceLr = Number("--relevance-lr", "Relevance learning rate, also the prox step", s_defaults.RelevanceLearningRate, v => v > 0, "a positive number");
    private static readonly Option<int> s_batch = Number("--batch", "Mini-batch size", s_defaults.BatchSize, v => v > 0, "a positive whole number");
    private static readonly Option<int> s_seed = Number("--seed", "Seed of the split, the initialisation and the batches", s_defaults.Seed, _ => true, "a whole number");
    private static readonly Option<bool> s_noDiversity = new("--no-diversity") { Description = "Train without the diversity term (the comparison run then uses it)" };
    private static readonly Option<string> s_engine = Engine();
    private static readonly Option<bool> s_online = new("--online") { Description = "Train one sample per step: each step moves the sample's nearest prototype of its class and of another class, and the diversity step touches only those two classes (class kernels); learning rates are divided by --batch" };
    private static readonly Option<bool> s_l1Path = new("--l1-path") { Description = "Also sweep the L1 weight and plot test accuracy against non-zero relevances (l1-path.png)" };
    private static readonly Option<string> s_out = new("--out") { Description = "Directory for the pictures: relevances.png, prototypes.png, and l1-path.png with --l1-path [default: out, or out/online with --online]" };

    private static readonly RootCommand s_root = Build();

    private static RootCommand Build()
    {
        var root = new RootCommand("Sparse GRLVQ on the UCI handwritten digits with KernelGen's regularizers: the diversity loss keeps same-class prototypes apart, the soft-threshold prox makes pixel relevances exactly zero.");
        foreach (Option option in new Option[] { s_epochs, s_alpha, s_sigma, s_l1, s_lr, s_relevanceLr, s_batch, s_seed, s_noDiversity, s_online, s_engine, s_l1Path, s_out })
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
            return new CommandLineRequest(s_defaults, "out", KernelEngine.Generated, false, false, errors, result);
        }

        var options = new TrainingOptions
        {
            Epochs = result.GetValue(s_epochs),
            Alpha = result.GetValue(s_alpha),
            Sigma = result.GetValue(s_sigma),
            L1 = result.GetValue(s_l1),
            LearningRate = result.GetValue(s_lr),
            RelevanceLearningRate = result.GetValue(s_relevanceLr),
            BatchSize = result.GetValue(s_batch),
            Seed = result.GetValue(s_seed),
            Diversity = !result.GetValue(s_noDiversity),
        };
        KernelEngine engine = Enum.Parse<KernelEngine>(result.GetValue(s_engine) ?? s_engineNames[0], ignoreCase: true);
        bool online = result.GetValue(s_online);
        // Each mode has its own default directory, so that running both keeps both sets of pictures.
        string outputDirectory = result.GetValue(s_out) ?? (online ? Path.Combine("out", "online") : "out");
        return new CommandLineRequest(options, outputDirectory, engine, result.GetValue(s_l1Path), online, errors, result);
    }

    /// <summary>
    /// A number option whose errors speak of what the user typed and what it must be (System.CommandLine's own parse
    /// error names the .NET type instead); infinities and NaN are rejected as not finite.
    /// </summary>
    private static Option<T> Number<T>(string name, string description, T defaultValue, Func<T, bool> valid, string what)
        where T : INumber<T>
    {
        return new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return defaultValue;
                }

                string text = result.Tokens[0].Value;
                if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T? value))
                {
                    result.AddError($"{name} must be {what}{OutOfRange(text, valid)}; got '{text}'.");
                    return defaultValue;
                }

                if (!T.IsFinite(value) || !valid(value))
                {
                    result.AddError($"{name} must be {what}{(T.IsFinite(value) ? "" : ", and finite")}; got {text}.");
                }

                return value;
            },
        };
    }

    /// <summary>
    /// For a whole number beyond an int option's range, the bound it passed (" no larger than 2147483647"), where a value
    /// at that bound would be taken: a too negative count is just not positive.
    /// </summary>
    private static string OutOfRange<T>(string text, Func<T, bool> valid)
        where T : INumber<T>
    {
        if (typeof(T) != typeof(int) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsInteger(d))
        {
            return "";
        }

        int bound = d > 0 ? int.MaxValue : int.MinValue;
        return !valid(T.CreateChecked(bound)) ? ""
            : string.Create(CultureInfo.InvariantCulture, $" no {(d > 0 ? "larger" : "smaller")} than {bound}");
    }

    /// <summary>The engine option: lower-case names in the help and in its error, the enum's names accepted in any case.</summary>
    private static Option<string> Engine()
    {
        var option = new Option<string>("--engine")
        {
            Description = "Kernels to train with: generated (build time), compiled (run time) or reference",
            HelpName = string.Join('|', s_engineNames),
            DefaultValueFactory = _ => s_engineNames[0],
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 0 ? s_engineNames[0] : result.Tokens[0].Value;
                if (!s_engineNames.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    result.AddError($"--engine must be {string.Join(", ", s_engineNames[..^1])} or {s_engineNames[^1]}; got '{text}'.");
                }

                return text;
            },
        };
        option.CompletionSources.Add(s_engineNames);
        return option;
    }
}
