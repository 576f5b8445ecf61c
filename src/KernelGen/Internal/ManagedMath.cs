using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>
/// A natural logarithm in managed code, for the kernels' hot paths.
/// </summary>
/// <remarks>
/// <see cref="Math.Log(double)"/> calls the C library. Right after 512-bit vector code such a call can cost many times
/// the logarithm itself (the library's legacy-SSE code runs with the vector registers' upper halves still dirty), more
/// than a small shape's whole loss; and any call in a kernel's core, even on a branch that never runs, makes the JIT
/// keep the core's vector values out of registers around it. So this log makes no call at all. Near 1 (|x − 1| &lt;
/// 2⁻⁵: the determinant product of well-separated prototypes, the state the diversity loss drives a model to) it sums
/// log1p(x − 1) by its series to (x − 1)¹², or to (x − 1)⁶ within 2⁻¹⁰ of 1, with no division. Elsewhere it splits x =
/// 2^e·m with m in [√½, √2), then log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd series to s²³
/// (truncation below 1e-19), and e·ln 2 added in two parts. Within 1.5 ulp of the exact value (tested against a 256-bit
/// reference); subnormal arguments are scaled by 2⁵⁴ first, and zero, negative, infinite and NaN arguments give −∞,
/// NaN, +∞ and NaN as <see cref="Math.Log(double)"/> does.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ManagedMath
{
    internal const double Ln2Hi = 6.93147180369123816490e-01; // high 32 bits of ln 2: e·Ln2Hi is exact for |e| < 2^20
    internal const double Ln2Lo = 1.90821492927058770002e-10;  // ln 2 − Ln2Hi
    private const double Sqrt2 = 1.4142135623730951;
    private const ulong NearOneLow = 0x3FEF_0000_0000_0000UL;  // 1 − 2⁻⁵
    private const ulong NearOneHigh = 0x3FF0_8000_0000_0000UL; // 1 + 2⁻⁵
    private const double VeryNearOne = 1.0 / 1024;                // 2⁻¹⁰: the short series below it

    /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => SignedLog(x, negate: false);

    /// <summary>
    /// −log <paramref name="x"/>, equal to the bit to <c>0d - Log(x)</c> (so +0 at x = 1), for the kernels' last step
    /// (the loss is −Σ log det).
    /// </summary>
    /// <remarks>
    /// The negation is carried into the last operations (their operands' signs, which round symmetrically) instead of
    /// a subtraction after them: one link less at the end of the loss's dependency chain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NegativeLog(double x) => SignedLog(x, negate: true);

    /// <summary>log x, or −log x when <paramref name="negate"/> (a constant at every call, so the JIT keeps one branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SignedLog(double x, bool negate)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        if (bits - NearOneLow < NearOneHigh - NearOneLow)
        {
            // Exact: x is within a factor of two of 1, so x − 1 and 1 − x are representable. −log x starts from
            // 1 − x, which is +0 at x = 1 as 0 − log 1 is.
            return Log1pNearOne(x - 1, negate ? 1 - x : x - 1, negate);
        }

        ulong biased = bits >> 52;
        int e = (int)biased - 1023;

        // Positive normal numbers have a biased exponent in [1, 2046] and no sign bit. The others are handled here,
        // without calling Math.Log (see the remarks).
        if (biased - 1 >= 2046)
        {
            if (x == 0) return negate ? double.PositiveInfinity : double.NegativeInfinity;
            if (!(x > 0)) return double.NaN;                 // negative, or NaN
            if (biased == 2047) return negate ? double.NegativeInfinity : x;   // +∞
            bits = BitConverter.DoubleToUInt64Bits(x * 18014398509481984d);   // subnormal: scaled by 2⁵⁴ into the normal range
            e = (int)(bits >> 52) - 1023 - 54;
        }

        double m = BitConverter.UInt64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFUL) | 0x3FF0_0000_0000_0000UL);
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        double f = m - 1;
        double s = f / (m + 1);
        double z = s * s;

        // 2·atanh(s) = 2s + s·R, R = z·(2/3 + 2z/5 + 2z²/7 + … + 2z¹⁰/23), written as f − s·(f − R) to keep the
        // leading term exact. The polynomial is evaluated by Estrin's scheme: four levels of multiply-adds instead
        // of Horner's eleven, because the log is the last link of the kernels' dependency chain; each level is one
        // fused multiply-add where the hardware has them (FusedMath).
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double a0 = FusedMath.MultiplyAdd(z, 2.0 / 5, 2.0 / 3), a1 = FusedMath.MultiplyAdd(z, 2.0 / 9, 2.0 / 7), a2 = FusedMath.MultiplyAdd(z, 2.0 / 13, 2.0 / 11);
        double a3 = FusedMath.MultiplyAdd(z, 2.0 / 17, 2.0 / 15), a4 = FusedMath.MultiplyAdd(z, 2.0 / 21, 2.0 / 19), a5 = 2.0 / 23;
        double b0 = FusedMath.MultiplyAdd(z2, a1, a0), b1 = FusedMath.MultiplyAdd(z2, a3, a2), b2 = FusedMath.MultiplyAdd(z2, a5, a4);
        double r = z * FusedMath.MultiplyAdd(z8, b2, FusedMath.MultiplyAdd(z4, b1, b0));
        // Negated term by term: rounding is symmetric, so (−a) + ((−b) + (−c)) is −(a + (b + c)) to the bit, and
        // s·(f − R) − f is −(f − s·(f − R)). The result is never zero here (x = 1 takes the branch above).
        if (negate)
        {
            e = -e;
            return e * Ln2Hi + ((s * (f - r) - f) + e * Ln2Lo);
        }

        double logM = f - s * (f - r);
        return e * Ln2Hi + (logM + e * Ln2Lo);
    }

    /// <summary>
    /// log(1 + r) for |r| &lt; 2⁻⁵: r + r²·(−1/2 + r/3 − r²/4 + … − r¹⁰/12), the tail by Estrin's scheme (four levels of
    /// multiply-adds, fused where the hardware has them).
    /// The next term, r¹³/13, is below 2⁻⁶⁰·|r|; the tail is below |r|/60, so its rounding barely reaches the result.
    /// Negated, (−r) − r²·tail, with <paramref name="lead"/> = −r.
    /// </summary>
    /// <remarks>
    /// Below |r| = 2⁻¹⁰ the series stops at r⁶/6 (the next term is below 2⁻⁶²·|r|): a level and seven operations fewer
    /// on the path every loss ends with, since the determinants of well-separated prototypes are within about 10⁻³ of 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Log1pNearOne(double r, double lead, bool negate)
    {
        double r2 = r * r;
        double tail;
        if (Math.Abs(r) < VeryNearOne)
        {
            double r4 = r2 * r2;
            double c0 = FusedMath.MultiplyAdd(r, 1.0 / 3, -0.5), c1 = FusedMath.MultiplyAdd(r, 0.2, -0.25);
            tail = r2 * FusedMath.MultiplyAdd(r4, -1.0 / 6, FusedMath.MultiplyAdd(r2, c1, c0));
        }
        else
        {
            double r4 = r2 * r2, r8 = r4 * r4;
            double a0 = FusedMath.MultiplyAdd(r, 1.0 / 3, -0.5), a1 = FusedMath.MultiplyAdd(r, 0.2, -0.25), a2 = FusedMath.MultiplyAdd(r, 1.0 / 7, -1.0 / 6);
            double a3 = FusedMath.MultiplyAdd(r, 1.0 / 9, -0.125), a4 = FusedMath.MultiplyAdd(r, 1.0 / 11, -0.1), a5 = -1.0 / 12;
            double b0 = FusedMath.MultiplyAdd(r2, a1, a0), b1 = FusedMath.MultiplyAdd(r2, a3, a2), b2 = FusedMath.MultiplyAdd(r2, a5, a4);
            tail = r2 * FusedMath.MultiplyAdd(r8, b2, FusedMath.MultiplyAdd(r4, b1, b0));
        }

        return negate ? lead - tail : lead + tail;
    }
}
