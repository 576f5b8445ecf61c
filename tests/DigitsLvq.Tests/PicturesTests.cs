namespace DigitsLvq.Tests;

/// <summary>The pictures are PNG files, and the L1 path's labels neither collide nor leave a point unlabelled.</summary>
public sealed class PicturesTests : IDisposable
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _directory = Directory.CreateTempSubdirectory("digits-pictures-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_prototypes_picture_is_a_png()
    {
        float[] w = [.. Enumerable.Range(0, 30 * 64).Select(i => i % 64 / 64f)];
        int[] labels = [.. Enumerable.Range(0, 30).Select(k => k / GrlvqModel.PerClass)];
        string file = Path.Combine(_directory, "prototypes.png");
        Pictures.SavePrototypes(new GrlvqModel(w, labels, new float[64]), file);
        Assert.Equal(s_pngSignature, File.ReadAllBytes(file).Take(8));
    }

    /// <summary>
    /// The terminal map draws pixel row·8 + column in its row and column, blank only for an exact zero, and shades by
    /// quarters of the largest λ: under ¼ ░, under ½ ▒, under ¾ ▓, from ¾ █.
    /// </summary>
    [Fact]
    public void The_relevance_map_puts_each_pixel_in_its_row_and_column_with_its_quarter_shade()
    {
        float[] lambda = [.. Enumerable.Repeat(0.1f, 64)];
        (lambda[1], lambda[2], lambda[3], lambda[4], lambda[5]) = (1f, 0.3f, 0.6f, 0.8f, 1e-6f);
        (lambda[8], lambda[63]) = (0f, 0f);
        string faint = string.Concat(Enumerable.Repeat("░░", 8));
        string expected =
            "  ░░██▒▒▓▓██░░░░░░\n" +
            "    " + faint[2..] + "\n" +
            string.Concat(Enumerable.Repeat("  " + faint + "\n", 5)) +
            "  " + faint[..^2] + "  \n";
        string map = Pictures.RelevanceMap(lambda);
        Assert.True(expected == map, $"expected\n{expected}got\n{map}");
    }

    /// <summary>
    /// The relevance picture draws pixel row 0 at the top and column 0 at the left, as the terminal map and the axes'
    /// labels have them: the red cell of pixel (7, 0)'s exact zero lies left of and below that of pixel (0, 7)'s. Read off
    /// two pictures that differ in that cell alone, so the legend's red swatch, in both, drops out.
    /// </summary>
    [Fact]
    public void The_relevance_picture_puts_row_0_at_the_top_and_column_0_at_the_left()
    {
        string WithZeroAt(int pixel)
        {
            string file = Path.Combine(_directory, $"relevances-{pixel}.png");
            Pictures.SaveRelevances([.. Enumerable.Range(0, 64).Select(i => i == pixel ? 0f : 0.5f + i / 128f)], file);
            return file;
        }

        var (bottomLeft, topRight) = RedOnlyIn(WithZeroAt(7 * 8 + 0), WithZeroAt(0 * 8 + 7));
        Assert.True(bottomLeft.X < topRight.X && bottomLeft.Y > topRight.Y,
            $"pixel (7, 0)'s red cell is centred at {bottomLeft}, pixel (0, 7)'s at {topRight} (image y grows downwards)");
    }

    /// <summary>
    /// A prox strong enough to zero every relevance (a large --l1) still gets its picture: all 64 cells red, where the
    /// colour scale would otherwise have no range and the heatmap would refuse to draw.
    /// </summary>
    [Fact]
    public void The_relevance_picture_of_all_zeros_is_a_png_with_every_cell_red()
    {
        string all = Path.Combine(_directory, "relevances-zero.png"), one = Path.Combine(_directory, "relevances-one.png");
        Pictures.SaveRelevances(new float[64], all);
        Pictures.SaveRelevances([.. Enumerable.Range(0, 64).Select(i => i == 0 ? 0f : 0.5f)], one);
        Assert.Equal(s_pngSignature, File.ReadAllBytes(all).Take(8));

        // Against a picture with one zero cell, the all-zero one has red in place of the other 63 cells' grey, and loses none.
        var (onlyAll, onlyOne) = RedDifference(all, one);
        Assert.Empty(onlyOne);
        Assert.True(onlyAll.Count > 63 * 100, $"{onlyAll.Count} pixels red in the all-zero picture alone");
    }

    /// <summary>The centres of the red pixels each picture has and the other has not.</summary>
    private static ((double X, double Y) A, (double X, double Y) B) RedOnlyIn(string a, string b)
    {
        var (onlyA, onlyB) = RedDifference(a, b);
        Assert.True(onlyA.Count > 100 && onlyB.Count > 100, $"{onlyA.Count} and {onlyB.Count} red pixels told the two zero cells apart");
        return ((onlyA.Average(p => p.X), onlyA.Average(p => p.Y)), (onlyB.Average(p => p.X), onlyB.Average(p => p.Y)));
    }

    /// <summary>The red pixels each picture has and the other has not.</summary>
    private static (List<(int X, int Y)> OnlyA, List<(int X, int Y)> OnlyB) RedDifference(string a, string b)
    {
        using SkiaSharp.SKBitmap first = SkiaSharp.SKBitmap.Decode(a), second = SkiaSharp.SKBitmap.Decode(b);
        static bool Red(SkiaSharp.SKColor c) => c.Red - c.Green > 60 && c.Red - c.Blue > 60;
        var (onlyA, onlyB) = (new List<(int X, int Y)>(), new List<(int X, int Y)>());
        for (int y = 0; y < first.Height; y++)
        {
            for (int x = 0; x < first.Width; x++)
            {
                bool inA = Red(first.GetPixel(x, y)), inB = Red(second.GetPixel(x, y));
                if (inA && !inB) onlyA.Add((x, y));
                if (inB && !inA) onlyB.Add((x, y));
            }
        }

        return (onlyA, onlyB);
    }

    [Fact]
    public void L1_path_labels_do_not_overlap_and_points_of_one_count_share_a_label()
    {
        // Two weights that prune nothing (the same count, 0.3 points apart) and a crowded top right, as the sample's sweep gives.
        (float, int, double)[] path =
        [
            (0f, 64, 0.957), (0.02f, 64, 0.954), (0.05f, 59, 0.954), (0.07f, 54, 0.944), (0.09f, 47, 0.926),
            (0.11f, 40, 0.917), (0.13f, 19, 0.909), (0.2f, 15, 0.872), (0.4f, 7, 0.649),
        ];
        string file = Path.Combine(_directory, "l1-path.png");
        var labels = Pictures.SaveL1Path(path, file);
        Assert.Equal(s_pngSignature, File.ReadAllBytes(file).Take(8));

        Assert.Equal(["l1 = 0, 0.02", "l1 = 0.05", "l1 = 0.07", "l1 = 0.09", "l1 = 0.11", "l1 = 0.13", "l1 = 0.2", "l1 = 0.4"], labels.Select(l => l.Text).Order(StringComparer.Ordinal));
        for (int i = 0; i < labels.Count; i++)
        {
            Assert.True(labels[i].Box.Width > 0 && labels[i].Box.Height > 0);
            for (int j = 0; j < i; j++)
            {
                var (a, b) = (labels[i].Box, labels[j].Box);
                bool overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                Assert.False(overlap, $"'{labels[i].Text}' at {a} overlaps '{labels[j].Text}' at {b}");
            }
        }
    }
}
