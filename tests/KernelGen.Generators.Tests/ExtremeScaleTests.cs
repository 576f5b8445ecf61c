using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// semantics.md, "Non-finite coordinates": what overflow and underflow inside the computation give, where the text
/// names a threshold or a result, on every engine and shape with classes of two or more, full call and class kernel.
/// One class of two members, so the expected term is −log((1 + ε)² − k²) with k the pair's kernel entry, worked out in
/// double here.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class ExtremeScaleTests
{
    public static TheoryData<string> FloatPairShapes() => new(Engines.Float().Where(e => e.MaxPerClass >= 2).Select(e => e.Shape));

    public static TheoryData<string> DoublePairShapes() => new(Engines.Double().Where(e => e.MaxPerClass >= 2).Select(e => e.Shape));

    /// <summary>
    /// A coinciding pair's gradient coefficient is (2/σ²)/((1 + ε)² − 1), about 1/(ε·σ²): its rows are 0 · c, which is 0
    /// while c is a finite float and NaN once c overflows. Half and twice the σ where c reaches float's largest value.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatPairShapes))]
    public void A_coinciding_float_pair_has_NaN_rows_once_its_coefficient_overflows(string shape)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        double jitter = (1 + k.Epsilon) * (1 + k.Epsilon) - 1;
        double threshold = Math.Sqrt(2 / (jitter * float.MaxValue));
        float[] w = new float[2 * k.Features];
        double expected = -Math.Log(jitter);

        float[] g = Fill(w.Length);
        float loss = k.LossAndGradient(w, [0, 0], g, (float)(threshold / 2));
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, $"{shape}, σ below");
        Assert.All(g, x => Assert.True(float.IsNaN(x), $"{shape}, σ below: {x}"));
        ClassKernelAgrees(ClassKernelEngines.Float(shape), w, g, loss, (float)(threshold / 2));

        g = Fill(w.Length);
        loss = k.LossAndGradient(w, [0, 0], g, (float)(threshold * 2));
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, $"{shape}, σ above");
        Assert.All(g, x => Assert.Equal(0f, x));
        ClassKernelAgrees(ClassKernelEngines.Float(shape), w, g, loss, (float)(threshold * 2));
    }

    /// <summary>
    /// Members 100σ apart at a σ (1e-18) where a coinciding pair's rows would be NaN: their kernel entry underflows, so
    /// their coefficient is 0 and their rows are zeros, whatever σ; the term is that of two distant members.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatPairShapes))]
    public void Distant_float_members_keep_zero_rows_at_a_sigma_that_overflows_a_coinciding_pair(string shape)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        const float sigma = 1e-18f;
        float[] w = new float[2 * k.Features];
        w[k.Features] = 100 * sigma;
        float[] g = Fill(w.Length);
        float loss = k.LossAndGradient(w, [0, 0], g, sigma);
        GoldenTolerance.AssertLoss(isFloat: true, -2 * Math.Log(1 + k.Epsilon), loss, shape);
        Assert.All(g, x => Assert.Equal(0f, x));
        ClassKernelAgrees(ClassKernelEngines.Float(shape), w, g, loss, sigma);
    }

    /// <summary>
    /// Below σ ≈ 1.05e-154, 2/σ² is +∞ in double: every coefficient of the class is ∞ · k, NaN for distant members
    /// (k = 0), so every row is NaN whatever the distances; the loss does not use 2/σ² and stays right. At 1e-153 the
    /// same members have zero rows.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoublePairShapes))]
    public void Double_rows_are_NaN_where_two_over_sigma_squared_overflows(string shape)
    {
        var k = Engines.Double().Single(e => e.Shape == shape);
        double expected = -2 * Math.Log(1 + k.Epsilon);
        foreach ((double sigma, bool nan) in new[] { (1e-154, true), (1e-153, false) })
        {
            double[] w = new double[2 * k.Features];
            w[k.Features] = 100 * sigma;   // squared: 1e-304 or 1e-302, normal doubles
            double[] g = Enumerable.Repeat(-1d, w.Length).ToArray();
            double loss = k.LossAndGradient(w, [0, 0], g, sigma);
            GoldenTolerance.AssertLoss(isFloat: false, expected, loss, $"{shape}, σ {sigma}");
            Assert.All(g, x => Assert.True(nan ? double.IsNaN(x) : x == 0, $"{shape}, σ {sigma}: {x}"));
            ClassKernelAgrees(ClassKernelEngines.Double(shape), w, g, loss, sigma);
        }
    }

    /// <summary>
    /// Below σ ≈ 5.3e-155, 1/(2σ²) is +∞ too: a coinciding pair's d · 1/(2σ²) is 0 · ∞, so its term is NaN, and a pair σ/10
    /// apart gets the kernel entry e^−∞ = 0 where it is about 0.995, so the term of two distant members.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoublePairShapes))]
    public void Double_kernel_entries_fail_where_one_over_two_sigma_squared_overflows(string shape)
    {
        var k = Engines.Double().Single(e => e.Shape == shape);
        const double sigma = 5e-155;
        double[] w = new double[2 * k.Features];
        Assert.True(double.IsNaN(k.Loss(w, [0, 0], sigma)), shape);
        Assert.True(double.IsNaN(ClassKernelEngines.Double(shape).ClassDiversityLoss(w, sigma)), shape);

        w[k.Features] = sigma / 10;
        GoldenTolerance.AssertLoss(isFloat: false, -2 * Math.Log(1 + k.Epsilon), k.Loss(w, [0, 0], sigma), shape);
        GoldenTolerance.AssertLoss(isFloat: false, -2 * Math.Log(1 + k.Epsilon), ClassKernelEngines.Double(shape).ClassDiversityLoss(w, sigma), shape);
    }

    /// <summary>
    /// The scalar code sums a float row's squares in double: members 2.4e19 apart (a squared distance past float's
    /// range) with σ = 1e19 keep their kernel entry e^−2.88 in a shape whose rows are shorter than any vector, on every
    /// engine.
    /// </summary>
    [Theory]
    [InlineData("2x2x2f")]
    [InlineData("reference 2x2x2f")]
    [InlineData("compiled 2x2x2f")]
    public void The_scalar_code_keeps_a_float_squared_distance_past_float_range(string shape)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        float[] w = [1.2e19f, 0, -1.2e19f, 0];
        double d = 2.4e19 * 2.4e19, sigma = 1e19;
        double entry = Math.Exp(-d / (2 * sigma * sigma));
        double expected = -Math.Log((1 + k.Epsilon) * (1 + k.Epsilon) - entry * entry);
        GoldenTolerance.AssertLoss(isFloat: true, expected, k.Loss(w, [0, 0], (float)sigma), shape);
        GoldenTolerance.AssertLoss(isFloat: true, expected, ClassKernelEngines.Float(shape).ClassDiversityLoss(w, (float)sigma), shape);
        Assert.True(expected > 0.003, $"{expected}");   // not the distant pair's −2ε
    }

    private static float[] Fill(int length) => Enumerable.Repeat(-1f, length).ToArray();

    /// <summary>
    /// The class kernel of the same engine on the class's two rows: the full call's rows (NaN where they are NaN, the
    /// same bits elsewhere) and a term within the loss tolerance of the full call's loss, which is that class's alone.
    /// </summary>
    private static void ClassKernelAgrees<T>(PrototypeRegularizer<T> engine, T[] w, T[] fullRows, T loss, T sigma)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] rows = new T[w.Length];
        T term = engine.ClassDiversityLoss(w, rows, sigma);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(T.IsNaN(fullRows[i]) ? T.IsNaN(rows[i]) : ClassKernelTests.Bit(rows[i]) == ClassKernelTests.Bit(fullRows[i]),
                $"{engine}: row value {i} is {rows[i]}, the full call's {fullRows[i]}");
        }

        GoldenTolerance.AssertLoss(typeof(T) == typeof(float), double.CreateTruncating(loss), double.CreateTruncating(term), $"{engine}: term");
    }
}
