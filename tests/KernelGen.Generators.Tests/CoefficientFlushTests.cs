namespace KernelGen.Generators.Tests;

/// <summary>
/// semantics.md: a gradient coefficient below the flush bound is zero, on the unrolled and the loop paths alike. Members
/// so far apart that each kernel entry is about e⁻⁴² (a coefficient goes with an entry's square: about 1e-37, a normal
/// float) give rows of exact zeros from every engine, where unflushed coefficients leave such values. Shapes of one
/// member per class have no pair, so zero rows whatever the flush: they are left out.
/// </summary>
public class CoefficientFlushTests
{
    public static TheoryData<string> Shapes() => [.. Engines.Float().Where(k => k.MaxPerClass >= 2).Select(k => k.Shape)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Coefficients_below_the_flush_bound_leave_rows_of_zeros(string shape)
    {
        Kernels<float> k = Engines.Float().Single(e => e.Shape == shape);
        int count = k.NClasses * k.MaxPerClass;
        int[] labels = Enumerable.Range(0, count).Select(i => i / k.MaxPerClass).ToArray();

        // Member j of every class at j·δ in every feature: neighbours at squared distance F·δ² = 85, so with σ = 1 the
        // entry is e⁻⁴²·⁵ ≈ 3.5e-19 and its coefficient about 2·e⁻⁸⁵ ≈ 2e-37, below the bound 1e-30 and above float's
        // smallest normal; farther pairs are smaller still.
        float delta = MathF.Sqrt(85f / k.Features);
        float[] w = new float[count * k.Features];
        for (int i = 0; i < count; i++) w.AsSpan(i * k.Features, k.Features).Fill(i % k.MaxPerClass * delta);
        float[] g = Enumerable.Repeat(1f, w.Length).ToArray();

        float loss = k.LossAndGradient(w, labels, g, 1f);

        Assert.True(float.IsFinite(loss), $"{shape}: loss {loss}");
        int nonZero = Array.FindIndex(g, v => v != 0);
        Assert.True(nonZero < 0, $"{shape}: gradient[{nonZero}] = {(nonZero < 0 ? 0 : g[nonZero]):R}, not 0");
    }
}
