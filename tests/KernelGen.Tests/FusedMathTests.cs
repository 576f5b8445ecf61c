using System.Runtime.Intrinsics;
using CsCheck;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The factorisation's multiply-adds: the scalar form (a class alone) and the vector form (its lane of a block) round
/// alike on every machine, fused where the hardware fuses and a multiply then an add elsewhere.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class FusedMathTests
{
    [Fact]
    public void Scalar_and_vector_forms_agree_to_the_bit_in_every_lane()
    {
        // Magnitudes where a·b and c are comparable, so fusing and rounding both show in the last bits.
        Gen.Select(Gen.Double[-4, 4].Array[4], Gen.Double[-4, 4].Array[4], Gen.Double[-16, 16].Array[4]).Sample(t =>
        {
            var (a, b, c) = t;
            Vector256<double> va = Vector256.Create(a), vb = Vector256.Create(b), vc = Vector256.Create(c);
            Vector256<double> sum = FusedMath.MultiplyAdd(va, vb, vc), difference = FusedMath.MultiplyAddNegated(va, vb, vc);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(FusedMath.MultiplyAdd(a[lane], b[lane], c[lane])), BitConverter.DoubleToInt64Bits(sum[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(FusedMath.MultiplyAddNegated(a[lane], b[lane], c[lane])), BitConverter.DoubleToInt64Bits(difference[lane]));
            }
        }, iter: 20_000);
    }

    [Fact]
    public void A_fused_result_is_the_exactly_rounded_one_and_an_unfused_one_rounds_twice()
    {
        Gen.Select(Gen.Double[-4, 4], Gen.Double[-4, 4], Gen.Double[-16, 16]).Sample(t =>
        {
            var (a, b, c) = t;
            double sum = FusedMath.IsFused ? Math.FusedMultiplyAdd(a, b, c) : a * b + c;
            double difference = FusedMath.IsFused ? Math.FusedMultiplyAdd(-a, b, c) : c - a * b;
            Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(FusedMath.MultiplyAdd(a, b, c)));
            Assert.Equal(BitConverter.DoubleToInt64Bits(difference), BitConverter.DoubleToInt64Bits(FusedMath.MultiplyAddNegated(a, b, c)));
        }, iter: 20_000);
    }

    [Fact]
    public void Fusing_shows_where_the_product_rounds()
    {
        // (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰ rounds to 1 as a product, so the unfused sum with −1 is 0 and the fused one −2⁻⁶⁰.
        double a = 1 + Math.ScaleB(1, -30), b = 1 - Math.ScaleB(1, -30), tiny = Math.ScaleB(1, -60);
        double expected = FusedMath.IsFused ? -tiny : 0d;
        Assert.Equal(expected, FusedMath.MultiplyAdd(a, b, -1d));
        Assert.Equal(expected, FusedMath.MultiplyAdd(Vector256.Create(a), Vector256.Create(b), Vector256.Create(-1d))[2]);
        Assert.Equal(-expected, FusedMath.MultiplyAddNegated(a, b, 1d));
        Assert.Equal(-expected, FusedMath.MultiplyAddNegated(Vector256.Create(a), Vector256.Create(b), Vector256.Create(1d))[1]);
    }

    [Fact]
    public void The_multiply_adds_are_fused_on_this_machine_unless_an_instruction_set_is_switched_off()
    {
        // The reruns switch FMA off (no AVX, no SIMD at all); every x64 with AVX2 has FMA3, and ARM64 has fused
        // multiply-adds, so a default run there fuses.
        bool switchedOff = Environment.GetEnvironmentVariable("DOTNET_EnableAVX") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0";
        if (switchedOff) Assert.False(FusedMath.IsFused);
        else if (System.Runtime.Intrinsics.X86.Avx2.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.Arm64.IsSupported) Assert.True(FusedMath.IsFused);
    }
}
