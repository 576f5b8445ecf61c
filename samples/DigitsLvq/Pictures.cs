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

    public static void SaveRelevances(float[] lambda, string path)
    {
        var image = new double[Side, Side];
        for (int i = 0; i < lambda.Length; i++) image[i / Side, i % Side] = lambda[i];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(image);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap);
        plot.Title("Learned pixel relevances λ (0 = pixel removed)");
        plot.Axes.Frameless();
        plot.SavePng(path, 520, 480);
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
