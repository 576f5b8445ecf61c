using System.Numerics;
using KernelGen.Compiler;
using KernelGen.Consumer;
using KernelGen.ParallelProbe;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The parallel kernels (<c>[Shapes(Parallel = true)]</c>, <c>Regularizers.Create(parallel: true)</c>): the same bits
/// on any number of cores and under concurrent callers. Their values against the reference, validation, special
/// values and allocations (counted on every thread, pool helpers included) are covered by the shared suites, which
/// include the parallel shapes.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class ParallelTests
{
    [Fact]
    public void Results_are_bit_identical_on_one_two_and_three_cores()
    {
        // A process reads its core count once, at start: each count gets its own process running the same probe.
        string here = Probe.Describe();
        foreach (int cores in new[] { 1, 2, 3 })
        {
            string[] lines = RunProbe(cores);
            Assert.Equal(cores.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[0]);
            Assert.Equal(here, string.Join("", lines.Skip(1).Select(l => l + "\n")));
        }
    }

    [Fact]
    public void Concurrent_callers_each_get_the_single_caller_result()
    {
        int[] labels = TestData.ClassMajorLabels(ParallelShape.NClasses, ParallelShape.MaxPerClass);
        float[] w = TestData.Values(labels.Length * ParallelShape.Features, 31, 0.5).ToFloat();
        float[] expectedGradient = new float[w.Length];
        float expected = ParallelShape.PrototypeDiversityLoss(w, labels, expectedGradient, 2.5f);

        var results = new (float Loss, float[] Gradient)[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i =>
        {
            float[] gradient = new float[w.Length];
            float loss = 0;
            for (int call = 0; call < 50; call++)
            {
                loss = ParallelShape.PrototypeDiversityLoss(w, labels, gradient, 2.5f);
            }

            results[i] = (loss, gradient);
        });

        foreach (var (loss, gradient) in results)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(loss));
            Assert.Equal(expectedGradient, gradient);
        }
    }

    // The unrolled (float) and loop (double) parallel shapes, through every engine.
    public static TheoryData<string> UnrolledParallelEngines() => new(Engines.Of("100x8x64f-parallel"));

    public static TheoryData<string> LoopParallelEngines() => new(Engines.Of("40x12x16d-parallel-loop"));

    [Theory]
    [MemberData(nameof(UnrolledParallelEngines))]
    public void Every_chunk_writes_its_classes_rows_and_zeroes_lone_members_in_a_dirty_gradient_float(string engine) =>
        LoneRowsAreZeroed(ClassKernelEngines.Float(engine));

    [Theory]
    [MemberData(nameof(LoopParallelEngines))]
    public void Every_chunk_writes_its_classes_rows_and_zeroes_lone_members_in_a_dirty_gradient_double(string engine) =>
        LoneRowsAreZeroed(ClassKernelEngines.Double(engine));

    /// <summary>
    /// Every third class has one member and the rest are full, so every chunk has lone members, the last chunk's last
    /// class among them.
    /// </summary>
    private static void LoneRowsAreZeroed<T>(PrototypeRegularizer<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(k.Parallel);
        int f = k.Features;
        int[] sizes = [.. Enumerable.Range(0, k.NClasses).Select(c => c % 3 == 0 ? 1 : k.MaxPerClass)];
        int[] labels = TestData.ClassMajorLabels(sizes);
        T[] w = [.. TestData.Values(labels.Length * f, 33, 0.5).Select(T.CreateTruncating)];
        T[] gradient = [.. Enumerable.Repeat(T.NaN, w.Length)];
        k.PrototypeDiversityLoss(w, labels, gradient, T.CreateTruncating(2.5));

        // A lone member's rows are zero; every other class's rows are the bits its class kernel writes.
        int start = 0;
        for (int c = 0; c < k.NClasses; start += sizes[c] * f, c++)
        {
            T[] rows = gradient[start..(start + sizes[c] * f)];
            if (sizes[c] == 1)
            {
                Assert.All(rows, v => Assert.Equal(T.Zero, v));
                continue;
            }

            T[] expected = new T[rows.Length];
            k.ClassDiversityLoss(w.AsSpan(start, rows.Length), expected, T.CreateTruncating(2.5));
            Assert.Equal(expected, rows);
            Assert.Contains(rows, v => v != T.Zero);
        }
    }

    /// <summary>
    /// From 32 members a class alone fills a loop-path chunk, so every class starts a chunk, class 1 included, and each
    /// chunk finds its first member where the label pass says the class before it ends. No generated shape of the suite
    /// has chunks of one class; the run-time compiler builds one.
    /// </summary>
    [Fact]
    public void Loop_path_chunks_of_one_class_each_start_at_their_own_class()
    {
        const int nClasses = 3, m = 32, f = 3;
        PrototypeRegularizer<double> parallel = KernelCompiler.Compile<double>(nClasses, m, f, parallel: true);
        PrototypeRegularizer<double> reference = Regularizers.Create<double>(nClasses, m, f);
        Assert.True(parallel.Parallel);

        // Class 0 short of full, so class 1 does not start where a full class 0 would end; class-major and shuffled.
        int[] sizes = [20, 32, 9];
        int[] classMajor = TestData.ClassMajorLabels(sizes), shuffled = (int[])classMajor.Clone();
        new Random(37).Shuffle(shuffled);
        foreach (int[] labels in new[] { classMajor, shuffled })
        {
            double[] w = TestData.Values(labels.Length * f, 41, 1.0);
            double[] g = new double[w.Length], expectedGradient = new double[w.Length];
            double loss = parallel.PrototypeDiversityLoss(w, labels, g, 1.5);
            double expected = reference.PrototypeDiversityLoss(w, labels, expectedGradient, 1.5);
            GoldenTolerance.AssertLoss(isFloat: false, expected, loss, "3x32x3d parallel");
            GoldenTolerance.AssertGradient(isFloat: false, expectedGradient, g, "3x32x3d parallel");
        }
    }

    public static TheoryData<string> LoopParallelShapesThroughEveryEngine() =>
        new(Engines.Of("40x12x16d-parallel-loop", "80x9x16d-parallel-stack-loop"));

    /// <summary>
    /// The loop path's parallel kernels add each chunk's Σ log det in chunk order, the chunks of
    /// <c>ShapeLimits.ParallelChunkClasses</c> (semantics.md, Parallel kernels): the loss is −(Σ_chunks Σ_c log det) to
    /// the bit, each class's log det the bits its class kernel returns (the same per-class code; negation is exact).
    /// Chunks of another size add the same terms in another grouping and round differently.
    /// </summary>
    [Theory]
    [MemberData(nameof(LoopParallelShapesThroughEveryEngine))]
    public void Loop_path_parallel_loss_adds_class_terms_chunk_by_chunk(string engine)
    {
        PrototypeRegularizer<double> k = ClassKernelEngines.Double(engine);
        Assert.True(k.Parallel);
        int m = k.MaxPerClass, f = k.Features, nClasses = k.NClasses;
        int chunkClasses = ShapeLimits.ParallelChunkClasses(nClasses, m, f, 1);
        Assert.InRange(chunkClasses, 1, nClasses / ShapeLimits.ParallelMinChunks);

        int[] labels = TestData.ClassMajorLabels(nClasses, m);
        // Classes from near collapse to well apart: terms of many magnitudes, which groupings round differently.
        double[] w = TestData.Values(labels.Length * f, 62);
        for (int i = 0; i < w.Length; i++) w[i] *= Math.Pow(10, -0.5 * (i / (m * f) % 9));

        double[] terms = [.. Enumerable.Range(0, nClasses).Select(c => k.ClassDiversityLoss(w.AsSpan(c * m * f, m * f), 1.5))];
        double expected = ChunkSums.InChunkOrder(terms, chunkClasses);
        // The data tells the groupings apart: one running sum over all classes gives other bits.
        Assert.NotEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(ChunkSums.InChunkOrder(terms, nClasses)));

        double[] gradient = new double[w.Length];
        double loss = k.PrototypeDiversityLoss(w, labels, 1.5), lossWithGradient = k.PrototypeDiversityLoss(w, labels, gradient, 1.5);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(loss),
            $"{engine}: the loss is {loss:R}, not {expected:R}, the class terms summed in chunks of {chunkClasses} classes and the chunks in order");
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(lossWithGradient),
            $"{engine}: the loss with the gradient is {lossWithGradient:R}, not {expected:R}, the class terms summed in chunks of {chunkClasses} classes and the chunks in order");
    }

    private static string[] RunProbe(int cores) =>
        ChildProcess.OutputLines([Path.Combine(AppContext.BaseDirectory, "KernelGen.ParallelProbe.dll")], cores);
}
