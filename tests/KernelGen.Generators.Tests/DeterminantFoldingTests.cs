using KernelGen.Compiler;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Where ε is small enough that one block's determinants could underflow a running product, the unrolled kernels take
/// one log per pivot. Tested on inputs whose determinants are known exactly: members that coincide in clusters, and
/// clusters so far apart that their kernel entries are exactly 0, so det(K + εI) = Π over clusters (s + ε)·ε^(s − 1).
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class DeterminantFoldingTests
{
    // Cluster sizes per class: the first block's product stays just above the fold threshold (about 1e-97), and the
    // second block's four collapsed classes bring about 1e-276 on top of it, far below the smallest double.
    private static readonly int[][] s_clusters =
    [
        [2, 2, 1, 1, 1, 1], [2, 2, 1, 1, 1, 1], [2, 2, 2, 1, 1], [2, 2, 2, 1, 1],
        [8], [8], [8], [8],
    ];

    public static TheoryData<string> SmallEpsilonEngines() => new(Engines.Of("8x8x8d-small-epsilon"));

    [Theory]
    [MemberData(nameof(SmallEpsilonEngines))]
    public void Collapsed_blocks_after_a_small_product_give_the_exact_loss(string engine) =>
        CheckCollapsedBlocks(ClassKernelEngines.Double(engine), engine, s_clusters);

    /// <summary>
    /// Eight collapsed classes at the default ε, where the kernels keep a running product of the determinants and fold
    /// it into the log below 1e-100: each block's product is about 4e-165, and two of them unfolded underflow.
    /// </summary>
    [Fact]
    public void Collapsed_blocks_on_the_running_product_give_the_exact_loss()
    {
        int[][] collapsed = [.. Enumerable.Repeat<int[]>([8], 8)];
        CheckCollapsedBlocks(KernelCompiler.Compile<double>(8, 8, 8), "compiled 8 × 8 × 8", collapsed);
        CheckCollapsedBlocks(Regularizers.Create<double>(8, 8, 8), "reference 8 × 8 × 8", collapsed);
    }

    private static void CheckCollapsedBlocks(PrototypeRegularizer<double> k, string engine, int[][] clusters)
    {
        int f = k.Features;
        double epsilon = k.Epsilon;
        var w = new List<double>();
        var labels = new List<int>();
        double exact = 0;
        int tinyPivots = 0;
        for (int c = 0; c < clusters.Length; c++)
        {
            for (int cluster = 0; cluster < clusters[c].Length; cluster++)
            {
                int size = clusters[c][cluster];
                exact -= Math.Log(size + epsilon) + (size - 1) * Math.Log(epsilon);
                tinyPivots += size - 1;
                for (int member = 0; member < size; member++)
                {
                    // Cluster centres 100 along different axes, 100√2 apart: exp(−20000 / 2) is exactly 0.
                    w.AddRange(Enumerable.Range(0, f).Select(i => i == cluster ? 100.0 : 0.0));
                    labels.Add(c);
                }
            }
        }

        // A pivot of size about ε is 1 + ε less up to 7 products near 1, so it carries at most 8 roundings of numbers
        // near 1 (2⁻⁵³ each): a relative error of up to 8·2⁻⁵³/ε, which is the absolute error of its log. One such
        // pivot per member beyond the first in each cluster; the other pivots are near 1 and their logs near exact.
        double tolerance = tinyPivots * 8 * Math.Pow(2, -53) / epsilon;
        double loss = k.PrototypeDiversityLoss(w.ToArray(), labels.ToArray(), 1.0);
        double[] gradient = new double[w.Count];
        double lossWithGradient = k.PrototypeDiversityLoss(w.ToArray(), labels.ToArray(), gradient, 1.0);
        Assert.True(Math.Abs(loss - exact) <= tolerance, $"{engine}: {loss} against {exact} (tolerance {tolerance}).");
        Assert.True(Math.Abs(lossWithGradient - exact) <= tolerance, $"{engine}: {lossWithGradient} against {exact} (tolerance {tolerance}).");
        // Members of a cluster coincide and clusters do not interact: every row is exactly 0.
        Assert.All(gradient, g => Assert.Equal(0d, g));
    }

    /// <summary>
    /// Where ε is large, every determinant can exceed 1 (up to (1 + ε)^m), and a product over many classes would overflow
    /// unless folded: classes of far-apart members have det = (1 + ε)^m exactly, so 600 classes of two at ε = 1 multiply to
    /// 4⁶⁰⁰, far above the largest double. The loss must still be −P·log(1 + ε) on every engine, serial and parallel,
    /// alone and as the sum of the class terms; at ε = 1e30 the kernels take one log per pivot.
    /// </summary>
    [Theory]
    [InlineData(600, 2, 1.0)]
    [InlineData(2000, 8, 0.1)]
    [InlineData(400, 2, 1e20)]   // blocks of 1e160: a running product, folded above 1e100 before it overflows
    [InlineData(40, 2, 1e30)]
    public void Determinants_above_one_over_many_classes_give_the_exact_loss(int nClasses, int maxPerClass, double epsilon)
    {
        PrototypeRegularizer<double>[] engines =
        [
            KernelCompiler.Compile<double>(nClasses, maxPerClass, 1, epsilon),
            KernelCompiler.Compile<double>(nClasses, maxPerClass, 1, epsilon, parallel: true),
            Regularizers.Create<double>(nClasses, maxPerClass, 1, epsilon),
        ];
        Assert.True(engines[0].IsCompiled && engines[1].IsCompiled);
        int p = nClasses * maxPerClass;
        double[] w = [.. Enumerable.Range(0, p).Select(i => 100.0 * i)];   // kernel entries exactly 0
        int[] labels = [.. Enumerable.Range(0, p).Select(i => i / maxPerClass)];
        double exact = -p * Math.Log(1 + epsilon);
        double tolerance = 1e-12 * Math.Abs(exact);
        foreach (PrototypeRegularizer<double> k in engines)
        {
            double[] gradient = new double[p];
            double loss = k.PrototypeDiversityLoss(w, labels, 1.0);
            Assert.True(Math.Abs(loss - exact) <= tolerance, $"{k}: {loss} against {exact}.");
            loss = k.PrototypeDiversityLoss(w, labels, gradient, 1.0);
            Assert.True(Math.Abs(loss - exact) <= tolerance, $"{k} with the gradient: {loss} against {exact}.");
            Assert.All(gradient, g => Assert.Equal(0d, g));
            double sum = 0;
            for (int c = 0; c < nClasses; c++) sum += k.ClassDiversityLoss(w.AsSpan(c * maxPerClass, maxPerClass), 1.0);
            Assert.True(Math.Abs(sum - exact) <= tolerance, $"{k}, Σ of the class terms: {sum} against {exact}.");
        }
    }

    /// <summary>
    /// Small classes in more than one block factorise from the kernel entries of the group's exp pass; at ε = 1e-60 they
    /// take one log per pivot there. The collapsed inputs above have entries of 0 or 1 only; here the members are apart
    /// but not far, so every entry is strictly between, and the loss and rows must be the reference's (the golden
    /// tolerances) on five classes, a full block and one more.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Small_classes_in_several_blocks_at_a_small_epsilon_match_the_reference(int m)
    {
        Check(KernelCompiler.Compile<double>(5, m, 6, 1e-60), Regularizers.Create<double>(5, m, 6, 1e-60), v => v);
        Check(KernelCompiler.Compile<float>(5, m, 6, 1e-60), Regularizers.Create<float>(5, m, 6, 1e-60), v => v.ToFloat());

        static void Check<T>(PrototypeRegularizer<T> compiled, PrototypeRegularizer<T> reference, Func<double[], T[]> convert)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            bool isFloat = typeof(T) == typeof(float);
            int[] labels = TestData.ClassMajorLabels(compiled.NClasses, compiled.MaxPerClass);
            T[] w = convert(TestData.Values(labels.Length * compiled.Features, 7, 0.5));
            T[] gradient = new T[w.Length], referenceGradient = new T[w.Length];
            double expected = double.CreateTruncating(reference.PrototypeDiversityLoss(w, labels, referenceGradient, T.One));
            double loss = double.CreateTruncating(compiled.PrototypeDiversityLoss(w, labels, gradient, T.One));
            string name = $"{compiled}, ε 1e-60";
            GoldenTolerance.AssertLoss(isFloat, expected, loss, name);
            GoldenTolerance.AssertLoss(isFloat, expected, double.CreateTruncating(compiled.PrototypeDiversityLoss(w, labels, T.One)), name + ", the loss alone");
            GoldenTolerance.AssertGradient(isFloat, [.. referenceGradient.Select(double.CreateTruncating)], [.. gradient.Select(double.CreateTruncating)], name);
            // Rows of this size: a tolerance's absolute term does not decide the comparison.
            Assert.True(referenceGradient.Max(g => Math.Abs(double.CreateTruncating(g))) > 0.1, $"{name}: rows too small to compare");
        }
    }
}
