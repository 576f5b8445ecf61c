using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// Many members of a class on a line (one feature), each σ/10 to σ/2 from the next: a Gram matrix whose smallest
/// eigenvalues lie far below ε, so that each block's condition number is near n/ε, the most semantics.md's tolerances
/// assume at ε = 1e-6. The reference is held to them against <see cref="ExactDiversity"/>, the formula in 256-bit fixed
/// point, not against its own double engine: double rows to the plain gradient tolerance, float rows to it plus what
/// assembling them in float may cost (semantics.md, Implementation notes), which such classes need.
/// </summary>
public class NearSingularLineTests
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    [Theory]
    [InlineData(1, 8, 1.0, 1)]
    [InlineData(2, 16, 1.5, 2)]
    [InlineData(3, 32, 2.0, 3)]
    [InlineData(1, 64, 1.5, 4)]
    [InlineData(2, 64, 1.0, 5)]
    public void Double_rows_meet_the_gradient_tolerance(int nClasses, int members, double sigma, int seed)
    {
        (double[] w, int[] labels) = Line(nClasses, members, sigma, seed);
        var gradient = new double[w.Length];
        double loss = Regularizers.Create<double>(nClasses, members, 1).PrototypeDiversityLoss(w, labels, gradient, sigma);

        (double expected, double[] expectedGradient, _) = Exact(w, labels, nClasses, sigma);
        string name = $"{nClasses} × {members} on a line, σ = {sigma}";
        GoldenTolerance.AssertLoss(isFloat: false, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: false, expectedGradient, gradient, name);
    }

    /// <summary>
    /// Each float row value is Σ_j c_ij·(w_i − w_j) in float, within (n + 2)·u·Σ_j |c_ij·(w_i − w_j)| of its value from
    /// double; the c_ij reach about 1/ε and their terms cancel to rows about a millionth of their size, so that bound,
    /// several times the tolerance, is what these rows are held to beyond it. The loss needs no allowance.
    /// </summary>
    [Theory]
    [InlineData(1, 8, 1.0, 1)]
    [InlineData(2, 16, 1.5, 2)]
    [InlineData(3, 32, 2.0, 3)]
    [InlineData(1, 64, 1.5, 4)]
    [InlineData(2, 64, 1.0, 5)]
    public void Float_rows_meet_the_gradient_tolerance_plus_their_float_assembly(int nClasses, int members, double sigma, int seed)
    {
        (double[] line, int[] labels) = Line(nClasses, members, sigma, seed);
        float[] w = line.ToFloat();
        var gradient = new float[w.Length];
        float loss = Regularizers.Create<float>(nClasses, members, 1).PrototypeDiversityLoss(w, labels, gradient, (float)sigma);

        (double expected, double[] expectedGradient, double[] assembly) = Exact(w.ToDouble(), labels, nClasses, sigma);
        string name = $"{nClasses} × {members} on a line, σ = {sigma}";
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: true, expectedGradient, gradient.ToDouble(), name, assembly);
    }

    /// <summary>
    /// Classes of the given size, their members interleaved in the labels, each class a walk along the line from its own
    /// start with steps of σ/10 to σ/2.
    /// </summary>
    private static (double[] W, int[] Labels) Line(int nClasses, int members, double sigma, int seed)
    {
        var random = new Random(seed);
        var w = new double[nClasses * members];
        var labels = new int[nClasses * members];
        for (int c = 0; c < nClasses; c++)
        {
            double x = 10 * (random.NextDouble() - 0.5);
            for (int i = 0; i < members; i++)
            {
                int row = i * nClasses + c;
                labels[row] = c;
                w[row] = x;
                x += sigma * (0.1 + 0.4 * random.NextDouble());
            }
        }

        return (w, labels);
    }

    /// <summary>The exact loss and rows, and for each value the float assembly bound (n + 2)·u·Σ_j |c_ij·(w_i − w_j)|.</summary>
    private static (double Loss, double[] Gradient, double[] Assembly) Exact(double[] w, int[] labels, int nClasses, double sigma)
    {
        double loss = 0;
        var gradient = new double[w.Length];
        var assembly = new double[w.Length];
        for (int c = 0; c < nClasses; c++)
        {
            int[] rows = TestData.RowsOf(labels, c);
            int n = rows.Length;
            double[] members = [.. rows.Select(r => w[r])];
            (double term, double[] classRows, double[,] coefficients) = ExactDiversity.Class(members, 1, sigma, 1e-6);
            loss += term;
            for (int i = 0; i < n; i++)
            {
                gradient[rows[i]] = classRows[i];
                double sum = 0;
                for (int j = 0; j < n; j++) sum += Math.Abs(coefficients[i, j] * (members[i] - members[j]));
                assembly[rows[i]] = (n + 2) * UnitRoundoff * sum;
            }
        }

        return (loss, gradient, assembly);
    }
}
