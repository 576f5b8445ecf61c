using System.Globalization;
using System.Text;
using ScottPlot;

namespace DigitsLvq;

/// <summary>The relevance map in the terminal, and the relevances and prototypes as PNG images (ScottPlot).</summary>
public static class Pictures
{
    private const int Side = 8;

    /// <summary>8×8 shaded characters, two per pixel: blank for an exact zero, then ░ ▒ ▓ █ by relevance.</summary>
    public static string RelevanceMap(float[] lambda)
    {
        string[] shades = ["░░", "▒▒", "▓▓", "██"];
        float max = lambda.Max();
        var text = new StringBuilder();
        for (int row = 0; row < Side; row++)
        {
            text.Append("  ");
            for (int col = 0; col < Side; col++)
            {
                float v = lambda[row * Side + col];
                text.Append(v == 0 ? "  " : shades[Math.Min(3, (int)(4 * v / max))]);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The relevances as an 8×8 image with the terminal map's polarity (darker = more relevant) and the exact zeros the
    /// prox left in red: a title, labelled axes, a labelled colour bar and a legend for the red cells.
    /// </summary>
    public static void SaveRelevances(float[] lambda, string path)
    {
        var image = new double[Side, Side];
        int zeros = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            // Exact zeros are NaN cells: drawn in their own colour, outside the colour scale.
            image[i / Side, i % Side] = lambda[i] == 0 ? double.NaN : lambda[i];
            zeros += lambda[i] == 0 ? 1 : 0;
        }

        var plot = new Plot();
        bool allZero = zeros == lambda.Length;
        if (allZero)
        {
            // With every cell NaN the colour scale has no range and the heatmap refuses to draw: draw zeros and lay the
            // zero colour over the whole map instead.
            Array.Clear(image);
        }

        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        Color zeroColor = Colors.Red.WithAlpha(0.55);
        heatmap.NaNCellColor = zeroColor;
        if (allZero)
        {
            var cover = plot.Add.Rectangle(-0.5, Side - 0.5, -0.5, Side - 0.5);
            cover.FillColor = zeroColor;
            cover.LineWidth = 0;
        }

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "relevance λ (darker = more relevant)";
        plot.Title($"Learned pixel relevances λ: {lambda.Length - zeros} of {lambda.Length} non-zero");
        plot.XLabel("pixel column");
        plot.YLabel("pixel row");
        PixelTicks(plot.Axes.Bottom, Side, 0, 1);
        PixelTicks(plot.Axes.Left, Side, Side - 1, -1);
        plot.Axes.SetLimits(-0.5, Side - 0.5, -0.5, Side - 0.5);
        plot.HideGrid();
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "exactly 0: pixel pruned by the soft-threshold prox", FillColor = zeroColor, OutlineColor = Colors.Gray });
        plot.ShowLegend(Edge.Bottom);
        plot.SavePng(path, 600, 620);
    }

    /// <summary>
    /// The L1 path: test accuracy against the number of non-zero relevances, one point per L1 weight, labelled with
    /// its weight (weights that reach the same count share a label), and the 94% line, both in the legend.
    /// </summary>
    /// <returns>Each label's text and where it was drawn, in pixels of the image.</returns>
    public static IReadOnlyList<(string Text, PixelRect Box)> SaveL1Path(IReadOnlyList<(float L1, int NonZero, double Accuracy)> path, string file)
    {
        const int width = 760, height = 560;
        const double target = 94;
        double[] xs = [.. path.Select(p => (double)p.NonZero)], ys = [.. path.Select(p => 100 * p.Accuracy)];

        var plot = new Plot();
        var points = plot.Add.Scatter(xs, ys);
        points.MarkerSize = 8;
        points.LegendText = "test accuracy, one point per L1 weight (labelled l1 = …)";
        var line = plot.Add.HorizontalLine(target, pattern: LinePattern.Dashed);
        line.LegendText = "94% test accuracy";
        plot.Title("Sparsity against accuracy: the prox's L1 weight swept");
        plot.XLabel($"non-zero pixel relevances (of {DigitsData.Features})");
        plot.YLabel("test accuracy (%)");
        plot.ShowLegend(Edge.Bottom);
        // Fixed limits, with room right of the last count for its label: the labels are placed in pixels below, so
        // the axes must not move once they are added.
        double bottom = Math.Floor(Math.Min(ys.Min(), target)) - 3, top = Math.Ceiling(Math.Max(ys.Max(), target)) + 2;
        plot.Axes.SetLimits(0, DigitsData.Features + 8, bottom, top);
        plot.RenderInMemory(width, height);

        var groups = path.GroupBy(p => p.NonZero)
            .Select(g => (Text: "l1 = " + string.Join(", ", g.Select(p => p.L1.ToString("0.###", CultureInfo.InvariantCulture))), X: (double)g.Key, Y: 100 * g.Average(p => p.Accuracy)));
        var labels = PlaceLabels(plot, [.. groups], xs, ys, target);
        plot.SavePng(file, width, height);
        return labels;
    }

    /// <summary>
    /// Puts each label beside its point where it covers no other label, point, segment of the path or the target line,
    /// trying below-right, above-right, below-left, above-left, right and left in turn; where every place covers
    /// something, the one that covers least.
    /// </summary>
    private static List<(string Text, PixelRect Box)> PlaceLabels(Plot plot, IReadOnlyList<(string Text, double X, double Y)> labels, double[] xs, double[] ys, double target)
    {
        PixelRect data = plot.LastRender.DataRect;
        Pixel[] path = [.. xs.Select((x, i) => plot.GetPixel(new Coordinates(x, ys[i])))];
        float targetY = plot.GetPixel(new Coordinates(0, target)).Y;
        (Alignment Alignment, float Dx, float Dy)[] places =
        [
            (Alignment.UpperLeft, 7, 4), (Alignment.LowerLeft, 7, -4), (Alignment.UpperRight, -7, 4),
            (Alignment.LowerRight, -7, -4), (Alignment.MiddleLeft, 9, 0), (Alignment.MiddleRight, -9, 0),
        ];
        var placed = new List<(string Text, PixelRect Box)>();
        using Paint paint = Paint.NewDisposablePaint();
        foreach (var (text, x, y) in labels)
        {
            var label = plot.Add.Text(text, x, y);
            label.LabelFontSize = 11;
            Pixel anchor = plot.GetPixel(new Coordinates(x, y));
            MeasuredText size = label.LabelStyle.Measure(text, paint);
            PixelRect best = default;
            int bestCovered = int.MaxValue;
            foreach (var (alignment, dx, dy) in places)
            {
                PixelRect rect = size.Rect(alignment).WithDelta(anchor.X + dx, anchor.Y + dy);
                int covered = Covered(rect, data, [.. placed.Select(p => p.Box)], path, targetY);
                if (covered < bestCovered)
                {
                    (best, bestCovered) = (rect, covered);
                    label.LabelAlignment = alignment;
                    label.OffsetX = dx;
                    label.OffsetY = dy;
                }

                if (covered == 0) break;
            }

            placed.Add((text, best));
        }

        return placed;
    }

    /// <summary>How many things <paramref name="rect"/> would cover: placed labels, points, path segments, the target line, the plot's edge.</summary>
    private static int Covered(PixelRect rect, PixelRect data, List<PixelRect> placed, Pixel[] path, float targetY)
    {
        PixelRect padded = rect.Expand(2);
        int covered = placed.Count(p => Overlap(padded, p));
        covered += path.Count(p => Overlap(padded, new PixelRect(p.X - 5, p.X + 5, p.Y + 5, p.Y - 5)));
        for (int i = 1; i < path.Length; i++)
        {
            // Samples every pixel or so along the segment: enough for rectangles a dozen pixels high.
            int steps = (int)Math.Ceiling(Math.Max(Math.Abs(path[i].X - path[i - 1].X), Math.Abs(path[i].Y - path[i - 1].Y)));
            bool crosses = Enumerable.Range(0, steps + 1).Any(s =>
                padded.Contains(path[i - 1].X + (path[i].X - path[i - 1].X) * s / Math.Max(steps, 1), path[i - 1].Y + (path[i].Y - path[i - 1].Y) * s / Math.Max(steps, 1)));
            covered += crosses ? 1 : 0;
        }

        covered += padded.Top <= targetY && targetY <= padded.Bottom ? 1 : 0;
        covered += rect.Left < data.Left || rect.Right > data.Right || rect.Top < data.Top || rect.Bottom > data.Bottom ? 10 : 0;
        return covered;
    }

    private static bool Overlap(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    /// <summary>Ticks at cell centres 0 … <paramref name="count"/> − 1, labelled from <paramref name="first"/> by <paramref name="step"/>.</summary>
    private static void PixelTicks(ScottPlot.IAxis axis, int count, int first, int step)
    {
        double[] positions = [.. Enumerable.Range(0, count).Select(i => (double)i)];
        axis.SetTicks(positions, [.. positions.Select(p => (first + step * (int)p).ToString(CultureInfo.InvariantCulture))]);
    }

    /// <summary>
    /// The prototypes as 8×8 tiles, one column per class and one row per prototype of the class, white gaps between
    /// tiles: a title, the classes and prototypes labelled on the axes, and a labelled colour bar.
    /// </summary>
    public static void SavePrototypes(GrlvqModel model, string path)
    {
        int per = GrlvqModel.PerClass, classes = model.PrototypeCount / per;
        int rows = per * (Side + 1) - 1, columns = classes * (Side + 1) - 1;
        var image = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                image[r, c] = double.NaN;

        for (int k = 0; k < model.PrototypeCount; k++)
        {
            int tileRow = k % per, tileCol = k / per;
            for (int i = 0; i < Side * Side; i++)
            {
                image[tileRow * (Side + 1) + i / Side, tileCol * (Side + 1) + i % Side] = model.Prototypes[k * Side * Side + i];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.NaNCellColor = Colors.White;
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "pixel value (0 blank, 1 full ink)";
        plot.Title($"The {model.PrototypeCount} learned prototypes: {per} per digit, 8×8 pixels each");
        plot.XLabel("digit (class)");
        plot.YLabel("prototype of the class");

        // Cell (r, c) of the heatmap is centred on (c, rows − 1 − r): tile centres are 3.5 cells into each tile.
        double centre = (Side - 1) / 2.0;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, classes).Select(c => c * (Side + 1) + centre)], [.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, per).Select(t => rows - 1 - (t * (Side + 1) + centre))], [.. Enumerable.Range(1, per).Select(t => $"#{t}")]);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
        plot.SavePng(path, 1180, 420);
    }
}
