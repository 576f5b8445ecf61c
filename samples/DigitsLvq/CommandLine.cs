using System.Globalization;

namespace DigitsLvq;

/// <summary>The sample's flags.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: dotnet run -c Release --project samples/DigitsLvq -- [options]

          --epochs N         training epochs (default 40)
          --alpha A          weight of the diversity loss (default 0.002)
          --sigma S          bandwidth of the diversity kernel (default 1)
          --l1 X             L1 weight of the elastic-net prox on the relevances (default 0.05)
          --l2 X             L2 weight of the elastic-net prox (default 0.01)
          --lr X             prototype learning rate (default 1)
          --relevance-lr X   relevance learning rate, also the prox step (default 0.002)
          --batch N          mini-batch size (default 32)
          --seed N           seed of the split, the initialisation and the batches (default 7)
          --no-diversity     train without the diversity term (the comparison run then uses it)
          --out DIR          where to write relevances.png and prototypes.png (default out)
          --help             this text
        """;

    /// <summary>Parses <paramref name="args"/>; <paramref name="options"/> is null when help was asked for.</summary>
    public static bool TryParse(string[] args, out TrainingOptions? options, out string outputDirectory, out string? error)
    {
        var parsed = new TrainingOptions();
        options = parsed;
        outputDirectory = "out";
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i];
            if (flag is "--help" or "-h")
            {
                options = null;
                return true;
            }

            if (flag == "--no-diversity")
            {
                options = parsed = parsed with { Diversity = false };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{flag} needs a value.";
                return false;
            }

            string value = args[++i];
            try
            {
                options = parsed = flag switch
                {
                    "--epochs" => parsed with { Epochs = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--alpha" => parsed with { Alpha = NonNegative(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--sigma" => parsed with { Sigma = Positive(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--l1" => parsed with { L1 = NonNegative(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--l2" => parsed with { L2 = NonNegative(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--lr" => parsed with { LearningRate = Positive(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--relevance-lr" => parsed with { RelevanceLearningRate = Positive(float.Parse(value, CultureInfo.InvariantCulture)) },
                    "--batch" => parsed with { BatchSize = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--seed" => parsed with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--out" => SetOutput(parsed, value, ref outputDirectory),
                    _ => throw new FormatException($"unknown option {flag}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                error = $"{flag} {value}: {ex.Message}";
                return false;
            }
        }

        return true;
    }

    private static TrainingOptions SetOutput(TrainingOptions options, string value, ref string outputDirectory)
    {
        outputDirectory = value;
        return options;
    }

    private static T Positive<T>(T value) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must be positive");

    private static T NonNegative<T>(T value) where T : System.Numerics.INumber<T> =>
        value >= T.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "must not be negative");
}
