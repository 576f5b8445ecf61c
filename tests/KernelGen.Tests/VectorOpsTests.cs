using System.Numerics;
using System.Runtime.Intrinsics;
using CsCheck;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The vector widths' operations whose contract is more than their name: the fused negated multiply-add equals the
/// multiply-add of the negated coefficient to the bit (the gradient rows use one where they used the other, and the
/// kernels' results must not move); the clamp is a clamp for any bounds, and the symmetric clamp the prox uses (one
/// VRANGE with AVX-512DQ) is its bits for ±bound, but for NaN, whose clamp the prox subtracts from NaN.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class VectorOpsTests
{
    [Fact]
    public void MultiplyAddNegated_is_MultiplyAdd_of_the_negated_coefficient_at_every_width()
    {
        // Magnitudes where a·b and c are comparable, so fusing and rounding both show in the last bits.
        Gen.Select(Gen.Double[-4, 4], Gen.Double[-4, 4], Gen.Double[-16, 16]).Sample(t =>
        {
            var (a, b, c) = t;
            Check<Vector512Ops<float>, Vector512<float>, float>(Vector512.Create((float)a), Vector512.Create((float)b), Vector512.Create((float)c));
            Check<Vector512Ops<double>, Vector512<double>, double>(Vector512.Create(a), Vector512.Create(b), Vector512.Create(c));
            Check<Vector256Ops<float>, Vector256<float>, float>(Vector256.Create((float)a), Vector256.Create((float)b), Vector256.Create((float)c));
            Check<Vector256Ops<double>, Vector256<double>, double>(Vector256.Create(a), Vector256.Create(b), Vector256.Create(c));
            Check<Vector128Ops<float>, Vector128<float>, float>(Vector128.Create((float)a), Vector128.Create((float)b), Vector128.Create((float)c));
            Check<Vector128Ops<double>, Vector128<double>, double>(Vector128.Create(a), Vector128.Create(b), Vector128.Create(c));
            Check<ScalarOps<double>, double, double>(a, b, c);
        }, iter: 20_000);
    }

    [Fact]
    public void MultiplyAddNegated_computes_c_minus_a_times_b()
    {
        // 3 − 2·5 = −7 exactly at every width (and not −(2·5 + 3) = −13).
        Assert.Equal(Vector512.Create(-7f), Vector512Ops<float>.MultiplyAddNegated(Vector512.Create(2f), Vector512.Create(5f), Vector512.Create(3f)));
        Assert.Equal(Vector256.Create(-7d), Vector256Ops<double>.MultiplyAddNegated(Vector256.Create(2d), Vector256.Create(5d), Vector256.Create(3d)));
        Assert.Equal(Vector128.Create(-7f), Vector128Ops<float>.MultiplyAddNegated(Vector128.Create(2f), Vector128.Create(5f), Vector128.Create(3f)));
        Assert.Equal(-7d, ScalarOps<float>.MultiplyAddNegated(2d, 5d, 3d));
    }

    [Theory]
    [InlineData(0.5, 1, 2, 1)]
    [InlineData(3, 1, 2, 2)]
    [InlineData(1.5, 1, 2, 1.5)]
    [InlineData(-5, -4, -1, -4)]
    [InlineData(-0.5, -4, -1, -1)]
    [InlineData(-0d, -1, 1, -0d)]
    [InlineData(double.NegativeInfinity, 1, 2, 1)]
    [InlineData(double.NaN, 1, 2, double.NaN)]
    public void Clamp_is_the_clamp_for_any_bounds_at_every_width(double x, double low, double high, double expected)
    {
        foreach (var (width, value) in ClampAtEveryWidth(x, low, high, symmetric: false))
        {
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(expected), $"{width}: clamp({x}, {low}, {high}) = {value}, expected {expected}");
        }
    }

    [Fact]
    public void ClampSymmetric_is_Clamp_to_minus_and_plus_the_bound_to_the_bit_at_every_width()
    {
        double[] special = [0d, -0d, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-45, -1e-45, 3.5, -3.5];
        Gen.Select(Gen.OneOf(Gen.Double[-8, 8], Gen.OneOfConst(special)), Gen.OneOf(Gen.Double[0, 8], Gen.OneOfConst(0d, double.PositiveInfinity, 3.5))).Sample(t =>
        {
            var (x, bound) = t;
            var clamped = ClampAtEveryWidth(x, -bound, bound, symmetric: false);
            var symmetric = ClampAtEveryWidth(x, -bound, bound, symmetric: true);
            for (int i = 0; i < clamped.Length; i++)
            {
                // NaN's clamp is NaN or ±bound by processor (VRANGE); x − clamp, what the prox computes, is NaN either way.
                bool same = double.IsNaN(x)
                    ? double.IsNaN(clamped[i].Value) && (double.IsNaN(symmetric[i].Value) || Math.Abs(symmetric[i].Value) is var m && (m == bound || m == (float)bound))
                    : BitConverter.DoubleToInt64Bits(clamped[i].Value) == BitConverter.DoubleToInt64Bits(symmetric[i].Value);
                Assert.True(same, $"{clamped[i].Width}: clamp({x}, ±{bound}) = {clamped[i].Value}, the symmetric clamp gives {symmetric[i].Value}");
            }
        }, iter: 20_000);
    }

    /// <summary>Lane 0 of each width's clamp (or symmetric clamp) of <paramref name="x"/>, in float and double, widened.</summary>
    private static (string Width, double Value)[] ClampAtEveryWidth(double x, double low, double high, bool symmetric)
    {
        float xf = (float)x, lf = (float)low, hf = (float)high;
        return
        [
            ("Vector512<float>", symmetric ? Vector512Ops<float>.ClampSymmetric(Vector512.Create(xf), Vector512.Create(lf), Vector512.Create(hf)).ToScalar() : Vector512Ops<float>.Clamp(Vector512.Create(xf), Vector512.Create(lf), Vector512.Create(hf)).ToScalar()),
            ("Vector512<double>", symmetric ? Vector512Ops<double>.ClampSymmetric(Vector512.Create(x), Vector512.Create(low), Vector512.Create(high)).ToScalar() : Vector512Ops<double>.Clamp(Vector512.Create(x), Vector512.Create(low), Vector512.Create(high)).ToScalar()),
            ("Vector256<float>", symmetric ? Vector256Ops<float>.ClampSymmetric(Vector256.Create(xf), Vector256.Create(lf), Vector256.Create(hf)).ToScalar() : Vector256Ops<float>.Clamp(Vector256.Create(xf), Vector256.Create(lf), Vector256.Create(hf)).ToScalar()),
            ("Vector256<double>", symmetric ? Vector256Ops<double>.ClampSymmetric(Vector256.Create(x), Vector256.Create(low), Vector256.Create(high)).ToScalar() : Vector256Ops<double>.Clamp(Vector256.Create(x), Vector256.Create(low), Vector256.Create(high)).ToScalar()),
            ("Vector128<float>", symmetric ? Vector128Ops<float>.ClampSymmetric(Vector128.Create(xf), Vector128.Create(lf), Vector128.Create(hf)).ToScalar() : Vector128Ops<float>.Clamp(Vector128.Create(xf), Vector128.Create(lf), Vector128.Create(hf)).ToScalar()),
            ("Vector128<double>", symmetric ? Vector128Ops<double>.ClampSymmetric(Vector128.Create(x), Vector128.Create(low), Vector128.Create(high)).ToScalar() : Vector128Ops<double>.Clamp(Vector128.Create(x), Vector128.Create(low), Vector128.Create(high)).ToScalar()),
            ("scalar", symmetric ? ScalarOps<double>.ClampSymmetric(x, low, high) : ScalarOps<double>.Clamp(x, low, high)),
        ];
    }

    private static void Check<W, TV, T>(TV a, TV b, TV c)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged
    {
        TV negated = W.Subtract(W.Zero, a);
        TV expected = W.MultiplyAdd(negated, b, c), actual = W.MultiplyAddNegated(a, b, c);
        Assert.True(expected.Equals(actual), $"{typeof(W).Name}: c − a·b = {actual}, (−a)·b + c = {expected} for a = {a}, b = {b}, c = {c}");
    }
}
