using System.Numerics;
using System.Runtime.Intrinsics;
using CsCheck;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The vector widths' fused negated multiply-add equals the multiply-add of the negated coefficient to the bit: the
/// gradient rows use one where they used the other, and the kernels' results must not move.
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

    private static void Check<W, TV, T>(TV a, TV b, TV c)
        where W : IVectorOps<TV, T> where TV : struct where T : unmanaged
    {
        TV negated = W.Subtract(W.Zero, a);
        TV expected = W.MultiplyAdd(negated, b, c), actual = W.MultiplyAddNegated(a, b, c);
        Assert.True(expected.Equals(actual), $"{typeof(W).Name}: c − a·b = {actual}, (−a)·b + c = {expected} for a = {a}, b = {b}, c = {c}");
    }
}
