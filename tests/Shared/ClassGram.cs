namespace KernelGen.Testing;

/// <summary>
/// One class's Gram matrix and the inverse of B = K + εI in double, from its squared distances: what the tests' own
/// first-order bounds (distance rounding, row assembly) need of the formula, apart from any engine.
/// </summary>
public static class ClassGram
{
    /// <summary>
    /// K (entries exp(−d/2σ²), 1 on the diagonal), B⁻¹ by Gauss–Jordan without exchanges (B is symmetric positive
    /// definite, so its pivots are positive), and −log det B from the same pivots.
    /// </summary>
    public static (double[,] K, double[,] Inverse, double NegativeLogDet) FromDistances(double[,] d, double sigma, double epsilon)
    {
        int m = d.GetLength(0);
        var k = new double[m, m];
        var a = new double[m, m];
        var inverse = new double[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                k[i, j] = i == j ? 1 : Math.Exp(-d[i, j] / (2 * sigma * sigma));
                a[i, j] = k[i, j] + (i == j ? epsilon : 0);
                inverse[i, j] = i == j ? 1 : 0;
            }

        double logDet = 0;
        for (int col = 0; col < m; col++)
        {
            double pivot = a[col, col];
            logDet += Math.Log(pivot);
            for (int j = 0; j < m; j++) { a[col, j] /= pivot; inverse[col, j] /= pivot; }
            for (int r = 0; r < m; r++)
            {
                if (r == col || a[r, col] == 0) continue;
                double factor = a[r, col];
                for (int j = 0; j < m; j++) { a[r, j] -= factor * a[col, j]; inverse[r, j] -= factor * inverse[col, j]; }
            }
        }

        return (k, inverse, -logDet);
    }
}
