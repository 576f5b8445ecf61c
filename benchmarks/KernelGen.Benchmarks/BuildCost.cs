using System.Diagnostics;
using System.Globalization;
using Basic.Reference.Assemblies;
using KernelGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Benchmarks;

/// <summary>
/// What users pay in the IDE: the generator's own time (the driver's per-generator timing) for a project with
/// 100 [Shapes] classes of mixed shapes: the first run in a fresh process, warm full runs, a run after an unrelated
/// edit, and whether that edit regenerated anything.
/// </summary>
internal static class BuildCost
{
    /// <summary>The 100 mixed declarations every build-cost measure uses (a fixed seed).</summary>
    public static string MixedShapes()
    {
        var shapes = new System.Text.StringBuilder();
        var random = new Random(1);
        for (int i = 0; i < 100; i++)
        {
            int m = random.Next(1, 13), f = random.Next(1, 300), n = random.Next(1, 50);
            string element = i % 3 == 0 ? ", ElementType = typeof(double)" : "";
            shapes.Append(CultureInfo.InvariantCulture, $"[Shapes({n}, {m}, {f}{element})] public static partial class Shape{i} {{ }}\n");
        }

        return shapes.ToString();
    }

    public static int Measure()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var shapes = new System.Text.StringBuilder("using KernelGen;\nnamespace Project;\n").Append(MixedShapes());

        const string other = "namespace Project; public static class Other { public static int X() => 1; }";
        MetadataReference[] references = [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(ShapesAttribute).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.ReadOnlyTensorSpan<>).Assembly.Location)];
        CSharpCompilation Compile(string otherSource) => CSharpCompilation.Create("Project",
            [CSharpSyntaxTree.ParseText(shapes.ToString(), parse, "Shapes.cs"), CSharpSyntaxTree.ParseText(otherSource, parse, "Other.cs")],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new ShapesGenerator().AsSourceGenerator()], parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        var compilation = Compile(other);

        // The first run in a fresh process runs the generator's code unoptimised (tier 0), as a build server's first
        // build does. An IDE runs the generator on every edit, so its steady state is fully optimised code: warm up
        // until tiered compilation has promoted the hot methods (call counts, then a background compile), then measure.
        double cold = NewDriver().RunGenerators(compilation).GetTimingInfo().ElapsedTime.TotalMilliseconds;
        for (int i = 0; i < 20; i++)
        {
            NewDriver().RunGenerators(compilation);
        }

        Thread.Sleep(1000);

        var full = new List<double>();
        var incremental = new List<double>();
        bool regenerated = false;
        int generatedFiles = 0;
        long generatedChars = 0;
        for (int run = 0; run < 15; run++)
        {
            GeneratorDriver driver = NewDriver().RunGenerators(compilation);
            full.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
            generatedFiles = driver.GetRunResult().GeneratedTrees.Length;
            generatedChars = driver.GetRunResult().GeneratedTrees.Sum(t => t.Length);

            var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
                CSharpSyntaxTree.ParseText(other.Replace("1;", $"{run + 2};", StringComparison.Ordinal), parse, "Other.cs"));
            driver = driver.RunGenerators(edited);
            incremental.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
            regenerated |= driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
                .Any(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        }

        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"generator time, 100 [Shapes] classes ({generatedFiles} files, {generatedChars / 1e6:F1} M characters), first run in a fresh process: {cold:F1} ms");
        Console.WriteLine($"generator time, 100 [Shapes] classes, full run, warm: median {Median(full):F1} ms over {full.Count} runs (min {full.Min():F1}, max {full.Max():F1})");
        long largest = NewDriver().RunGenerators(compilation).GetRunResult().GeneratedTrees.Max(t => (long)t.GetText().ToString().Length);
        Console.WriteLine($"largest generated file of the 100: {largest:N0} characters");
        Console.WriteLine($"generator time after an unrelated edit: median {Median(incremental):F2} ms; regenerated output: {(regenerated ? "yes" : "none")}");
        return regenerated ? 1 : 0;
    }
}
