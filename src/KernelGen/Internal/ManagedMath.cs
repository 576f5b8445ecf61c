using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>
/// A natural logarithm in managed code, for the kernels' hot paths.
/// </summary>
/// <remarks>
/// <see cref="Math.Log(double)"/> calls the C library. Measured on this project's AVX-512 benchmark machine, a
/// call made right after 512-bit vector code cost about 140 ns instead of 5 ns (the library's legacy-SSE code
/// runs with the vector registers' upper halves still dirty), which was more than half of a 4×3×64 loss. This
/// version stays in JIT-compiled code: split x = 2^e·m with m in [√½, √2), then
/// log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd series to s²³ (truncation below 1e-19),
/// and e·ln 2 added in two parts. Accurate to about one ulp; subnormal arguments are scaled by 2⁵⁴ first, and zero,
/// negative, infinite and NaN arguments give −∞, NaN, +∞ and NaN as <see cref="Math.Log(double)"/> does.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ManagedMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // high 32 bits of ln 2: e·Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10;  // ln 2 − Ln2Hi
    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(x);
        ulong biased = bits >> 52;
        int e = (int)biased - 1023;

        // Positive normal numbers have a biased exponent in [1, 2046] and no sign bit. The others are handled here
        // without calling Math.Log: a call anywhere in a kernel's core, even on a branch that never runs, makes the
        // JIT keep the core's vector values out of registers around it (a 10×3×64 loss took 250 ns instead of 160).
        if (biased - 1 >= 2046)
        {
            if (x == 0) return double.NegativeInfinity;
            if (!(x > 0)) return double.NaN;                 // negative, or NaN
            if (biased == 2047) return x;                    // +∞
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
        // of Horner's eleven, because the log is the last link of the kernels' dependency chain.
        double z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
        double a0 = 2.0 / 3 + z * (2.0 / 5), a1 = 2.0 / 7 + z * (2.0 / 9), a2 = 2.0 / 11 + z * (2.0 / 13);
        double a3 = 2.0 / 15 + z * (2.0 / 17), a4 = 2.0 / 19 + z * (2.0 / 21), a5 = 2.0 / 23;
        double b0 = a0 + z2 * a1, b1 = a2 + z2 * a3, b2 = a4 + z2 * a5;
        double r = z * (b0 + z4 * b1 + z8 * b2);
        double logM = f - s * (f - r);
        return e * Ln2Hi + (logM + e * Ln2Lo);
    }
}
