using KernelGen.Internal;

namespace KernelGen.Tests;

/// <summary>
/// The dense factorisation the reference engine and the loop path share, on its own: the log-determinant against
/// Gaussian elimination, and the inverse as documented, full and symmetric, against B·A = I. Its callers read only the
/// inverse's lower triangle, so they would not see an upper triangle left unwritten.
/// </summary>
public class DenseCholeskyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(16)]
    public void Log_determinant_and_full_symmetric_inverse_of_a_positive_definite_matrix(int n)
    {
        double[] b = PositiveDefinite(n, seed: n);
        double[] factor = (double[])b.Clone();
        double logDet = DenseCholesky.FactorLogDeterminant(factor, n);
        Assert.True(Math.Abs(logDet - EliminationLogDeterminant(b, n)) <= 1e-12 * Math.Max(1, Math.Abs(logDet)), $"n = {n}: {logDet:R}");

        // A sentinel in every entry: the inverse must write all of them.
        double[] inverse = Enumerable.Repeat(double.NaN, n * n).ToArray();
        DenseCholesky.Invert(factor, inverse, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(inverse[i * n + j], inverse[j * n + i]);
                double product = 0;
                for (int k = 0; k < n; k++) product += b[i * n + k] * inverse[k * n + j];
                Assert.True(Math.Abs(product - (i == j ? 1 : 0)) <= 1e-12, $"n = {n}: (B·A)[{i},{j}] = {product:R}");
            }
        }
    }

    /// <summary>M·Mᵀ + n·I with M uniform in [−1, 1): symmetric, positive definite, well conditioned.</summary>
    private static double[] PositiveDefinite(int n, int seed)
    {
        var random = new Random(seed);
        double[] m = Enumerable.Range(0, n * n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = i == j ? n : 0;
                for (int k = 0; k < n; k++) sum += m[i * n + k] * m[j * n + k];
                b[i * n + j] = sum;
            }
        }

        return b;
    }

    /// <summary>
    /// The pivots' logs are the managed log, the one the unrolled kernels take: the same bits on every platform, where
    /// the C library's log may differ in the last bit (and is a call out of managed code in the loop path's kernels).
    /// A diagonal matrix's log-determinant is then the managed log of its one non-unit entry, to the bit.
    /// </summary>
    [Fact]
    public void Pivot_logs_are_the_managed_log_to_the_bit()
    {
        // Values where the two logs differ in the last bit, so the check can tell them apart.
        var random = new Random(3);
        double[] values = [.. Enumerable.Range(0, 100_000).Select(_ => 0.5 + 3 * random.NextDouble())
            .Where(v => ManagedMath.Log(v) != Math.Log(v)).Take(20)];
        Assert.NotEmpty(values);
        foreach (double v in values)
        {
            double[] matrix = [v, 0, 0, 0, 1, 0, 0, 0, 1];
            Assert.Equal(BitConverter.DoubleToInt64Bits(ManagedMath.Log(v)), BitConverter.DoubleToInt64Bits(DenseCholesky.FactorLogDeterminant(matrix, 3)));
        }
    }

    /// <summary>log |det B| by Gaussian elimination with partial pivoting: another route to the same number.</summary>
    private static double EliminationLogDeterminant(double[] b, int n)
    {
        double[] a = (double[])b.Clone();
        double log = 0;
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(a[r * n + c]));
            for (int k = 0; k < n; k++) (a[c * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[c * n + k]);
            log += Math.Log(Math.Abs(a[c * n + c]));
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r * n + c] / a[c * n + c];
                for (int k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
            }
        }

        return log;
    }
}
