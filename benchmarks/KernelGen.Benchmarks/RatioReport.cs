using System.Globalization;

namespace KernelGen.Benchmarks;

/// <summary>The issue's target table, computed from medians of one BenchmarkDotNet run's CSV reports.</summary>
internal static class RatioReport
{
    public static int Print(string resultsDirectory)
    {
        var medians = new Dictionary<(string Class, string Method, string Param), double>();
        foreach (string file in Directory.GetFiles(resultsDirectory, "*-report.csv"))
        {
            string cls = Path.GetFileName(file).Replace("KernelGen.Benchmarks.", "", StringComparison.Ordinal).Replace("-report.csv", "", StringComparison.Ordinal);
            string[] lines = File.ReadAllLines(file);
            string[] header = Split(lines[0]);
            int method = Array.IndexOf(header, "Method"), median = Array.IndexOf(header, "Median"), allocated = Array.IndexOf(header, "Allocated");
            int param = new[] { "Shape", "Length", "P" }.Select(p => Array.IndexOf(header, p)).FirstOrDefault(i => i >= 0, -1);
            foreach (string line in lines.Skip(1))
            {
                string[] cells = Split(line);
                if (Nanoseconds(cells[median]) is double ns)
                {
                    medians[(cls, cells[method], param >= 0 ? cells[param].Replace(",", "", StringComparison.Ordinal) : "")] = ns;
                }
            }
        }

        double? Get(string cls, string method, string param) => medians.TryGetValue((cls, method, param), out double v) ? v : null;
        string Ratio(double? a, double? b) => a is double x && b is double y ? (x / y).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";

        Console.WriteLine("| measure | target | measured |");
        Console.WriteLine("|---|---|---|");
        foreach (string shape in new[] { "4x3x64f", "10x3x64f" })
        {
            Console.WriteLine($"| loss, {shape}: Generated / DistanceFloor | ≤ 2.0× | {Ratio(Get("DiversityBenchmarks", "Generated", shape), Get("DiversityBenchmarks", "DistanceFloor", shape))} |");
        }

        foreach (string shape in new[] { "4x3x64f", "10x3x64f" })
        {
            Console.WriteLine($"| loss + gradient, {shape}: GeneratedWithGradient / DistanceFloor | ≤ 4.0× | {Ratio(Get("DiversityBenchmarks", "GeneratedWithGradient", shape), Get("DiversityBenchmarks", "DistanceFloor", shape))} |");
        }

        Console.WriteLine($"| loss, 100x8x256f: Generated / DistanceFloor | ≤ 1.5× | {Ratio(Get("DiversityBenchmarks", "Generated", "100x8x256f"), Get("DiversityBenchmarks", "DistanceFloor", "100x8x256f"))} |");
        Console.WriteLine($"| SeedPort / Generated loss, 4x3x64f | ≥ 100× | {Ratio(Get("DiversityBenchmarks", "SeedPort", "4x3x64f"), Get("DiversityBenchmarks", "Generated", "4x3x64f"))} |");
        Console.WriteLine($"| prox, 768 floats: TensorPrimitivesComposition / Generated | ≥ 2× | {Ratio(Get("ProxBenchmarks", "TensorPrimitivesComposition", "768"), Get("ProxBenchmarks", "Generated", "768"))} |");
        Console.WriteLine($"| prox, 768 floats: Generated / TensorPrimitives.Abs | ≤ 1.3× | {Ratio(Get("ProxBenchmarks", "Generated", "768"), Get("ProxBenchmarks", "AbsFloor", "768"))} |");
        return 0;
    }

    private static string[] Split(string line) => line.Split(',').Select(c => c.Trim('"')).ToArray();

    private static double? Nanoseconds(string cell)
    {
        string[] parts = cell.Replace("\u00a0", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
        return parts[1] switch
        {
            "ns" => value,
            "μs" or "us" => value * 1e3,
            "ms" => value * 1e6,
            "s" => value * 1e9,
            _ => null,
        };
    }
}
