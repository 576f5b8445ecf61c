namespace KernelGen.Testing;

/// <summary>Deterministic random inputs for tests that are not driven by the golden file.</summary>
public static class TestData
{
    /// <summary>Class-major labels: <paramref name="perClass"/> prototypes for each of <paramref name="nClasses"/> classes.</summary>
    public static int[] ClassMajorLabels(int nClasses, int perClass) =>
        Enumerable.Range(0, nClasses * perClass).Select(i => i / perClass).ToArray();

    /// <summary>Class-major labels of classes of the given sizes: <c>sizes[c]</c> prototypes of class c, in class order.</summary>
    public static int[] ClassMajorLabels(IEnumerable<int> sizes) =>
        sizes.SelectMany((n, c) => Enumerable.Repeat(c, n)).ToArray();

    /// <summary>The rows of class <paramref name="c"/>: the indices i with <c>labels[i] == c</c>, ascending.</summary>
    public static int[] RowsOf(int[] labels, int c) =>
        Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();

    /// <summary>Standard-normal-ish values scaled by <paramref name="spread"/>, from a fixed seed.</summary>
    public static double[] Values(int length, int seed, double spread = 1)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            // Sum of uniforms: bounded, roughly normal, no Box–Muller logs needed.
            values[i] = spread * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        }

        return values;
    }

    public static float[] ToFloat(this double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(this float[] values) => Array.ConvertAll(values, v => (double)v);
}
