using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>Vector maths the unrolled kernels share, whatever their shape.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdMath
{
    private const double Log2E = 1.4426950408889634;          // 1/ln 2
    private const double Ln2Hi = 6.93147180369123816490e-01;   // high bits of ln 2: k·Ln2Hi is exact for |k| < 2^20
    private const double Ln2Lo = 1.90821492927058770002e-10;   // ln 2 − Ln2Hi
    private const double RoundingShift = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer in the low bits

    /// <summary>Below −708 (e^−708 ≈ 3e−308, the bottom of the normal range) the result is exactly 0.</summary>
    public const double NegExpZeroBelow = -708;

    /// <summary>
    /// exp(−x) for four doubles x ≥ 0 (a kernel entry exp(−d/2σ²)): at most 2 ulp from the exact value for
    /// −x ≥ −708 (tested against a high-precision reference), exactly 0 below, NaN for NaN.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from <c>Vector256.Exp</c>: the framework's is a generic method that is neither
    /// inlined nor precompiled for this use, so a fresh process ran it as unoptimised tier-0 code for its first
    /// thousands of calls; and its chain is longer. exp(y) = 2^k·e^r with k = round(y/ln 2), r = y − k·ln 2 in two
    /// parts (|r| ≤ ln 2/2), e^r by its Taylor polynomial to r¹³ (truncation below 4e−18) in Estrin's scheme: five
    /// levels of multiply-adds instead of thirteen, since the exp heads the kernels' dependency chain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> NegExp(Vector256<double> x)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            // Without 256-bit vectors the operations below would run element by element in software anyway.
            return Vector256.Create(Scalar(x[0]), Scalar(x[1]), Scalar(x[2]), Scalar(x[3]));
        }

        Vector256<double> y = -x;
        Vector256<double> shifted = Vector256.MultiplyAddEstimate(y, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<double> k = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2Hi), y);
        r = Vector256.MultiplyAddEstimate(k, Vector256.Create(-Ln2Lo), r);

        // e^r = Σ r^i / i!, i ≤ 13, grouped in pairs and quadruples (Estrin).
        Vector256<double> r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        Vector256<double> a0 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d), Vector256.Create(1d));
        Vector256<double> a1 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 6), Vector256.Create(1d / 2));
        Vector256<double> a2 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 120), Vector256.Create(1d / 24));
        Vector256<double> a3 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 5040), Vector256.Create(1d / 720));
        Vector256<double> a4 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 362880), Vector256.Create(1d / 40320));
        Vector256<double> a5 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 39916800), Vector256.Create(1d / 3628800));
        Vector256<double> a6 = Vector256.MultiplyAddEstimate(r, Vector256.Create(1d / 6227020800), Vector256.Create(1d / 479001600));
        Vector256<double> b0 = Vector256.MultiplyAddEstimate(r2, a1, a0);
        Vector256<double> b1 = Vector256.MultiplyAddEstimate(r2, a3, a2);
        Vector256<double> b2 = Vector256.MultiplyAddEstimate(r2, a5, a4);
        Vector256<double> c0 = Vector256.MultiplyAddEstimate(r4, b1, b0);
        Vector256<double> c1 = Vector256.MultiplyAddEstimate(r4, a6, b2);
        Vector256<double> p = Vector256.MultiplyAddEstimate(r8, c1, c0);

        // 2^k from the integer in the low bits of the shifted value: (k + 1023) << 52 keeps just the exponent field.
        Vector256<double> scale = Vector256.ShiftLeft(shifted.AsInt64() + Vector256.Create(1023L), 52).AsDouble();
        return Vector256.AndNot(p * scale, Vector256.LessThan(y, Vector256.Create(NegExpZeroBelow)));
    }

    private static double Scalar(double x) => -x < NegExpZeroBelow ? 0d : Math.Exp(-x);
}
