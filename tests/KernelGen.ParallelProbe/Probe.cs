using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using KernelGen.Consumer;

namespace KernelGen.ParallelProbe;

/// <summary>The parallel kernels' results, as bits, on fixed inputs.</summary>
public static class Probe
{
    /// <summary>Prints the core count this process sees, then <see cref="Describe"/>.</summary>
    public static void Main()
    {
        Console.WriteLine(Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Console.Write(Describe());
    }

    /// <summary>
    /// One line per kernel: its name, the loss's bits and a SHA-256 of the gradient's bytes. Labels are shuffled and
    /// some classes short, so the label pass's grouping and uneven chunks are part of what is compared.
    /// </summary>
    public static string Describe()
    {
        var text = new StringBuilder();
        int[] labels = Labels(ParallelShape.NClasses, ParallelShape.MaxPerClass, seed: 1);
        float[] w = Array.ConvertAll(Values(labels.Length * ParallelShape.Features, 21, 0.6), v => (float)v);
        float[] g = new float[w.Length];
        Line(text, "generated 100x8x64f loss", ParallelShape.PrototypeDiversityLoss(w, labels, 3f), []);
        Line(text, "generated 100x8x64f loss+gradient", ParallelShape.PrototypeDiversityLoss(w, labels, g, 3f), g);
        var reference = Regularizers.Create<float>(ParallelShape.NClasses, ParallelShape.MaxPerClass, ParallelShape.Features, parallel: true);
        Line(text, "reference 100x8x64f loss+gradient", reference.PrototypeDiversityLoss(w, labels, g, 3f), g);

        int[] loopLabels = Labels(ParallelLoopShape.NClasses, ParallelLoopShape.MaxPerClass, seed: 2);
        double[] wd = Values(loopLabels.Length * ParallelLoopShape.Features, 22, 0.5);
        double[] gd = new double[wd.Length];
        Line(text, "generated 40x12x16d loss+gradient", ParallelLoopShape.PrototypeDiversityLoss(wd, loopLabels, gd, 0.7), gd);

        // Classes from near collapse to well apart: their terms, and so the chunks' sums, differ by orders of magnitude.
        // Not every other order of adding these sums gives other bits; ChunkJobTests shows the chunk order itself, with
        // sums chosen so that no other order gives theirs, in a process that sees one core and in one that sees more.
        int[] fullLabels = KernelGen.Internal.LabelGroups.ClassMajorLabels(ParallelLoopShape.NClasses, ParallelLoopShape.MaxPerClass);
        double[] spread = Values(fullLabels.Length * ParallelLoopShape.Features, 23, 0.5);
        for (int i = 0; i < spread.Length; i++)
        {
            spread[i] *= 0.02 * (1 + i / (ParallelLoopShape.MaxPerClass * ParallelLoopShape.Features) % 7);
        }

        Line(text, "generated 40x12x16d spread classes loss", ParallelLoopShape.PrototypeDiversityLoss(spread, fullLabels, 0.7), Array.Empty<double>());
        var referenceDouble = Regularizers.Create<double>(ParallelLoopShape.NClasses, ParallelLoopShape.MaxPerClass, ParallelLoopShape.Features, parallel: true);
        Line(text, "reference 40x12x16d spread classes loss", referenceDouble.PrototypeDiversityLoss(spread, fullLabels, 0.7), Array.Empty<double>());
        return text.ToString();
    }

    /// <summary>Uniform in [−spread, spread], from a seeded generator.</summary>
    private static double[] Values(int length, int seed, double spread)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => spread * (2 * random.NextDouble() - 1)).ToArray();
    }

    /// <summary>Every class full but every seventh, which keeps two members fewer; shuffled.</summary>
    private static int[] Labels(int nClasses, int maxPerClass, int seed)
    {
        var labels = new List<int>();
        for (int c = 0; c < nClasses; c++)
        {
            labels.AddRange(Enumerable.Repeat(c, c % 7 == 0 ? maxPerClass - 2 : maxPerClass));
        }

        int[] shuffled = [.. labels];
        new Random(seed).Shuffle(shuffled);
        return shuffled;
    }

    private static void Line<T>(StringBuilder text, string name, T loss, T[] gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string bits = typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits((float)(object)loss).ToString("X8", CultureInfo.InvariantCulture)
            : BitConverter.DoubleToInt64Bits((double)(object)loss).ToString("X16", CultureInfo.InvariantCulture);
        string hash = gradient.Length == 0 ? "-" : Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(gradient.AsSpan())));
        text.Append(CultureInfo.InvariantCulture, $"{name}: loss {bits} ({loss}), gradient {hash}\n");
    }
}
