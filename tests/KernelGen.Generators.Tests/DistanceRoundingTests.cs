using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The allowance the float property test adds past semantics.md's tolerance (<see cref="DistanceRounding"/>) bounds
/// what float-accumulated distances really do, and is negligible where the classes are well conditioned.
/// </summary>
public class DistanceRoundingTests
{
    [Theory]
    [InlineData(16, 12, 0.1, 2.0)]   // near singular: the regime the allowance is for
    [InlineData(8, 33, 0.1, 2.0)]
    [InlineData(3, 64, 1e-3, 1.0)]   // near collapse, few members
    public void The_bound_covers_distances_accumulated_in_float_in_either_order(int members, int features, double spread, double sigma)
    {
        float[] w = TestData.Values(members * features, seed: 7, spread).ToFloat();
        int[] labels = new int[members];
        double[] bound = new double[w.Length];
        double lossBound = DistanceRounding.Bound(w, labels, 1, features, sigma, 1e-6, bound);

        double[] exact = new double[w.Length];
        double exactLoss = Regularizers.PrototypeDiversityLoss(w.ToDouble(), labels, exact, sigma, 1, members);
        foreach (bool reversed in new[] { false, true })
        {
            var x = new double[members, features];
            var d = new double[members, members];
            for (int a = 0; a < members; a++)
            {
                for (int f = 0; f < features; f++) x[a, f] = w[a * features + f];
                for (int b = 0; b < members; b++)
                {
                    // Squared distances as a float kernel may form them: differences, squares and sums in float.
                    float sum = 0;
                    for (int i = 0; i < features; i++)
                    {
                        int f = reversed ? features - 1 - i : i;
                        float t = w[a * features + f] - w[b * features + f];
                        sum += t * t;
                    }

                    d[a, b] = sum;
                }
            }

            var rows = new double[members, features];
            double loss = DistanceRounding.Class(x, d, sigma, 1e-6, rows);
            Assert.True(Math.Abs(loss - exactLoss) <= lossBound * (1 + 1e-3) + 1e-12, $"loss moved {Math.Abs(loss - exactLoss):E3}, bound {lossBound:E3}");
            for (int a = 0; a < members; a++)
                for (int f = 0; f < features; f++)
                {
                    double moved = Math.Abs(rows[a, f] - exact[a * features + f]);
                    // Up to the double computation's own rounding, far below the float effect measured.
                    Assert.True(moved <= bound[a * features + f] * (1 + 1e-3) + 1e-12, $"[{a},{f}] moved {moved:E3}, bound {bound[a * features + f]:E3}");
                }
        }
    }

    [Fact]
    public void The_bound_is_large_only_where_the_class_is_near_singular()
    {
        double Ratio(int members, int features, double spread, double sigma)
        {
            float[] w = TestData.Values(members * features, seed: 7, spread).ToFloat();
            int[] labels = new int[members];
            double[] bound = new double[w.Length], exact = new double[w.Length];
            DistanceRounding.Bound(w, labels, 1, features, sigma, 1e-6, bound);
            Regularizers.PrototypeDiversityLoss(w.ToDouble(), labels, exact, sigma, 1, members);
            return bound.Max() / GoldenTolerance.GradientTolerance(true, exact);
        }

        // A few percent of the tolerance for well-separated members; more than the tolerance near singularity.
        Assert.InRange(Ratio(3, 64, 1.0, 1.0), 0, 0.05);
        Assert.InRange(Ratio(4, 8, 1.0, 1.0), 0, 0.05);
        Assert.InRange(Ratio(16, 12, 0.1, 2.0), 1, double.PositiveInfinity);
    }
}
