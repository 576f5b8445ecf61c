namespace KernelGen.Testing;

/// <summary>
/// Many members of a class on a line (one feature), each σ/10 to σ/2 from the next: a Gram matrix whose smallest
/// eigenvalues lie far below ε, so that each block's condition number is near n/ε, the most semantics.md's tolerances
/// assume at ε = 1e-6; and their loss and rows from <see cref="ExactDiversity"/>, the formula in 256-bit fixed point, with
/// the bound on assembling each float row value in float (semantics.md, Implementation notes).
/// </summary>
internal static class NearSingularLine
{
    private const double FloatUnitRoundoff = 1.0 / (1 << 24);

    /// <summary>
    /// Classes of <paramref name="members"/> each, their members interleaved in the labels, each class a walk along the
    /// line from its own start with steps of σ/10 to σ/2.
    /// </summary>
    public static (double[] W, int[] Labels) Line(int nClasses, int members, double sigma, int seed)
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

    /// <summary>
    /// The exact loss and rows (ε = 1e-6), and for each value the float assembly bound
    /// (n + 2)·u·Σ_j |c_ij·(w_i − w_j)|, u = 2⁻²⁴.
    /// </summary>
    public static (double Loss, double[] Gradient, double[] FloatAssembly) Exact(double[] w, int[] labels, int nClasses, double sigma)
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
                assembly[rows[i]] = (n + 2) * FloatUnitRoundoff * sum;
            }
        }

        return (loss, gradient, assembly);
    }

    /// <summary>
    /// <paramref name="engine"/>'s loss and rows on <see cref="Line"/>'s classes (its shape's, one feature) against the
    /// exact ones: within the double tolerances of semantics.md.
    /// </summary>
    public static void AssertDouble(PrototypeRegularizer<double> engine, double sigma, int seed)
    {
        (double[] w, int[] labels) = Line(engine.NClasses, engine.MaxPerClass, sigma, seed);
        var gradient = new double[w.Length];
        double loss = engine.PrototypeDiversityLoss(w, labels, gradient, sigma);

        (double expected, double[] expectedGradient, _) = Exact(w, labels, engine.NClasses, sigma);
        string name = $"{engine} on a line, σ = {sigma}";
        GoldenTolerance.AssertLoss(isFloat: false, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: false, expectedGradient, gradient, name);
    }

    /// <summary>
    /// <paramref name="engine"/>'s loss and rows on <see cref="Line"/>'s classes against the exact ones: the loss within
    /// the float tolerance, the rows within it plus their float assembly bound, which they need (without it they miss the
    /// tolerance, so the case tests the bound, not a margin).
    /// </summary>
    public static void AssertFloat(PrototypeRegularizer<float> engine, double sigma, int seed)
    {
        (double[] line, int[] labels) = Line(engine.NClasses, engine.MaxPerClass, sigma, seed);
        float[] w = line.ToFloat();
        var gradient = new float[w.Length];
        float loss = engine.PrototypeDiversityLoss(w, labels, gradient, (float)sigma);

        (double expected, double[] expectedGradient, double[] assembly) = Exact(w.ToDouble(), labels, engine.NClasses, sigma);
        string name = $"{engine} on a line, σ = {sigma}";
        double[] rows = gradient.ToDouble();
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: true, expectedGradient, rows, name, assembly);
        double tolerance = GoldenTolerance.GradientTolerance(isFloat: true, expectedGradient);
        Xunit.Assert.False(expectedGradient.Zip(rows).All(p => Math.Abs(p.First - p.Second) <= tolerance), $"{name}: the rows meet the plain tolerance");
    }
}
