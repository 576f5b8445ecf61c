using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace DigitsLvq;

/// <summary>The UCI handwritten digits: 8×8 images scaled to [0, 1], and a stratified train/test split.</summary>
public sealed class DigitsData
{
    public const int Features = 64;
    public const int Classes = 10;

    private DigitsData(float[] x, int[] y)
    {
        X = x;
        Y = y;
    }

    /// <summary>Row-major samples, <see cref="Features"/> values each, pixels / 16.</summary>
    public float[] X { get; }

    /// <summary>The digit of each sample.</summary>
    public int[] Y { get; }

    public int Count => Y.Length;

    public ReadOnlySpan<float> Sample(int i) => X.AsSpan(i * Features, Features);

    /// <summary>Reads <c>data/digits.csv.gz</c> next to the program.</summary>
    public static DigitsData Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var x = new List<float>();
        var y = new List<int>();
        while (reader.ReadLine() is string line)
        {
            if (line.Length == 0) continue;
            string[] cells = line.Split(',');
            if (cells.Length != Features + 1)
            {
                throw new InvalidDataException($"{path}: expected {Features + 1} values per row, got {cells.Length}.");
            }

            for (int j = 0; j < Features; j++)
            {
                x.Add(float.Parse(cells[j], CultureInfo.InvariantCulture) / 16f);
            }

            y.Add(int.Parse(cells[Features], CultureInfo.InvariantCulture));
        }

        return new DigitsData([.. x], [.. y]);
    }

    /// <summary>A stratified split: in each class, a shuffled <paramref name="trainFraction"/> goes to training.</summary>
    public (DigitsData Train, DigitsData Test) Split(double trainFraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int c = 0; c < Classes; c++)
        {
            int[] members = Enumerable.Range(0, Count).Where(i => Y[i] == c).ToArray();
            random.Shuffle(members);
            int cut = (int)Math.Round(members.Length * trainFraction);
            train.AddRange(members[..cut]);
            test.AddRange(members[cut..]);
        }

        random.Shuffle(CollectionsMarshal.AsSpan(train));
        return (Subset(train), Subset(test));
    }

    /// <summary>The first <paramref name="count"/> samples of each class (for short test runs).</summary>
    public DigitsData PerClass(int count) =>
        Subset(Enumerable.Range(0, Classes).SelectMany(c => Enumerable.Range(0, Count).Where(i => Y[i] == c).Take(count)).ToList());

    private DigitsData Subset(List<int> indices)
    {
        var x = new float[indices.Count * Features];
        for (int k = 0; k < indices.Count; k++)
        {
            Sample(indices[k]).CopyTo(x.AsSpan(k * Features));
        }

        return new DigitsData(x, indices.Select(i => Y[i]).ToArray());
    }
}
