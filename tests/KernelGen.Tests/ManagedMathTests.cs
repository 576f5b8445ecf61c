using CsCheck;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>The managed logarithm the kernels use instead of the C library's agrees with Math.Log within one ulp.</summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class ManagedMathTests
{
    [Fact]
    public void Log_agrees_with_Math_Log_within_one_ulp()
    {
        // Exponents across the whole normal range, mantissas anywhere.
        Gen.Select(Gen.Double[1, 2], Gen.Int[-1020, 1020]).Sample(t =>
        {
            double x = Math.ScaleB(t.Item1, t.Item2);
            double expected = Math.Log(x), actual = ManagedMath.Log(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= ulp, $"log({x:R}) = {actual:R}, Math.Log {expected:R}");
        }, iter: 100_000);
    }

    [Fact]
    public void Log_is_within_one_and_a_half_ulps_of_the_exact_value()
    {
        // Against a 256-bit reference (ExactMath), not another libm: the whole normal range, and the two regions
        // the kernels use most (determinant products in (1e-100, 1], and near 1 where the series takes over).
        // 300 000 arguments gave 1.13 ulp at most; the stated bound is 1.5.
        double worst = 0;
        Gen.OneOf(
                Gen.Select(Gen.Double[1, 2], Gen.Int[-1020, 1020]).Select(t => Math.ScaleB(t.Item1, t.Item2)),
                Gen.Double[1e-100, 1],
                Gen.Double[1 - 1.0 / 32, 1 + 1.0 / 32],
                Gen.Double[1 - 1.0 / 1024, 1 + 1.0 / 1024])
            .Sample(x =>
            {
                double error = ExactMath.LogErrorUlps(x, ManagedMath.Log(x));
                worst = Math.Max(worst, error);
                Assert.True(error <= 1.5, $"log({x:R}) = {ManagedMath.Log(x):R} is {error:F3} ulp from exact");
            }, iter: 3_000);
        Assert.True(worst > 0);   // the reference resolves sub-ulp differences at all
    }

    [Fact]
    public void Log_near_one_agrees_with_Math_Log_within_one_ulp()
    {
        // |x − 1| < 2⁻⁵ takes the log1p series, its short form below 2⁻¹⁰: results down to about 1e-16 in magnitude,
        // where ulps are tiny.
        Gen.OneOf(Gen.Double[1 - 1.0 / 32, 1 + 1.0 / 32], Gen.Double[1 - 1.0 / 1024, 1 + 1.0 / 1024]).Sample(x =>
        {
            double expected = Math.Log(x), actual = ManagedMath.Log(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= ulp, $"log({x:R}) = {actual:R}, Math.Log {expected:R}");
        }, iter: 100_000);
        Assert.Equal(0d, ManagedMath.Log(1d));
        Assert.Equal(Math.Log(Math.BitDecrement(1d)), ManagedMath.Log(Math.BitDecrement(1d)));
        Assert.Equal(Math.Log(Math.BitIncrement(1d)), ManagedMath.Log(Math.BitIncrement(1d)));
    }

    [Fact]
    public void Log_of_subnormals_agrees_with_Math_Log_within_one_ulp()
    {
        // Handled in managed code (scaled by 2⁵⁴), not by a call: every subnormal magnitude, mantissas anywhere.
        Gen.Select(Gen.Double[1, 2], Gen.Int[-1074, -1023]).Sample(t =>
        {
            double x = Math.ScaleB(t.Item1, t.Item2);
            double expected = Math.Log(x), actual = ManagedMath.Log(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= ulp, $"log({x:R}) = {actual:R}, Math.Log {expected:R}");
        }, iter: 20_000);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.0000000001)]
    [InlineData(0.9999999999)]
    [InlineData(1.4142135623730951)]
    [InlineData(0.7071067811865476)]
    [InlineData(1e-300)]
    [InlineData(double.Epsilon)]                 // the smallest subnormal
    [InlineData(2.2250738585072009E-308)]        // the largest subnormal
    [InlineData(0.96875)]                        // near 1, where the result is small
    [InlineData(1.03125)]
    [InlineData(1.06)]                           // just past the series' window, where a longer window would lose ulps
    [InlineData(1.0624999999999998)]
    [InlineData(0.94)]
    [InlineData(0.93750000000000011)]
    [InlineData(0.9990234375)]                   // 1 ∓ 2⁻¹⁰: the short series' edges, and just inside them
    [InlineData(0.99902343750000011)]
    [InlineData(1.0009765625)]
    [InlineData(1.0009765624999998)]
    [InlineData(0.5)]                            // powers of two: the mantissa is exactly 1
    [InlineData(1024.0)]
    [InlineData(1.7e308)]
    public void Log_is_accurate_at_the_edges_of_its_reduction(double x)
    {
        double expected = Math.Log(x);
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        Assert.True(Math.Abs(ManagedMath.Log(x) - expected) <= ulp, $"{ManagedMath.Log(x):R} vs {expected:R}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Special_arguments_behave_as_Math_Log(double x) => Assert.Equal(Math.Log(x), ManagedMath.Log(x));

    [Fact]
    public void NegativeLog_is_zero_minus_Log_to_the_bit()
    {
        // The kernels end the loss with NegativeLog instead of 0 − Log: the negation carried into the last operations
        // must round exactly as the subtraction after them. Every exponent, subnormals included, and the near-one series.
        Gen.OneOf(
                Gen.Select(Gen.Double[1, 2], Gen.Int[-1074, 1023]).Select(t => Math.ScaleB(t.Item1, t.Item2)),
                Gen.Double[1 - 1.0 / 32, 1 + 1.0 / 32],
                Gen.Double[1 - 1.0 / 1024, 1 + 1.0 / 1024])
            .Sample(x => AssertNegativeLogBits(x), iter: 100_000);
        AssertNegativeLogBits(-0.0);   // not an InlineData: xunit takes it for a duplicate of 0.0
    }

    [Theory]
    [InlineData(1.0)]                            // +0, as 0 − log 1 is, not −0
    [InlineData(0.99999999999999989)]            // the neighbours of 1
    [InlineData(1.0000000000000002)]
    [InlineData(0.96875)]                        // 1 − 2⁻⁵: the series' lower edge
    [InlineData(0.96874999999999989)]            // just below it: the main path
    [InlineData(1.03125)]                        // 1 + 2⁻⁵: the main path
    [InlineData(1.0312499999999998)]             // just below it: the series
    [InlineData(0.9990234375)]                   // 1 ∓ 2⁻¹⁰: the series' long form; just inside, its short form
    [InlineData(0.99902343750000011)]
    [InlineData(1.0009765625)]
    [InlineData(1.0009765624999998)]
    [InlineData(1.4142135623730951)]             // √2, where the mantissa is halved
    [InlineData(0.5)]
    [InlineData(1e-100)]
    [InlineData(double.Epsilon)]
    [InlineData(1.7e308)]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void NegativeLog_is_zero_minus_Log_at_the_edges(double x) => AssertNegativeLogBits(x);

    private static void AssertNegativeLogBits(double x)
    {
        double expected = 0d - ManagedMath.Log(x), actual = ManagedMath.NegativeLog(x);
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"−log({x:R}) = {actual:R}, expected NaN");
            return;
        }

        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"−log({x:R}) = {actual:R}, 0 − log = {expected:R}");
    }
}
