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

        // Class 0 collapsed (8 coinciding members: a term of about −7·log ε), every other class of 2 to 8 members far
        // apart (kernel entries exactly 0: a term of −n·log(1 + ε), the same bits in every class of n members on any
        // machine). A running sum rounds each small term into the large one, the same way at each step, where the chunks
        // add most of them among themselves first: the two groupings end apart by several of those roundings, whatever
        // the vector width.
        int[] sizes = [MaxPerClass, .. Enumerable.Range(1, NClasses - 1).Select(c => 2 + c % (MaxPerClass - 1))];
        int[] labels = TestData.ClassMajorLabels(sizes);
        int[] starts = [.. sizes.Select((_, c) => sizes.Take(c).Sum() * F)];
        double[] w = new double[labels.Length * F];
        double[] collapsed = TestData.Values(F, 43);
        for (int member = 0; member < MaxPerClass; member++) collapsed.CopyTo(w, member * F);
        for (int c = 1; c < NClasses; c++)
        {
            for (int member = 0; member < sizes[c]; member++) w[starts[c] + member * F] = 1000.0 * member;
        }

        // Each class term (the class kernel runs the same per-class code, so the same bits), summed within each chunk
        // and then over chunks in chunk order; negation is exact, so this is −(Σ_chunks Σ_c log det) to the bit.
        double[] terms = Enumerable.Range(0, NClasses).Select(c => k.ClassDiversityLoss(w.AsSpan(starts[c], sizes[c] * F), 1.5)).ToArray();
        Assert.True(terms[0] > 10 && terms.Skip(1).All(t => t < 0), $"terms {string.Join(", ", terms)}");
        double expected = ChunkSums.InChunkOrder(terms, chunkClasses);
        // The data tells the groupings apart: one running sum over all classes gives other bits.
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ChunkSums.InChunkOrder(terms, NClasses)));

        double[] gradient = new double[w.Length];
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, 1.5)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, gradient, 1.5)));
    }

    /// <summary>
    /// Chunks are fixed by the largest class the labels hold, not by the shape's cap: with every class at 3 members of
    /// a cap of 8, chunks of the cap's size would add the same terms in another grouping, and other bits.
    /// </summary>
    [Fact]
    public void Parallel_reference_chunks_by_the_labels_largest_class()
    {
        const int NClasses = 400, MaxPerClass = 8, Members = 3, F = 64;
        PrototypeRegularizer<double> k = Regularizers.Create<double>(NClasses, MaxPerClass, F, parallel: true);
        int chunkClasses = ShapeLimits.ParallelChunkClasses(NClasses, Members, F, 1);
        Assert.InRange(chunkClasses, 1, NClasses - 1);
        Assert.NotEqual(ShapeLimits.ParallelChunkClasses(NClasses, MaxPerClass, F, 1), chunkClasses);

        int[] labels = Enumerable.Range(0, NClasses * Members).Select(i => i / Members).ToArray();
        double[] w = TestData.Values(labels.Length * F, 47);
        // Classes from near collapse to well apart: terms of many magnitudes, which groupings round differently.
        for (int i = 0; i < w.Length; i++) w[i] *= Math.Pow(10, -0.5 * (i / (Members * F) % 9));

        double[] terms = Enumerable.Range(0, NClasses).Select(c => k.ClassDiversityLoss(w.AsSpan(c * Members * F, Members * F), 1.5)).ToArray();
        double expected = ChunkSums.InChunkOrder(terms, chunkClasses);
        // The data tells the groupings apart: the cap's chunks give other bits.
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ChunkSums.InChunkOrder(terms, ShapeLimits.ParallelChunkClasses(NClasses, MaxPerClass, F, 1))));

        double[] gradient = new double[w.Length];
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, 1.5)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, labels, gradient, 1.5)));
    }

    /// <summary>
    /// A sum of exactly 0 is +0 on the parallel reference, as on the serial one (the loss is 0 − Σ log det, not −Σ):
    /// with ε below 2⁻⁵³ (1 + ε is 1) and each class's two members 1000 apart at σ = 1 (their kernel entry is exp(−5e5),
    /// 0), every block is the identity to the bit, every log det is 0, and the loss is 0 − 0 = +0, not −0.
    /// </summary>
    [Fact]
    public void Parallel_reference_loss_of_exactly_zero_is_positive_zero()
    {
        const int NClasses = 96, MaxPerClass = 2, F = 1024;
        const double Epsilon = 1e-17;
        PrototypeRegularizer<double> parallel = Regularizers.Create<double>(NClasses, MaxPerClass, F, Epsilon, parallel: true);
        // 1 pair × 1024 features + 2³ = 1032 units a class: 32 classes a chunk, so three chunks.
        Assert.InRange(ShapeLimits.ParallelChunkClasses(NClasses, MaxPerClass, F, 1), 1, NClasses - 1);

        int[] labels = TestData.ClassMajorLabels(NClasses, MaxPerClass);
        double[] w = new double[labels.Length * F];
        for (int i = 0; i < labels.Length; i++) w[i * F] = 1000.0 * i;

        double[] gradient = new double[w.Length];
        Assert.Equal(BitConverter.DoubleToInt64Bits(0d), BitConverter.DoubleToInt64Bits(parallel.PrototypeDiversityLoss(w, labels, 1.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0d), BitConverter.DoubleToInt64Bits(parallel.PrototypeDiversityLoss(w, labels, gradient, 1.0)));
        Assert.All(gradient, g => Assert.Equal(0d, g));
    }
}
