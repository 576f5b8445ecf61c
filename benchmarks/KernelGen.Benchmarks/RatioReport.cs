using System.Globalization;

namespace KernelGen.Benchmarks;

/// <summary>The performance goals and the ratios measured against them, from the medians of one BenchmarkDotNet run's CSV reports.</summary>
internal static class RatioReport
{
    public static int Print(string resultsDirectory)
    {
        var medians = new Dictionary<(string Class, string Method, string Param), double>();
        var coreMedians = new Dictionary<(string Method, string Shape, string Job), double>();
        var allocations = new List<string>();
        foreach (string file in Directory.GetFiles(resultsDirectory, "*-report.csv"))
        {
            string cls = Path.GetFileName(file).Replace("KernelGen.Benchmarks.", "", StringComparison.Ordinal).Replace("-report.csv", "", StringComparison.Ordinal);
            foreach (var row in BenchmarkCsv.Rows(file))
            {
                string param = new[] { "Shape", "Length", "P" }.Select(p => row.GetValueOrDefault(p)).FirstOrDefault(v => v is not null) ?? "";
                if (row.TryGetValue("Job", out string? job) && cls == "ParallelBenchmarks" && BenchmarkCsv.Nanoseconds(row["Median"]) is double parallelNs)
                {
                    coreMedians[(row["Method"], row["Shape"], job)] = parallelNs;
                }

                if (BenchmarkCsv.Nanoseconds(row["Median"]) is double ns)
                {
                    medians[(cls, row["Method"], param.Replace(",", "", StringComparison.Ordinal))] = ns;
                }

                if (row["Method"].StartsWith("Generated", StringComparison.Ordinal) || row["Method"].StartsWith("Reference", StringComparison.Ordinal)
                    || row["Method"].StartsWith("Parallel", StringComparison.Ordinal) || row["Method"].StartsWith("Serial", StringComparison.Ordinal)
                    || cls == nameof(ClassKernelBenchmarks))
                {
                    allocations.Add(row.GetValueOrDefault("Allocated", "?"));
                }
            }
        }

        double? Get(string cls, string method, string param) => medians.TryGetValue((cls, method, param), out double v) ? v : null;
        string Ratio(double? a, double? b) => a is double x && b is double y ? (x / y).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";

        Console.WriteLine("| measure | target | measured |");
        Console.WriteLine("|---|---|---|");
        // The small shapes' chain: loss and loss + gradient against the distance floor.
        foreach (var (shape, target) in new[] { ("4x3x64f", "≤ 2.6×"), ("10x3x64f", "≤ 2.0×") })
        {
            Console.WriteLine($"| loss, {shape}: Generated / DistanceFloor | {target} | {Ratio(Get("DiversityBenchmarks", "Generated", shape), Get("DiversityBenchmarks", "DistanceFloor", shape))} |");
        }

        foreach (var (shape, target) in new[] { ("4x3x64f", "≤ 3.8×"), ("10x3x64f", "≤ 3.5×") })
        {
            Console.WriteLine($"| loss + gradient, {shape}: GeneratedWithGradient / DistanceFloor | {target} | {Ratio(Get("DiversityBenchmarks", "GeneratedWithGradient", shape), Get("DiversityBenchmarks", "DistanceFloor", shape))} |");
        }

        Console.WriteLine($"| loss, 100x8x256f: Generated / DistanceFloor | ≤ 1.5× | {Ratio(Get("DiversityBenchmarks", "Generated", "100x8x256f"), Get("DiversityBenchmarks", "DistanceFloor", "100x8x256f"))} |");
        Console.WriteLine($"| ProsemblePort / Generated loss, 4x3x64f | ≥ 100× | {Ratio(Get("DiversityBenchmarks", "ProsemblePort", "4x3x64f"), Get("DiversityBenchmarks", "Generated", "4x3x64f"))} |");
        Console.WriteLine($"| prox, 768 floats: TensorPrimitivesComposition / Generated | ≥ 2× | {Ratio(Get("ProxBenchmarks", "TensorPrimitivesComposition", "768"), Get("ProxBenchmarks", "Generated", "768"))} |");
        Console.WriteLine($"| prox, 768 floats: Generated / TensorPrimitives.Abs | ≤ 1.5× | {Ratio(Get("ProxBenchmarks", "Generated", "768"), Get("ProxBenchmarks", "AbsFloor", "768"))} |");
        double? Core(string method, string shape, string job) => coreMedians.TryGetValue((method, shape, job), out double v) ? v : null;
        foreach (string shape in new[] { "1000x8x64f", "100x8x256f" })
        {
            foreach (string method in new[] { "ParallelLoss", "ParallelLossAndGradient" })
            {
                Console.WriteLine($"| {shape} {method}: 1 core / {Environment.ProcessorCount} cores | ≥ 1.6× | {Ratio(Core(method, shape, "1core"), Core(method, shape, "allcores"))} |");
            }

            Console.WriteLine($"| {shape} Parallel / Serial loss + gradient, 1 core (cost of the split) | ≤ 1.0× | {Ratio(Core("ParallelLossAndGradient", shape, "1core"), Core("SerialLossAndGradient", shape, "1core"))} |");
            Console.WriteLine($"| {shape} loss + gradient / loss, 1 core | ≤ 2.0× | {Ratio(Core("SerialLossAndGradient", shape, "1core"), Core("SerialLoss", shape, "1core"))} |");
        }

        ClassKernelBenchmarks.PrintRatios(method => Get(nameof(ClassKernelBenchmarks), method, ""));
        var distinct = allocations.Distinct().ToList();
        Console.WriteLine($"| allocated per call, every Generated, Reference and class kernel ({allocations.Count} rows) | 0 B | {string.Join(", ", distinct)} |");
        return 0;
    }
}
