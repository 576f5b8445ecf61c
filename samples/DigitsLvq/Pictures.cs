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
    /// prox left marked in red, with a title, axis labels and a labelled colour bar.
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
        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = new ScottPlot.Colormaps.GrayscaleReversed();
        heatmap.NaNCellColor = Colors.Red.WithAlpha(0.55);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = "relevance λ (darker = more relevant)";
        plot.Title($"Learned pixel relevances λ: {lambda.Length - zeros} of {lambda.Length} non-zero, red = exactly 0");
        plot.XLabel("pixel column");
        plot.YLabel("pixel row");
        // The heatmap draws row 0 at the top, as the terminal map and the digit images do; label the rows to match.
        double[] positions = Enumerable.Range(0, Side).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, positions.Select(p => p.ToString("0", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.SetTicks(positions, positions.Select(p => (Side - 1 - p).ToString("0", CultureInfo.InvariantCulture)).ToArray());
        plot.SavePng(path, 680, 520);
    }

    /// <summary>
    /// The L1 path: test accuracy against the number of non-zero relevances, one point per L1 weight (labelled), with
    /// the 94% line, so the trade-off between sparsity and accuracy can be read off.
    /// </summary>
    public static void SaveL1Path(IReadOnlyList<(float L1, int NonZero, double Accuracy)> path, string file)
    {
        var plot = new Plot();
        var points = plot.Add.Scatter(path.Select(p => (double)p.NonZero).ToArray(), path.Select(p => 100 * p.Accuracy).ToArray());
        points.MarkerSize = 8;
        foreach (var (l1, nonZero, accuracy) in path)
        {
            var label = plot.Add.Text($"l1 = {l1:0.###}", nonZero, 100 * accuracy);
            label.LabelFontSize = 11;
            label.OffsetX = 6;
        }

        plot.Add.HorizontalLine(94, pattern: LinePattern.Dashed);
        plot.Title("Sparsity against accuracy: the elastic-net prox's L1 weight swept");
        plot.XLabel("non-zero pixel relevances (of 64)");
        plot.YLabel("test accuracy (%)");
        plot.SavePng(file, 760, 520);
    }

    /// <summary>The prototypes as 8×8 images: one column per class, one row per prototype, NaN gaps between tiles.</summary>
    public static void SavePrototypes(GrlvqModel model, string path)
    {
        int per = GrlvqModel.PerClass, classes = model.PrototypeCount / per;
        var image = new double[per * (Side + 1) - 1, classes * (Side + 1) - 1];
        for (int r = 0; r < image.GetLength(0); r++)
            for (int c = 0; c < image.GetLength(1); c++)
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
        plot.Title("The 30 prototypes (columns: digits 0–9)");
        plot.Axes.Frameless();
        plot.SavePng(path, 900, 330);
    }
}
