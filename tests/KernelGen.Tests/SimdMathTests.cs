using System.Runtime.Intrinsics;
using CsCheck;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>The kernels' vector exp(−x) over the whole range it is used on: x ≥ 0 (x = d/2σ²), up to underflow.</summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class SimdMathTests
{
    /// <summary>The C library's exp, within about half an ulp of exact, is the reference; the stated bound is 2 ulp of it.</summary>
    private static void AssertWithinTwoUlps(double x, double actual)
    {
        double expected = Math.Exp(-x);
        double ulp = Math.BitIncrement(expected) - expected;
        Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"exp(-{x:R}) = {actual:R}, Math.Exp {expected:R} ({Math.Abs(actual - expected) / ulp:F2} ulp)");
    }

    [Fact]
    public void NegExp_is_within_two_ulps_over_its_range()
    {
        Gen.Double[0, 708].Select(Gen.Double[0, 708], Gen.Double[0, 1], Gen.Double[0, 1e-6]).Sample((a, b, c, d) =>
        {
            Vector256<double> result = SimdMath.NegExp(Vector256.Create(a, b, c, d));
            AssertWithinTwoUlps(a, result[0]);
            AssertWithinTwoUlps(b, result[1]);
            AssertWithinTwoUlps(c, result[2]);
            AssertWithinTwoUlps(d, result[3]);
        }, iter: 50_000);
    }

    [Fact]
    public void NegExp_is_within_two_and_a_half_ulps_of_the_exact_value()
    {
        // Against a 256-bit reference (ExactMath), over the range the kernels use: d/2σ² from 0 to underflow.
        // 300 000 arguments gave 2.07 ulp at most; the stated bound is 2.5 (2 of Math.Exp, which is within 0.5).
        double worst = 0;
        Gen.OneOf(Gen.Double[0, 708], Gen.Double[0, 1], Gen.Double[0, 1e-6]).Sample(x =>
        {
            double actual = SimdMath.NegExp(Vector256.Create(x))[0];
            double error = ExactMath.NegExpErrorUlps(x, actual);
            worst = Math.Max(worst, error);
            Assert.True(error <= 2.5, $"exp(-{x:R}) = {actual:R} is {error:F3} ulp from exact");
        }, iter: 3_000);
        Assert.True(worst > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.34657359027997264)]   // ln 2 / 2: the edge of the reduction
    [InlineData(0.34657359027997270)]
    [InlineData(1.0)]
    [InlineData(707.9999)]
    [InlineData(708.0)]
    public void NegExp_is_accurate_at_the_edges(double x) => AssertWithinTwoUlps(x, SimdMath.NegExp(Vector256.Create(x))[0]);

    [Fact]
    public void NegExp_is_exactly_one_at_zero_zero_past_underflow_and_keeps_NaN()
    {
        Vector256<double> result = SimdMath.NegExp(Vector256.Create(0d, 708.5, double.PositiveInfinity, double.NaN));
        Assert.Equal(1d, result[0]);
        Assert.Equal(0d, result[1]);
        Assert.Equal(0d, result[2]);
        Assert.True(double.IsNaN(result[3]));
    }

    /// <summary>
    /// Past −708 the exp is exactly 0 (<see cref="SimdMath.NegExpZeroBelow"/>) though e^−708.39 is still a normal
    /// number: the cut decides, not the hardware's underflow, at four lanes, eight and in the in-place loop.
    /// </summary>
    [Theory]
    [InlineData(708.0000000000001)]
    [InlineData(708.1)]
    [InlineData(708.3)]
    [InlineData(708.39)]
    public void NegExp_is_exactly_zero_just_past_the_cut(double x)
    {
        Assert.True(-x < SimdMath.NegExpZeroBelow);
        Assert.Equal(0d, SimdMath.NegExp(Vector256.Create(x))[0]);
        Assert.Equal(0d, SimdMath.NegExp(Vector512.Create(x))[7]);
        double[] values = [x, x, x, x];
        SimdMath.NegExpInPlace(ref values[0], 4, 1d);
        Assert.All(values, v => Assert.Equal(0d, v));
    }

    [Fact]
    public void NegExp_at_eight_lanes_is_the_four_lane_exp_to_the_bit()
    {
        // The factorisations of five or more members take their exps eight at a time where 512-bit vectors are
        // accelerated (and as two halves where not); a lane must not depend on the width.
        Gen.OneOf(Gen.Double[0, 708], Gen.Double[0, 1], Gen.Double[0, 1e-6], Gen.Double[707, 720]).Array[8].Sample(x =>
        {
            Vector512<double> wide = SimdMath.NegExp(Vector512.Create(x));
            for (int half = 0; half < 2; half++)
            {
                Vector256<double> narrow = SimdMath.NegExp(Vector256.Create(x, 4 * half));
                for (int lane = 0; lane < 4; lane++)
                {
                    AssertSameBits(narrow[lane], wide[4 * half + lane], x[4 * half + lane]);
                }
            }
        }, iter: 20_000);

        Vector512<double> special = SimdMath.NegExp(Vector512.Create(0d, 708.5, double.PositiveInfinity, double.NaN, 1d, 708d, 0.5, 1e-300));
        Vector256<double> low = SimdMath.NegExp(Vector256.Create(0d, 708.5, double.PositiveInfinity, double.NaN));
        Vector256<double> high = SimdMath.NegExp(Vector256.Create(1d, 708d, 0.5, 1e-300));
        for (int lane = 0; lane < 4; lane++)
        {
            AssertSameBits(low[lane], special[lane], lane);
            AssertSameBits(high[lane], special[4 + lane], 4 + lane);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]    // an odd number of 8-lane steps: the last 4 at the narrow width
    [InlineData(40)]    // the factorisations' sizes: 10, 15, 21 and 28 pairs of 4 lanes
    [InlineData(60)]
    [InlineData(84)]
    [InlineData(112)]
    public void NegExpInPlace_overwrites_each_value_with_its_exp(int count)
    {
        Gen.Double[0, 400].Array[count].Select(Gen.Double[1e-3, 2]).Sample((values, scale) =>
        {
            double[] actual = [.. values];
            SimdMath.NegExpInPlace(ref actual[0], (nuint)count, scale);
            for (int i = 0; i < count; i += 4)
            {
                Vector256<double> expected = SimdMath.NegExp(Vector256.Create(values, i) * scale);
                for (int lane = 0; lane < 4; lane++)
                {
                    AssertSameBits(expected[lane], actual[i + lane], values[i + lane]);
                }
            }
        }, iter: 500);
    }

    private static void AssertSameBits(double expected, double actual, double x) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"exp(-{x:R}): {actual:R} against {expected:R} at four lanes");
}
