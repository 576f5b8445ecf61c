using System.Diagnostics;
using System.Globalization;
using KernelGen;
using KernelGen.Compiler;

namespace DigitsLvq;

/// <summary>
/// The main job: train a sparse generalized relevance LVQ on the UCI digits with KernelGen's generated
/// regularizers, and show what they did.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CommandLineRequest request = CommandLine.Parse(args);
        if (request.Errors.Count > 0)
        {
            foreach (string error in request.Errors)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine("Run with --help for the options.");
            return 2;
        }

        if (request.Result.Action is not null && request.Result.Action != request.Result.RootCommandResult.Command.Action)
        {
            // --help (or another built-in action such as --version): System.CommandLine prints it.
            return request.Result.Invoke();
        }

        // Before training, not after it: the pictures must have somewhere to go.
        if (WritableDirectoryError(request.OutputDirectory) is string outError)
        {
            Console.Error.WriteLine(outError);
            return 2;
        }

        try
        {
            return Run(request);
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine($"{e.Message}: try a smaller --lr, --relevance-lr or --alpha");
            return 1;
        }
    }

    /// <summary>The job itself, for a command line that passed its checks: train, compare, report and draw.</summary>
    private static int Run(CommandLineRequest request)
    {
        TrainingOptions options = request.Options;
        PrototypeRegularizer<float> kernels = request.Engine switch
        {
            KernelEngine.Compiled => KernelCompiler.Compile<float>(10, 3, 64),
            KernelEngine.Reference => Regularizers.Create<float>(10, 3, 64),
            _ => DigitsShape.Regularizer,
        };
        string outputDirectory = request.OutputDirectory;
        var stopwatch = Stopwatch.StartNew();
        DigitsData all = DigitsData.Load();
        var (train, test) = all.Split(0.7, options.Seed);
        Console.WriteLine($"digits: {all.Count} images, {train.Count} train / {test.Count} test (stratified, seed {options.Seed})");
        Console.WriteLine($"model: GRLVQ, {GrlvqModel.PerClass} prototypes per class, {DigitsData.Features} relevances; " +
            $"diversity α = {(options.Diversity ? options.Alpha : 0)}, σ = {options.Sigma}; soft threshold l1 = {options.L1}");

        Trainer trainer = request.Online ? OnlineTrainer.Train : GrlvqTrainer.Train;
        Console.WriteLine(request.Online
            ? $"training: online, one sample per step (learning rates / {options.BatchSize})"
            : $"training: mini-batches of {options.BatchSize}");
        var kernelTimes = new List<double>();
        var wholeCallTimes = new List<double>();
        Console.WriteLine($"kernels: {kernels}");
        TrainingResult result = trainer(train, options, report =>
        {
            kernelTimes.Add(report.KernelMicroseconds);
            Console.Write(
                $"epoch {report.Epoch,3}/{report.Epochs}  cost {report.Cost,7:F4}  diversity {report.Diversity,8:F3}  " +
                $"train {report.TrainAccuracy * 100,5:F1}%  nonzero {report.NonZero,2}/{DigitsData.Features}  ");
            // The first epoch's times include the kernels' JIT (and with --engine compiled, their compile): said so on its
            // line, since they are many times the others'.
            string firstCalls = report.Epoch == 1 ? " (first calls: JIT)" : "";
            if (report.WholeCallMicroseconds is double whole)
            {
                wholeCallTimes.Add(whole);
                Console.WriteLine($"class kernels {report.KernelMicroseconds,5:F2} µs/step, whole call {whole,5:F2} µs/step{firstCalls}");
            }
            else
            {
                Console.WriteLine($"kernels {report.KernelMicroseconds,6:F2} µs/step{firstCalls}");
            }
        }, kernels);

        // The same run with the diversity term toggled, to show what it does to same-class prototypes.
        TrainingResult other = trainer(train, options with { Diversity = !options.Diversity }, null, kernels);
        GrlvqModel model = result.Model;
        double with = options.Diversity ? model.SmallestSameClassDistance() : other.Model.SmallestSameClassDistance();
        double without = options.Diversity ? other.Model.SmallestSameClassDistance() : model.SmallestSameClassDistance();

        Console.WriteLine();
        Console.WriteLine($"test accuracy: {model.Accuracy(test) * 100:F1}%");
        Console.WriteLine($"nonzero relevances: {model.NonZeroRelevances}/{DigitsData.Features}");
        if (model.NonZeroRelevances == 0)
        {
            // Nothing else would tell: with every λ zero each distance is 0, and the model can only guess.
            Console.WriteLine($"  the soft threshold (--l1 {options.L1:0.###}) zeroed every relevance, so every distance is 0 and the model guesses: try a smaller --l1");
        }

        Console.WriteLine($"smallest same-class prototype distance: {with:F3} with diversity (α = {options.Alpha:0.####}), {without:F3} without");
        // The median of the epochs after the first (the first pays for the JIT, and for the compile with --engine
        // compiled), so that a short run's figure is the steady state too.
        string engine = request.Engine.ToString().ToLowerInvariant();
        if (request.Online && options.Diversity)
        {
            double classCalls = SteadyMedian(kernelTimes), wholeCall = SteadyMedian(wholeCallTimes);
            Console.WriteLine($"diversity per step ({engine}, {TimedEpochs(kernelTimes)}, {result.Steps / options.Epochs} steps an epoch): the two classes' kernels {classCalls:F2} µs, " +
                $"the whole call {wholeCall:F2} µs ({wholeCall / classCalls:F1}× the class kernels)");
        }
        else if (!request.Online)
        {
            string timed = options.Diversity ? "diversity loss + gradient, soft-threshold prox" : "soft-threshold prox; no diversity term";
            Console.WriteLine($"regularizer kernels ({engine}: {timed}): {SteadyMedian(kernelTimes):F2} µs per step ({TimedEpochs(kernelTimes)}, {result.Steps / options.Epochs} steps an epoch)");
        }

        Console.WriteLine();
        Console.WriteLine("relevance map λ (8×8 pixels; darker = more relevant, blank = exactly zero):");
        Console.Write(Pictures.RelevanceMap(model.Lambda()));

        Directory.CreateDirectory(outputDirectory);
        string relevances = Path.Combine(outputDirectory, "relevances.png");
        string prototypes = Path.Combine(outputDirectory, "prototypes.png");
        Pictures.SaveRelevances(model.Lambda(), relevances);
        Pictures.SavePrototypes(model, prototypes);
        Console.WriteLine($"wrote {relevances} and {prototypes} ({stopwatch.Elapsed.TotalSeconds:F1} s in all)");
        if (request.L1Path)
        {
            SweepL1(trainer, train, test, options, kernels, outputDirectory);
        }

        return 0;
    }

    /// <summary>A training mode: mini-batches (<see cref="GrlvqTrainer.Train"/>) or one sample per step (<see cref="OnlineTrainer.Train"/>).</summary>
    private delegate TrainingResult Trainer(DigitsData train, TrainingOptions options, Action<EpochReport>? progress, PrototypeRegularizer<float>? kernels);

    /// <summary>The median of the epochs after the first, or the one epoch's figure.</summary>
    private static double SteadyMedian(List<double> values)
    {
        List<double> steady = values.Count > 1 ? values[1..] : values;
        return steady.Order().ElementAt(steady.Count / 2);
    }

    /// <summary>Which epochs <see cref="SteadyMedian"/> took its figure from.</summary>
    private static string TimedEpochs(List<double> values) => values.Count > 1 ? "median of the epochs after the first" : "one epoch";

    /// <summary>The L1 weights the sweep trains with: from no pruning to pruning nearly everything.</summary>
    public static readonly float[] L1Weights = [0f, 0.02f, 0.05f, 0.07f, 0.09f, 0.11f, 0.13f, 0.2f, 0.4f];

    /// <summary>Trains once per L1 weight, prints the path and plots it: the trade-off the prox offers.</summary>
    private static void SweepL1(Trainer trainer, DigitsData train, DigitsData test, TrainingOptions options, PrototypeRegularizer<float> kernels, string outputDirectory)
    {
        Console.WriteLine();
        Console.WriteLine("L1 path (same run, only the L1 weight changes):");
        Console.WriteLine("      l1   non-zero   test accuracy");
        var path = new List<(float L1, int NonZero, double Accuracy)>();
        foreach (float l1 in L1Weights)
        {
            GrlvqModel model = trainer(train, options with { L1 = l1 }, null, kernels).Model;
            path.Add((l1, model.NonZeroRelevances, model.Accuracy(test)));
            Console.WriteLine($"  {l1,6:0.###}   {model.NonZeroRelevances,5}/{DigitsData.Features}   {model.Accuracy(test) * 100,8:F1}%");
        }

        var best = path.Where(p => p.Accuracy >= 0.94).OrderBy(p => p.NonZero).FirstOrDefault();
        Console.WriteLine(best == default
            ? "no L1 weight reaches 94% test accuracy"
            : $"sparsest at ≥ 94% test accuracy: l1 = {best.L1:0.###}, {best.NonZero}/{DigitsData.Features} non-zero, {best.Accuracy * 100:F1}%");
        string file = Path.Combine(outputDirectory, "l1-path.png");
        Pictures.SaveL1Path(path, file);
        Console.WriteLine($"wrote {file}");
    }

    /// <summary>Why <paramref name="directory"/> cannot take the pictures, or null when it can (created if missing).</summary>
    private static string? WritableDirectoryError(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"--out {directory}: cannot write there ({ex.Message})";
        }
    }
}
