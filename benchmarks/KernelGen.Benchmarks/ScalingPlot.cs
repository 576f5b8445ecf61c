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
            foreach (var row in BenchmarkCsv.Rows(file))
            {
                if (BenchmarkCsv.Nanoseconds(row["Median"]) is double ns)
                {
                    if (!series.TryGetValue(row["Method"], out var points)) series[row["Method"]] = points = [];
                    points.Add((BenchmarkCsv.Number(row["P"]), ns));
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
            Plots.AddSeries(plot, name, points.Select(x => (Math.Log10(x.P), Math.Log10(x.Nanoseconds))));
        }

        // Log-log axes: the data are log10 values; ticks are labelled as powers of ten.
        static string Power(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 ? "1e" + Math.Round(v).ToString(CultureInfo.InvariantCulture) : "";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Power, IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Power(v) is { Length: > 0 } s ? s + " ns" : "", IntegerTicksOnly = true };
        plot.XLabel("prototypes P (maxPerClass 8, 64 features)");
        plot.YLabel("time per call");
        plot.Title("Diversity loss: time per call against P (log-log)");
        plot.ShowLegend(Alignment.UpperLeft);
        return Plots.Save(plot, output, 900);
    }
}
