using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// <see cref="PrototypeRegularizer{T}.ClassDiversityLossAt(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, T)"/> over an
/// engine written outside this library that does not write every element of a class's rows, as its contract asks: what
/// it leaves alone is never what a scratch held before. Rows apart go through cleared scratch and come back as zeros;
/// consecutive rows are passed as slices of the caller's gradient, so they keep the caller's values, as the engine's
/// own call on those slices would.
/// </summary>
public class ClassRowsEngineTests
{
    private const float Sentinel = 12345f;

    private const int RowLength = 300;

    /// <summary>
    /// Row indices kept in the gradient's memory (an int view of row 1, a row the call writes) are a gradient sharing
    /// memory: refused naming it, with nothing written, where the copy back re-read indices it had overwritten with
    /// gradient values and threw an <see cref="IndexOutOfRangeException"/> halfway.
    /// </summary>
    [Fact]
    public void Row_indices_in_the_gradients_memory_are_refused_before_anything_is_written()
    {
        float[] w = TestData.Values(12, 5).ToFloat();   // 4 prototypes × 3 features
        float[] gradient = Enumerable.Repeat(Sentinel, 12).ToArray();
        Span<int> rowsInGradient = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(3, 2));
        rowsInGradient[0] = 1;
        rowsInGradient[1] = 3;
        float[] before = (float[])gradient.Clone();
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(2, 2, 3);

        var thrown = Assert.ThrowsAny<ArgumentException>(() => reference.ClassDiversityLossAt(
            w, System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(3, 2)), gradient, 1f));

        Assert.Equal("gradient", thrown.ParamName);
        Assert.Equal(before, gradient);
    }

    /// <summary>
    /// Consecutive row indices in the gradient's memory are refused as well, kept in a row the call would not write:
    /// consecutive rows are passed on as slices, with no copy back to read the indices during, but the gradient is to
    /// be memory of its own whichever way a call takes its rows.
    /// </summary>
    [Fact]
    public void Consecutive_row_indices_in_the_gradients_memory_are_refused_as_well()
    {
        float[] w = TestData.Values(12, 5).ToFloat();   // 4 prototypes × 3 features
        float[] gradient = Enumerable.Repeat(Sentinel, 12).ToArray();
        Span<int> rowsInGradient = System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(9, 2));
        rowsInGradient[0] = 1;
        rowsInGradient[1] = 2;
        float[] before = (float[])gradient.Clone();
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(2, 2, 3);

        var thrown = Assert.ThrowsAny<ArgumentException>(() => reference.ClassDiversityLossAt(
            w, System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(9, 2)), gradient, 1f));

        Assert.Equal("gradient", thrown.ParamName);
        Assert.Equal(before, gradient);
    }

    /// <summary>
    /// Three rows of 300 are past the stack scratch (512 elements), so the scratch is pooled and reused; three rows of
    /// 100 are on the stack, which this library does not zero (<c>SkipLocalsInit</c>). A full engine's call by row index
    /// runs first, leaving rows and gradient values in either scratch, then the partial engine's.
    /// </summary>
    [Theory]
    [InlineData(300)]
    [InlineData(100)]
    public void Rows_an_engine_leaves_unwritten_are_zero_after_a_call_by_row_index(int rowLength)
    {
        float[] w = TestData.Values(12 * rowLength, 3).ToFloat();
        int[] classRows = [0, 4, 8];   // rows apart: copied into scratch and back
        float[] gradient = new float[w.Length];
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(4, 3, rowLength);
        var partial = new FirstHalfOnly(rowLength);

        // Several times: what a scratch on the stack holds depends on the calls before.
        for (int repetition = 0; repetition < 3; repetition++)
        {
            Array.Clear(gradient);
            reference.ClassDiversityLossAt(w, classRows, gradient, 2f);
            Assert.Contains(gradient, v => v != 0);

            gradient.AsSpan().Fill(Sentinel);
            float term = partial.ClassDiversityLossAt(w, classRows, gradient, 2f);
            Assert.Equal(7f, term);
            for (int row = 0; row < 12; row++)
            {
                for (int f = 0; f < rowLength; f++)
                {
                    float expected = !classRows.Contains(row) ? Sentinel : f < rowLength / 2 ? 1f : 0f;
                    Assert.True(expected == gradient[row * rowLength + f], $"repetition {repetition}, row {row}, feature {f}: {gradient[row * rowLength + f]}, expected {expected}");
                }
            }
        }
    }

    /// <summary>
    /// Consecutive rows (class-major labels) are handed to the engine as they are, with no copies: the elements it leaves
    /// unwritten keep the caller's values, the bits its own call on the slices leaves.
    /// </summary>
    [Fact]
    public void Consecutive_rows_are_the_engines_own_call_on_the_slices()
    {
        float[] w = TestData.Values(12 * RowLength, 3).ToFloat();
        float[] gradient = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        float[] direct = Enumerable.Repeat(Sentinel, 3 * RowLength).ToArray();
        var engine = new FirstHalfOnly(RowLength);
        Assert.Equal(7f, engine.ClassDiversityLossAt(w, [3, 4, 5], gradient, 2f));
        Assert.Equal(7f, engine.ClassDiversityLoss(w.AsSpan(3 * RowLength, 3 * RowLength), direct, 2f));
        Assert.Equal(direct, gradient.AsSpan(3 * RowLength, 3 * RowLength).ToArray());
        Assert.Contains(Sentinel, direct);
        Assert.All(gradient.AsSpan(0, 3 * RowLength).ToArray(), v => Assert.Equal(Sentinel, v));
        Assert.All(gradient.AsSpan(6 * RowLength).ToArray(), v => Assert.Equal(Sentinel, v));
    }

    /// <summary>
    /// The base class checks σ itself before it calls the engine: an engine written outside this library need not, and
    /// must not be handed a bad σ with the caller's gradient rows to write.
    /// </summary>
    [Fact]
    public void A_bad_sigma_by_row_index_is_rejected_before_the_engine_is_called()
    {
        var engine = new FirstHalfOnly(RowLength);
        float[] w = TestData.Values(12 * RowLength, 3).ToFloat();
        float[] gradient = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        foreach (int[] classRows in new[] { new[] { 0, 4, 8 }, new[] { 3, 4, 5 } })   // rows apart, and a slice
        {
            foreach (float sigma in new[] { 0f, -1f, float.NaN, float.PositiveInfinity })
            {
                var ex = Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => engine.ClassDiversityLossAt(w, classRows, gradient, sigma)));
                Assert.Equal("sigmaDiv", ex.ParamName);
                Assert.Equal(sigma, ex.ActualValue);
                Assert.Equal("sigmaDiv", Assert.ThrowsAny<ArgumentException>(() => engine.ClassDiversityLossAt(w, classRows, sigma)).ParamName);
            }
        }

        Assert.Equal(0, engine.Calls);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));

        // The same engine is called with a good σ: the count above could have moved.
        engine.ClassDiversityLossAt(w, [3, 4, 5], gradient, 1f);
        engine.ClassDiversityLossAt(w, [3, 4, 5], 1f);
        Assert.Equal(2, engine.Calls);
    }

    /// <summary>An engine that writes the first half of each of a class's gradient rows and nothing else, and counts its calls.</summary>
    private sealed class FirstHalfOnly(int rowLength) : PrototypeRegularizer<float>(4, 3, rowLength, 1e-6)
    {
        public int Calls { get; private set; }

        public override RegularizerEngine Engine => RegularizerEngine.Reference;

        public override float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, float sigmaDiv) => throw new NotSupportedException();

        public override float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, Span<float> gradient, float sigmaDiv) => throw new NotSupportedException();

        public override float ClassDiversityLoss(ReadOnlySpan<float> classPrototypes, float sigmaDiv)
        {
            Calls++;
            return 7f;
        }

        public override float ClassDiversityLoss(ReadOnlySpan<float> classPrototypes, Span<float> classGradient, float sigmaDiv)
        {
            Calls++;
            for (int row = 0; row < classGradient.Length / Features; row++)
            {
                classGradient.Slice(row * Features, Features / 2).Fill(1f);
            }

            return 7f;
        }

        public override int SparseRelevanceProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float lr) => throw new NotSupportedException();

        public override int ElasticNetProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float l2Weight, float lr) => throw new NotSupportedException();
    }
}
