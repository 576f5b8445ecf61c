using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// How far the rounding that semantics.md permits a float kernel can move the exact loss and gradient: squared
/// distances "may be accumulated in the element type", so each is within γ·d of its exact value d, γ = (F + 2)·u
/// (u = 2⁻²⁴): a coordinate difference's rounding enters squared (2u), and each of the at most F multiply-adds or adds
/// on the way to the sum rounds once, in any order. In a
/// well-conditioned class that moves the result by a small part of the float tolerance; in a class whose Gram
/// matrix is near singular (many members close together relative to σ, e.g. 16 members in 12 features at spread
/// 0.1 and σ = 2) the inverse amplifies it past the tolerance, for any accumulation order.
/// </summary>
/// <remarks>
/// The bound is first order: each distance is moved alone by ±γ·d, the change of every output is taken in double
/// (a central difference), and the absolute changes are summed over the class's pairs.
/// </remarks>
internal static class DistanceRounding
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>The bound on the loss (returned) and on each gradient value (<paramref name="gradientBound"/>).</summary>
    public static double Bound(float[] prototypes, int[] labels, int nClasses, int features, double sigma, double epsilon, double[] gradientBound)
    {
        double gamma = (features + 2) * UnitRoundoff / (1 - (features + 2) * UnitRoundoff);
        double lossBound = 0;
        Array.Clear(gradientBound);
        for (int c = 0; c < nClasses; c++)
        {
            int[] members = TestData.RowsOf(labels, c);
            int m = members.Length;
            if (m < 2) continue;

            var x = new double[m, features];
            for (int a = 0; a < m; a++)
                for (int f = 0; f < features; f++) x[a, f] = prototypes[members[a] * features + f];

            var d = new double[m, m];
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                    for (int f = 0; f < features; f++) d[a, b] += (x[a, f] - x[b, f]) * (x[a, f] - x[b, f]);

            var up = new double[m, features];
            var down = new double[m, features];
            for (int a = 0; a < m; a++)
                for (int b = a + 1; b < m; b++)
                {
                    double step = gamma * d[a, b];
                    double saved = d[a, b];
                    d[a, b] = d[b, a] = saved + step;
                    double lossUp = Class(x, d, sigma, epsilon, up);
                    d[a, b] = d[b, a] = saved - step;
                    double lossDown = Class(x, d, sigma, epsilon, down);
                    d[a, b] = d[b, a] = saved;

                    lossBound += Math.Abs(lossUp - lossDown) / 2;
                    for (int r = 0; r < m; r++)
                        for (int f = 0; f < features; f++)
                            gradientBound[members[r] * features + f] += Math.Abs(up[r, f] - down[r, f]) / 2;
                }
        }

        return lossBound;
    }

    /// <summary>The class's term −log det(K + εI) and rows from given squared distances, in double (Gauss–Jordan).</summary>
    internal static double Class(double[,] x, double[,] d, double sigma, double epsilon, double[,] rows)
    {
        int m = x.GetLength(0), features = x.GetLength(1);
        (double[,] k, double[,] inverse, double negativeLogDet) = ClassGram.FromDistances(d, sigma, epsilon);

        // d/dw_a of −log det B = Σ_b (2/σ²)·(B⁻¹)_ab·k_ab·(w_a − w_b).
        double scale = 2 / (sigma * sigma);
        for (int i = 0; i < m; i++)
            for (int f = 0; f < features; f++)
            {
                double sum = 0;
                for (int j = 0; j < m; j++)
                    if (j != i) sum += scale * inverse[i, j] * k[i, j] * (x[i, f] - x[j, f]);
                rows[i, f] = sum;
            }

        return negativeLogDet;
    }
}
