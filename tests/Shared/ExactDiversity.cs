using System.Numerics;
using static KernelGen.Testing.FixedPoint;

namespace KernelGen.Testing;

/// <summary>
/// semantics.md's loss and gradient of one class, straight from the formula in fixed point with 256 fraction bits in a
/// <see cref="BigInteger"/>: kernel entries by their series, B = K + εI inverted by Gauss–Jordan, log det B from the
/// same pivots by the atanh series. Independent of every engine and of double rounding: at a condition number of 1e8
/// the inverse keeps about 200 of its 256 bits, far beyond the tolerances the tests hold the kernels to. Slow (a class
/// of 64 members takes about a second), for tests only.
/// </summary>
internal static class ExactDiversity
{
    /// <summary>
    /// The class's term −log det(K + εI), its gradient rows (n × F, row-major) and the coefficients
    /// c_ij = (2/σ²)·(B⁻¹)_ij·K_ij (n × n, zero on the diagonal), each rounded once to double at the end.
    /// </summary>
    /// <param name="members">The class's n × F coordinates, row-major, as exact values.</param>
    public static (double Loss, double[] Rows, double[,] Coefficients) Class(double[] members, int features, double sigma, double epsilon)
    {
        int n = members.Length / features;
        BigInteger[] w = Array.ConvertAll(members, Fixed);
        BigInteger s = Fixed(sigma), twoSigmaSq = 2 * Mul(s, s), gradScale = Div(2 * One, Mul(s, s));

        var k = new BigInteger[n, n];
        var a = new BigInteger[n, n];
        var inverse = new BigInteger[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                BigInteger d = BigInteger.Zero;
                for (int f = 0; f < features; f++)
                {
                    BigInteger t = w[i * features + f] - w[j * features + f];
                    d += Mul(t, t);
                }

                k[i, j] = i == j ? One : NegExp(Div(d, twoSigmaSq));
                a[i, j] = k[i, j] + (i == j ? Fixed(epsilon) : BigInteger.Zero);
                inverse[i, j] = i == j ? One : BigInteger.Zero;
            }

        // B is symmetric positive definite, so Gauss–Jordan needs no exchanges and its pivots are B's LDLᵀ pivots.
        BigInteger logDet = BigInteger.Zero;
        for (int col = 0; col < n; col++)
        {
            BigInteger pivot = a[col, col];
            logDet += Log(pivot);
            for (int j = 0; j < n; j++)
            {
                a[col, j] = Div(a[col, j], pivot);
                inverse[col, j] = Div(inverse[col, j], pivot);
            }

            for (int r = 0; r < n; r++)
            {
                BigInteger factor = a[r, col];
                if (r == col || factor.IsZero) continue;
                for (int j = 0; j < n; j++)
                {
                    a[r, j] -= Mul(factor, a[col, j]);
                    inverse[r, j] -= Mul(factor, inverse[col, j]);
                }
            }
        }

        var rows = new double[n * features];
        var coefficients = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var sum = new BigInteger[features];
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                BigInteger c = Mul(gradScale, Mul(inverse[i, j], k[i, j]));
                coefficients[i, j] = ToDouble(c);
                for (int f = 0; f < features; f++) sum[f] += Mul(c, w[i * features + f] - w[j * features + f]);
            }

            for (int f = 0; f < features; f++) rows[i * features + f] = ToDouble(sum[f]);
        }

        return (ToDouble(-logDet), rows, coefficients);
    }

    /// <summary>exp(−x) for x ≥ 0: 2^−k·exp(r), r = k·ln 2 − x, |r| ≤ ln 2 / 2 and a rounding; 0 below 2^−(Bits + 8).</summary>
    private static BigInteger NegExp(BigInteger x)
    {
        int k = (int)Math.Round(ToDouble(x) / Math.Log(2));
        return k > Bits + 8 ? BigInteger.Zero : Exp(k * Ln2 - x) >> k;
    }

    /// <summary>ln x for x &gt; 0: x = m·2^e, m in [1, 2), ln x = 2·atanh((m − 1)/(m + 1)) + e·ln 2.</summary>
    private static BigInteger Log(BigInteger x)
    {
        int e = (int)x.GetBitLength() - 1 - Bits;
        BigInteger m = e >= 0 ? x >> e : x << -e;
        return 2 * Atanh(Div(m - One, m + One)) + e * Ln2;
    }
}
