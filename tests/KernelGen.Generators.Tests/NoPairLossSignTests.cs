using KernelGen.Compiler;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// semantics.md: classes with zero or one prototype contribute exactly 0, so a call where no class has a pair returns 0:
/// +0, the bits the reference returns (its <c>T.Zero</c>) and the serial kernels return (<c>0 − Σ log det</c>). The
/// parallel kernels reach their chunk sum even then, so their sign is checked here on every engine and shape.
/// </summary>
public class NoPairLossSignTests
{
    [Theory]
    [MemberData(nameof(ClassKernelEngines.FloatShapes), MemberType = typeof(ClassKernelEngines))]
    public void Float_loss_is_positive_zero_when_no_class_has_a_pair(string shape) =>
        LossIsPositiveZero(ClassKernelEngines.Float(shape), v => BitConverter.SingleToInt32Bits(v));

    [Theory]
    [MemberData(nameof(ClassKernelEngines.DoubleShapes), MemberType = typeof(ClassKernelEngines))]
    public void Double_loss_is_positive_zero_when_no_class_has_a_pair(string shape) =>
        LossIsPositiveZero(ClassKernelEngines.Double(shape), v => BitConverter.DoubleToInt64Bits(v));

    private static void LossIsPositiveZero<T>(PrototypeRegularizer<T> k, Func<T, long> bits)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        // One member in each class, in reverse class order (not class-major), and the empty call.
        int[] labels = [.. Enumerable.Range(0, k.NClasses).Reverse()];
        T[] w = [.. TestData.Values(labels.Length * k.Features, 41, 0.5).Select(T.CreateTruncating)];
        T[] gradient = [.. Enumerable.Repeat(T.NaN, w.Length)];

        Assert.Equal(0L, bits(k.PrototypeDiversityLoss(w, labels, T.CreateTruncating(2.5))));
        Assert.Equal(0L, bits(k.PrototypeDiversityLoss(w, labels, gradient, T.CreateTruncating(2.5))));
        Assert.All(gradient, g => Assert.Equal(0L, bits(g)));
        Assert.Equal(0L, bits(k.PrototypeDiversityLoss(ReadOnlySpan<T>.Empty, ReadOnlySpan<int>.Empty, T.One)));
        Assert.Equal(0L, bits(k.PrototypeDiversityLoss(ReadOnlySpan<T>.Empty, ReadOnlySpan<int>.Empty, Span<T>.Empty, T.One)));
    }

    /// <summary>
    /// A class whose determinant is exactly 1 (far-apart members, ε = 1e-30, so 1 + ε is 1) has the term +0, as
    /// 0 − log 1 is, on every engine: through the lone class's one log per pivot (up to 4 members) and a parallel shape's
    /// cores (more).
    /// </summary>
    [Fact]
    public void A_class_term_is_positive_zero_where_its_determinant_is_exactly_one()
    {
        // The tiny-ε shape on every engine (up to 4 members: the lone class), and a parallel shape of 8.
        IEnumerable<PrototypeRegularizer<double>> engines = Engines.Of("2x4x8d-tiny-epsilon").Select(ClassKernelEngines.Double)
            .Append(KernelCompiler.Compile<double>(1000, 8, 8, 1e-30, parallel: true));
        foreach (PrototypeRegularizer<double> k in engines)
        {
            // Two members 1000 apart in every feature: the entry is exp(−4·10⁶) = 0.
            double[] w = [.. Enumerable.Repeat(0.0, k.Features), .. Enumerable.Repeat(1000.0, k.Features)];
            double[] gradient = new double[w.Length];
            Assert.True(0L == BitConverter.DoubleToInt64Bits(k.ClassDiversityLoss(w, 1.0)), $"{k}: {k.ClassDiversityLoss(w, 1.0):R}");
            Assert.True(0L == BitConverter.DoubleToInt64Bits(k.ClassDiversityLoss(w, gradient, 1.0)), $"{k}: {k.ClassDiversityLoss(w, gradient, 1.0):R} with the gradient");
            Assert.True(0L == BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, [0, 0], 1.0)), $"{k}: the full call {k.PrototypeDiversityLoss(w, [0, 0], 1.0):R}");
            Assert.True(0L == BitConverter.DoubleToInt64Bits(k.PrototypeDiversityLoss(w, [0, 0], gradient, 1.0)), $"{k}: the full call {k.PrototypeDiversityLoss(w, [0, 0], gradient, 1.0):R} with the gradient");
        }

        // The reference's chunked full call: 1000 such classes, enough work to split.
        PrototypeRegularizer<double> chunked = Regularizers.Create<double>(1000, 8, 512, 1e-30, parallel: true);
        double[] all = [.. Enumerable.Range(0, 2000).SelectMany(i => Enumerable.Repeat(i % 2 * 1000.0, chunked.Features))];
        int[] labels = [.. Enumerable.Range(0, 2000).Select(i => i / 2)];
        Assert.True(0L == BitConverter.DoubleToInt64Bits(chunked.PrototypeDiversityLoss(all, labels, 1.0)), $"{chunked}: {chunked.PrototypeDiversityLoss(all, labels, 1.0):R}");
    }

    /// <summary>
    /// The same for every class size a lone class takes in scalars, at an ε so small (1e-60) that each of those sizes
    /// takes one log per pivot: a term of +0 for every class of 2 to m members whose entries are all 0, on the compiled
    /// and reference engines.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_class_term_is_positive_zero_where_its_determinant_is_exactly_one_at_every_lone_class_size(int m)
    {
        PrototypeRegularizer<double>[] engines = [KernelCompiler.Compile<double>(2, m, 8, 1e-60), Regularizers.Create<double>(2, m, 8, 1e-60)];
        foreach (PrototypeRegularizer<double> k in engines)
        {
            for (int n = 2; n <= m; n++)
            {
                // Members 1000 apart in every feature: every entry is 0, and 1 + ε is 1.
                double[] w = [.. Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(1000.0 * i, k.Features))];
                double[] gradient = new double[w.Length];
                Assert.True(0L == BitConverter.DoubleToInt64Bits(k.ClassDiversityLoss(w, 1.0)), $"{k}, n = {n}: {k.ClassDiversityLoss(w, 1.0):R}");
                Assert.True(0L == BitConverter.DoubleToInt64Bits(k.ClassDiversityLoss(w, gradient, 1.0)), $"{k}, n = {n}: {k.ClassDiversityLoss(w, gradient, 1.0):R} with the gradient");
                Assert.All(gradient, g => Assert.Equal(0.0, g));
            }
        }
    }
}
