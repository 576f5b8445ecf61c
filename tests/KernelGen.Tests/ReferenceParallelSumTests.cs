using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The reference engine with <c>parallel: true</c> adds each chunk's Σ log det in chunk order (semantics.md, Parallel
/// kernels), the chunks fixed by the shape and the labels' largest class: both its overloads, to the bit.
/// </summary>
public class ReferenceParallelSumTests
{
    /// <summary>With the default ε and with one of the shape's own, which every chunk must use as the class kernel does.</summary>
    [Theory]
    [InlineData(ShapeLimits.DefaultEpsilon)]
    [InlineData(1e-3)]
    public void Parallel_reference_adds_class_terms_chunk_by_chunk_in_both_overloads(double epsilon)
    {
        const int NClasses = 60, MaxPerClass = 8, F = 64;
        PrototypeRegularizer<double> k = Regularizers.Create<double>(NClasses, MaxPerClass, F, epsilon, parallel: true);
        Assert.Equal(epsilon, k.Epsilon);
        int chunkClasses = ShapeLimits.ParallelChunkClasses(NClasses, MaxPerClass, F, 1);
        Assert.InRange(chunkClasses, 1, NClasses - 1);  // several chunks, or the test would not tell the sums apart

        int[] labels = TestData.ClassMajorLabels(NClasses, MaxPerClass);
        // Classes spread from near collapse to well apart, so their terms differ by orders of magnitude and the two
        // orders of addition (one running sum, or sums per chunk) round differently.
        double[] w = TestData.Values(labels.Length * F, 43);
        for (int i = 0; i < w.Length; i++) w[i] *= 0.02 * (1 + i / (MaxPerClass * F) % 7);

        // Each class term (the class kernel runs the same per-class code, so the same bits), summed within each chunk
        // and then over chunks in chunk order; negation is exact, so this is −(Σ_chunks Σ_c log det) to the bit.
        double expected = 0;
        for (int first = 0; first < NClasses; first += chunkClasses)
        {
            double chunk = 0;
            for (int c = first; c < Math.Min(first + chunkClasses, NClasses); c++)
            {
                chunk += k.ClassDiversityLoss(w.AsSpan(c * MaxPerClass * F, MaxPerClass * F), 1.5);
            }

            expected += chunk;
        }

        double[] gradient = new double[w.Length];
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, 1.5)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, gradient, 1.5)));
    }
}
