using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Class-major labels (every class full, label i = i / maxPerClass) take the kernels' fast path, which addresses rows
/// by position; any other labels go through the label pass's grouped order. The same classes laid out both ways must
/// give the same loss and the same gradient rows to the bit: within a class the members keep their relative order,
/// so every sum is formed in the same order. Run for every engine and shape.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class LabelOrderTests
{
    // Shapes of one class have no second class to swap with; shapes of one member per class have no pair, so a loss of
    // +0 and zero rows in any layout (NoPairLossSignTests holds them to that).
    public static TheoryData<string> FloatShapes() => [.. Engines.Float().Where(e => e.NClasses > 1 && e.MaxPerClass > 1).Select(e => e.Shape)];

    public static TheoryData<string> DoubleShapes() => [.. Engines.Double().Where(e => e.NClasses > 1 && e.MaxPerClass > 1).Select(e => e.Shape)];

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Class_major_and_grouped_layouts_agree_to_the_bit_in_float(string shape) =>
        Check(Engines.Float().Single(e => e.Shape == shape), v => v.ToFloat());

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Class_major_and_grouped_layouts_agree_to_the_bit_in_double(string shape) =>
        Check(Engines.Double().Single(e => e.Shape == shape), v => v);

    private static void Check<T>(Kernels<T> k, Func<double[], T[]> convert)
        where T : struct
    {
        int m = k.MaxPerClass, f = k.Features, count = k.NClasses * m;
        T sigma = typeof(T) == typeof(float) ? (T)(object)1.5f : (T)(object)1.5d;
        int[] classMajor = [.. Enumerable.Range(0, count).Select(i => i / m)];
        T[] w = convert(TestData.Values(count * f, 41, 1.0));

        // The same prototypes with classes 0 and 1 swapped in memory: rows m…2m−1 first, then rows 0…m−1.
        int Source(int row) => row < m ? row + m : row < 2 * m ? row - m : row;
        int[] swappedLabels = [.. Enumerable.Range(0, count).Select(row => classMajor[Source(row)])];
        T[] swapped = new T[w.Length];
        for (int row = 0; row < count; row++)
        {
            Array.Copy(w, Source(row) * f, swapped, row * f, f);
        }

        T[] g = new T[w.Length], gSwapped = new T[w.Length];
        T loss = k.LossAndGradient(w, classMajor, g, sigma);
        T lossSwapped = k.LossAndGradient(swapped, swappedLabels, gSwapped, sigma);
        Assert.Equal(Bits(loss), Bits(lossSwapped));
        Assert.Equal(Bits(loss), Bits(k.Loss(swapped, swappedLabels, sigma)));
        for (int row = 0; row < count; row++)
        {
            Assert.Equal(g.AsSpan(Source(row) * f, f).ToArray().Select(Bits), gSwapped.AsSpan(row * f, f).ToArray().Select(Bits));
        }
    }

    private static long Bits<T>(T value) => value switch
    {
        float x => BitConverter.SingleToInt32Bits(x),
        double x => BitConverter.DoubleToInt64Bits(x),
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}
