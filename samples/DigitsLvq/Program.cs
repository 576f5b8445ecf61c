using System.Diagnostics;
using System.Globalization;

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
        if (!CommandLine.TryParse(args, out TrainingOptions? options, out string outputDirectory, out string? error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine();
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        var stopwatch = Stopwatch.StartNew();
        DigitsData all = DigitsData.Load();
        var (train, test) = all.Split(0.7, options.Seed);
        Console.WriteLine($"digits: {all.Count} images, {train.Count} train / {test.Count} test (stratified, seed {options.Seed})");
        Console.WriteLine($"model: GRLVQ, {GrlvqModel.PerClass} prototypes per class, {DigitsData.Features} relevances; " +
            $"diversity α = {(options.Diversity ? options.Alpha : 0)}, σ = {options.Sigma}; elastic net l1 = {options.L1}, l2 = {options.L2}");

        var kernelTimes = new List<double>();
        TrainingResult result = GrlvqTrainer.Train(train, options, report => { kernelTimes.Add(report.KernelMicroseconds); Console.WriteLine(
            $"epoch {report.Epoch,3}/{report.Epochs}  cost {report.Cost,7:F4}  diversity {report.Diversity,8:F3}  " +
            $"train {report.TrainAccuracy * 100,5:F1}%  nonzero {report.NonZero,2}/{DigitsData.Features}  " +
            $"kernels {report.KernelMicroseconds,6:F2} µs/step");
        });

        // The same run with the diversity term toggled, to show what it does to same-class prototypes.
        TrainingResult other = GrlvqTrainer.Train(train, options with { Diversity = !options.Diversity });
        GrlvqModel model = result.Model;
        double with = options.Diversity ? model.SmallestSameClassDistance() : other.Model.SmallestSameClassDistance();
        double without = options.Diversity ? other.Model.SmallestSameClassDistance() : model.SmallestSameClassDistance();

        Console.WriteLine();
        Console.WriteLine($"test accuracy: {model.Accuracy(test) * 100:F1}%");
        Console.WriteLine($"nonzero relevances: {model.NonZeroRelevances}/{DigitsData.Features}");
        Console.WriteLine($"smallest same-class prototype distance: {with:F3} with diversity, {without:F3} without");
        // The median epoch, so the first epoch's JIT compilation does not stand for the steady state.
        Console.WriteLine($"regularizer kernels (diversity loss + gradient, elastic-net prox): {kernelTimes.Order().ElementAt(kernelTimes.Count / 2):F2} µs per step (median epoch of {result.Steps} steps)");
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
}
