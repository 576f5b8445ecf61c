using System.Numerics;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The reference's squared distances for float rows too short for a vector: summed in double, as the generated
/// kernels' scalar code sums them, so that many members on a line or a plane, whose Gram matrix is near singular, keep
/// the digits the float loss tolerance and a positive definite factorisation need.
/// </summary>
public class ReferenceDistanceTests
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>64 members, standard deviation 4, σ = 2, in 1 to 3 features: the float reference against the double one.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Float_rows_shorter_than_a_vector_meet_the_float_loss_tolerance(int features)
    {
        const int members = 64;
        for (int seed = 0; seed < 10; seed++)
        {
            float[] w = TestData.Values(members * features, seed, spread: 8).ToFloat();
            AssertAgainstDouble(w, members, features, sigma: 2, $"{features} features, seed {seed}");
        }
    }

    /// <summary>256 members on a line at σ = 6: a finite term and rows (a negative pivot's NaN when summed in float).</summary>
    [Fact]
    public void Many_members_on_a_line_give_a_finite_loss_and_rows() =>
        AssertAgainstDouble(TestData.Values(256, seed: 3, spread: 16).ToFloat(), 256, 1, sigma: 6, "256 members on a line");

    /// <summary>
    /// Whole vectors are summed in the element type and only the part of a row after the last of them in double
    /// (semantics.md, Squared distances), a row of exactly one vector included: one lane differs by 1 and every other
    /// by 2⁻¹⁴, whose squares (2⁻²⁸ each, together below half an ulp of 1) a float sum drops in any order and a double
    /// sum keeps. Without hardware vectors the whole row is summed in double.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [Trait(Reruns.Name, Reruns.Isa)]
    public void Float_distance_sums_whole_vectors_in_float_and_the_tail_in_double(int tail)
    {
        int whole = Vector<float>.Count, n = whole + tail;
        float[] a = new float[n], b = new float[n];
        a[0] = 1;
        for (int i = 1; i < n; i++) a[i] = 1f / (1 << 14);
        const double Small = 1.0 / (1 << 28);

        double expected = Vector.IsHardwareAccelerated ? 1 + tail * Small : 1 + (n - 1) * Small;
        double actual = SpanMath.SquaredDistance<float>(a, b);
        Assert.True(expected == actual,
            $"{n} features, {whole} to a vector: the squared distance is 1 + {(actual - 1) / Small:R}·2⁻²⁸, not 1 + {(expected - 1) / Small:R}·2⁻²⁸; whole vectors are summed in float (their small squares dropped), the rest of the row in double.");
    }

    /// <summary>
    /// The loss within the float tolerance of the double reference's; the rows within the gradient tolerance plus what
    /// assembling them in float may cost: each row value is Σ_j c_ij·(w_i − w_j), with c_ij rounded to float and n − 1
    /// float products and sums, within (n + 2)·u·Σ_j |c_ij·(w_i − w_j)| of its value in double. In a near-singular class
    /// those terms, with c_ij up to about 1/ε, cancel to a row far smaller than they are (semantics.md, Implementation notes).
    /// </summary>
    private static void AssertAgainstDouble(float[] w, int members, int features, double sigma, string name)
    {
        int[] labels = new int[members];
        double[] exact = w.ToDouble();
        var gradient = new float[w.Length];
        var expectedGradient = new double[w.Length];
        float loss = Regularizers.Create<float>(1, members, features).PrototypeDiversityLoss(w, labels, gradient, (float)sigma);
        double expected = Regularizers.Create<double>(1, members, features).PrototypeDiversityLoss(exact, labels, expectedGradient, sigma);

        Assert.True(float.IsFinite(loss), $"{name}: loss {loss}");
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: true, expectedGradient, gradient.ToDouble(), name, RowAssembly(exact, members, features, sigma));
    }

    /// <summary>(n + 2)·u·Σ_j |c_ij·(w_i − w_j)| for every value of every row, c_ij = (2/σ²)·(B⁻¹)_ij·K_ij, in double.</summary>
    private static double[] RowAssembly(double[] w, int n, int features, double sigma)
    {
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int f = 0; f < features; f++) d[i, j] += (w[i * features + f] - w[j * features + f]) * (w[i * features + f] - w[j * features + f]);

        (double[,] k, double[,] inverse, _) = ClassGram.FromDistances(d, sigma, 1e-6);
        double gamma = (n + 2) * UnitRoundoff;
        var bound = new double[n * features];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double c = 2 / (sigma * sigma) * inverse[i, j] * k[i, j];
                for (int f = 0; f < features; f++) bound[i * features + f] += gamma * Math.Abs(c * (w[i * features + f] - w[j * features + f]));
            }

        return bound;
    }
}
