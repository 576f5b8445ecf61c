using ScottPlot;

namespace KernelGen.Benchmarks;

/// <summary>What the benchmark plots share: one line with markers per series, sorted by x, and how a plot is saved.</summary>
internal static class Plots
{
    /// <summary>Adds <paramref name="points"/> as a line with markers, in x order, labelled <paramref name="name"/>.</summary>
    public static ScottPlot.Plottables.Scatter AddSeries(Plot plot, string name, IEnumerable<(double X, double Y)> points)
    {
        var sorted = points.OrderBy(p => p.X).ToArray();
        var scatter = plot.Add.Scatter(sorted.Select(p => p.X).ToArray(), sorted.Select(p => p.Y).ToArray());
        scatter.LegendText = name;
        scatter.MarkerSize = 8;
        scatter.LineWidth = 2;
        return scatter;
    }

    /// <summary>Writes <paramref name="plot"/> to <paramref name="output"/> (creating its folder) and says so.</summary>
    public static int Save(Plot plot, string output, int width)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        plot.SavePng(output, width, 560);
        Console.WriteLine($"wrote {output}");
        return 0;
    }
}
