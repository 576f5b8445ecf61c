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

        // Before a minute of training, not after: the pictures must have somewhere to go.
        if (WritableDirectoryError(request.OutputDirectory) is string outError)
        {
            Console.Error.WriteLine(outError);
            return 2;
        }

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
            $"diversity α = {(options.Diversity ? options.Alpha : 0)}, σ = {options.Sigma}; elastic net l1 = {options.L1}, l2 = {options.L2}");

        var kernelTimes = new List<double>();
        Console.WriteLine($"kernels: {kernels}");
        TrainingResult result = GrlvqTrainer.Train(train, options, kernels: kernels, progress: report => { kernelTimes.Add(report.KernelMicroseconds); Console.WriteLine(
            $"epoch {report.Epoch,3}/{report.Epochs}  cost {report.Cost,7:F4}  diversity {report.Diversity,8:F3}  " +
            $"train {report.TrainAccuracy * 100,5:F1}%  nonzero {report.NonZero,2}/{DigitsData.Features}  " +
            $"kernels {report.KernelMicroseconds,6:F2} µs/step");
        });

        // The same run with the diversity term toggled, to show what it does to same-class prototypes.
        TrainingResult other = GrlvqTrainer.Train(train, options with { Diversity = !options.Diversity }, kernels: kernels);
        GrlvqModel model = result.Model;
        double with = options.Diversity ? model.SmallestSameClassDistance() : other.Model.SmallestSameClassDistance();
        double without = options.Diversity ? other.Model.SmallestSameClassDistance() : model.SmallestSameClassDistance();

        Console.WriteLine();
        Console.WriteLine($"test accuracy: {model.Accuracy(test) * 100:F1}%");
        Console.WriteLine($"nonzero relevances: {model.NonZeroRelevances}/{DigitsData.Features}");
        Console.WriteLine($"smallest same-class prototype distance: {with:F3} with diversity, {without:F3} without");
        // The median epoch, so the first epoch's JIT compilation does not stand for the steady state.
        Console.WriteLine($"regularizer kernels ({request.Engine.ToString().ToLowerInvariant()}: diversity loss + gradient, elastic-net prox): {kernelTimes.Order().ElementAt(kernelTimes.Count / 2):F2} µs per step (median epoch of {result.Steps} steps)");
        Console.WriteLine();
        Console.WriteLine("relevance map λ (8×8 pixels; darker = more relevant, blank = exactly zero):");
        Console.Write(Pictures.RelevanceMap(model.Lambda()));

        Directory.CreateDirectory(outputDirectory);
        string relevances = Path.Combine(outputDirectory, "relevances.png");
        string prototypes = Path.Combine(outputDirectory, "prototypes.png");
        Pictures.SaveRelevances(model.Lambda(), relevances);
        Pictures.SavePrototypes(model, prototypes);
        Console.WriteLine($"wrote {relevances} and {prototypes} ({stopwatch.Elapsed.TotalSeconds:F1} s in all)");
        return 0;
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
