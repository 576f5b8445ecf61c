using System.Globalization;
using ScottPlot;

namespace KernelGen.Benchmarks;

/// <summary>Draws time per call against the cores a process sees, from <see cref="ParallelBenchmarks"/>' CSV report.</summary>
internal static class CoresPlot
{
    /// <summary>The cores a <see cref="ParallelBenchmarks"/> job's process sees: "1core" → 1, "allcores" → this machine's count.</summary>
    public static int Cores(string job) => job == "1core" ? 1 : Environment.ProcessorCount;

    public static int Draw(string resultsDirectory, string output)
    {
        var series = new Dictionary<string, List<(int Cores, double Microseconds)>>();
        foreach (string file in Directory.GetFiles(resultsDirectory, "*ParallelBenchmarks-report.csv"))
        {
            foreach (var row in BenchmarkCsv.Rows(file))
            {
                if (BenchmarkCsv.Nanoseconds(row["Median"]) is double ns)
                {
                    string name = $"{row["Shape"]} {row["Method"]}";
                    if (!series.TryGetValue(name, out var points)) series[name] = points = [];
                    points.Add((Cores(row["Job"]), ns / 1e3));
                }
            }
        }

        if (series.Count == 0)
        {
            Console.Error.WriteLine($"No *ParallelBenchmarks-report.csv with results in {resultsDirectory}; run the parallel benchmarks first.");
            return 1;
        }

        var plot = new Plot();
        foreach (var (name, points) in series.OrderBy(s => s.Key))
        {
            var scatter = Plots.AddSeries(plot, name, points.Select(x => ((double)x.Cores, x.Microseconds)));
            scatter.LinePattern = name.Contains("Serial", StringComparison.Ordinal) ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) };
        plot.Axes.SetLimitsX(0.5, Math.Max(2, Environment.ProcessorCount) + 0.5);
        plot.Axes.SetLimitsY(0, series.Values.SelectMany(p => p).Max(p => p.Microseconds) * 1.1);
        plot.XLabel("cores the process sees (DOTNET_PROCESSOR_COUNT)");
        plot.YLabel("time per call (µs, median)");
        plot.Title("Large shapes: serial (dashed) and Parallel = true (solid) against cores");
        plot.ShowLegend(Edge.Right);
        return Plots.Save(plot, output, 1100);
    }
}
