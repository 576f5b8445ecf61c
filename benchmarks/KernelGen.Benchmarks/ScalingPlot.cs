using System.Globalization;
using ScottPlot;

namespace KernelGen.Benchmarks;

/// <summary>Draws time per call against P on log-log axes from the scaling runs' BenchmarkDotNet CSV reports.</summary>
internal static class ScalingPlot
{
    public static int Draw(string resultsDirectory, string output)
    {
        var series = new Dictionary<string, List<(double P, double Nanoseconds)>>();
        foreach (string file in Directory.GetFiles(resultsDirectory, "*Scaling*-report.csv"))
        {
            string[] lines = File.ReadAllLines(file);
            string[] header = Split(lines[0]);
            int method = Array.IndexOf(header, "Method"), p = Array.IndexOf(header, "P"), mean = Array.IndexOf(header, "Mean");
            foreach (string line in lines.Skip(1))
            {
                string[] cells = Split(line);
                if (ParseNanoseconds(cells[mean]) is double ns)
                {
                    string name = cells[method];
                    if (!series.TryGetValue(name, out var points)) series[name] = points = [];
                    points.Add((double.Parse(cells[p].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), ns));
                }
            }
        }

        if (series.Count == 0)
        {
            Console.Error.WriteLine($"No *Scaling*-report.csv with results in {resultsDirectory}; run the scaling benchmarks first.");
            return 1;
        }

        var plot = new Plot();
        foreach (var (name, points) in series.OrderBy(s => s.Key))
        {
            var sorted = points.OrderBy(x => x.P).ToArray();
            var scatter = plot.Add.Scatter(sorted.Select(x => Math.Log10(x.P)).ToArray(), sorted.Select(x => Math.Log10(x.Nanoseconds)).ToArray());
            scatter.LegendText = name;
            scatter.MarkerSize = 8;
            scatter.LineWidth = 2;
        }

        // Log-log axes: the data are log10 values; ticks are labelled as powers of ten.
        static string Power(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? "1e" + Math.Round(v).ToString(CultureInfo.InvariantCulture) : "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Power, IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Power(v) is { Length: > 0 } s ? s + " ns" : "", IntegerTicksOnly = true };
        plot.XLabel("prototypes P (maxPerClass 8, 64 features)");
        plot.YLabel("time per call");
        plot.Title("Diversity loss: time per call against P (log-log)");
        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        plot.SavePng(output, 900, 560);
        Console.WriteLine($"wrote {output}");
        return 0;
    }

    private static string[] Split(string line) => line.Split(',').Select(c => c.Trim('"')).ToArray();

    private static double? ParseNanoseconds(string cell)
    {
        string[] parts = cell.Replace("\u00a0", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return null;
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
