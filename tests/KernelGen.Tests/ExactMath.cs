using System.Numerics;
using static KernelGen.Testing.FixedPoint;

namespace KernelGen.Tests;

/// <summary>
/// A high-precision reference for the kernels' exp and log: fixed point with 256 fraction bits in a
/// <see cref="BigInteger"/>, series summed until their terms vanish, so the result is exact to far beyond a double's
/// 53 bits. Slow (microseconds a value), for tests only. Errors are reported in ulps of the double under test.
/// </summary>
internal static class ExactMath
{
    /// <summary>|actual − ln x| in ulps of <paramref name="actual"/>, x a positive normal double.</summary>
    public static double LogErrorUlps(double x, double actual)
    {
        // x = m·2^e exactly, m in [1, 2); ln x = 2·atanh((m − 1)/(m + 1)) + e·ln 2.
        long bits = BitConverter.DoubleToInt64Bits(x);
        int e = (int)((bits >> 52) & 0x7FF) - 1023;
        BigInteger m = ((bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52)) * (One >> 52);
        BigInteger exact = 2 * Atanh(Div(m - One, m + One)) + e * Ln2;
        return UlpDistance(actual, exact, 0);
    }

    /// <summary>|actual − exp(−x)| in ulps of <paramref name="actual"/>, for x in [0, 708] (normal results).</summary>
    public static double NegExpErrorUlps(double x, double actual)
    {
        // exp(−x) = 2^−k·exp(r), r = k·ln 2 − x with k = round(x / ln 2), |r| ≤ ln 2 / 2 + a rounding.
        int k = (int)Math.Round(x / Math.Log(2));
        BigInteger sum = Exp(k * Ln2 - Fixed(x));

        // Compare at the scale of exp(r): the double scaled by 2^k is exact for normal results.
        return UlpDistance(Math.ScaleB(actual, k), sum, k);
    }

    /// <summary>
    /// |scaled − exact| / ulp, where the ulp is <paramref name="scaled"/>'s own ulp before it was scaled by
    /// 2^<paramref name="scale"/> (scaling by a power of two moves the ulp with the value).
    /// </summary>
    private static double UlpDistance(double scaled, BigInteger exact, int scale)
    {
        double unscaled = Math.ScaleB(scaled, -scale);
        double ulp = Math.ScaleB(Math.BitIncrement(Math.Abs(unscaled)) - Math.Abs(unscaled), scale);
        BigInteger difference = BigInteger.Abs(Fixed(scaled) - exact);
        if (difference.IsZero)
        {
            return 0;   // exact (log 1 = 0 has no ulp worth dividing by)
        }

        return (double)difference / (double)Fixed(ulp);
    }
}
