using System.Numerics;

namespace KernelGen.Testing;

/// <summary>
/// Fixed point with 256 fraction bits in a <see cref="BigInteger"/>, the arithmetic of the tests' exact references
/// (the exp and log bounds, the diversity formula): far beyond a double's 53 bits, series summed until their terms
/// vanish. Slow, for tests only.
/// </summary>
internal static class FixedPoint
{
    public const int Bits = 256;
    public static readonly BigInteger One = BigInteger.One << Bits;
    public static readonly BigInteger Ln2 = 2 * Atanh(One / 3);

    public static BigInteger Mul(BigInteger a, BigInteger b) => a * b >> Bits;

    public static BigInteger Div(BigInteger a, BigInteger b) => (a << Bits) / b;

    /// <summary>exp(r) for |r| ≤ ln 2 / 2 and a rounding, by its series.</summary>
    public static BigInteger Exp(BigInteger r)
    {
        BigInteger sum = One, term = One;
        for (int m = 1; !term.IsZero; m++)
        {
            term = Mul(term, r) / m;
            sum += term;
        }

        return sum;
    }

    /// <summary>The odd series s + s³/3 + s⁵/5 + …, for |s| ≤ 1/3.</summary>
    public static BigInteger Atanh(BigInteger s)
    {
        BigInteger s2 = Mul(s, s), power = s, sum = s;
        for (int m = 3; !power.IsZero; m += 2)
        {
            power = Mul(power, s2);
            sum += power / m;
        }

        return sum;
    }

    /// <summary>A double as fixed point, exactly for the magnitudes used here (no bits below 2⁻²⁵⁶).</summary>
    public static BigInteger Fixed(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int e = (int)((bits >> 52) & 0x7FF);
        BigInteger mantissa = e == 0 ? bits & 0xF_FFFF_FFFF_FFFFL : (bits & 0xF_FFFF_FFFF_FFFFL) | (1L << 52);
        int shift = Bits + Math.Max(e, 1) - 1075;
        BigInteger fixedPoint = shift >= 0 ? mantissa << shift : mantissa >> -shift;
        return value < 0 ? -fixedPoint : fixedPoint;
    }

    /// <summary>Fixed point to the nearest double or next to it: the top 64 bits, then one conversion.</summary>
    public static double ToDouble(BigInteger value)
    {
        int drop = Math.Max(0, (int)BigInteger.Abs(value).GetBitLength() - 64);
        return Math.ScaleB((double)(value >> drop), drop - Bits);
    }
}
