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
