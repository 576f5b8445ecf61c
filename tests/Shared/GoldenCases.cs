using System.Text.Json;

namespace KernelGen.Testing;

/// <summary>One diversity-loss case of <c>regularizers.json</c> (see <c>docs/semantics.md</c>, Golden cases).</summary>
public sealed record DiversityCase(
    string Name, string ElementType, int NClasses, int MaxPerClass, int Features, double Sigma,
    int[] Labels, double[] Prototypes, double Loss, double[] Gradient)
{
    public bool IsFloat => ElementType == "float";

    /// <summary>The shape key the generated test classes are named by, e.g. <c>4x3x64f</c>.</summary>
    public string Shape => $"{NClasses}x{MaxPerClass}x{Features}{(IsFloat ? "f" : "d")}";

    public override string ToString() => Name;
}

/// <summary>One proximal-operator case of <c>regularizers.json</c>.</summary>
public sealed record ProxCase(
    string Name, string ElementType, int Features, int Rows, double L1, double L2, double Lr,
    double[] Relevances, double[] Soft, double[] Elastic)
{
    public bool IsFloat => ElementType == "float";

    public override string ToString() => Name;
}

/// <summary>Loads the float64 oracle cases copied from <c>shared/golden/regularizers.json</c> next to the test assembly.</summary>
public static class GoldenCases
{
    private static readonly Lazy<(DiversityCase[] Diversity, ProxCase[] Prox, double Epsilon)> s_cases = new(Load);

    public static IReadOnlyList<DiversityCase> Diversity => s_cases.Value.Diversity;

    public static IReadOnlyList<ProxCase> Prox => s_cases.Value.Prox;

    public static double Epsilon => s_cases.Value.Epsilon;

    /// <summary>Case names as xunit theory data, so each case is its own test.</summary>
    public static TheoryData<string> DiversityNames() => new(Diversity.Select(c => c.Name));

    /// <summary>Case names as xunit theory data.</summary>
    public static TheoryData<string> ProxNames() => new(Prox.Select(c => c.Name));

    public static DiversityCase DiversityCase(string name) => Diversity.Single(c => c.Name == name);

    public static ProxCase ProxCase(string name) => Prox.Single(c => c.Name == name);

    private static (DiversityCase[], ProxCase[], double) Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "regularizers.json");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<GoldenFile>(stream, options)
            ?? throw new InvalidDataException("regularizers.json is empty.");
        return (file.Diversity, file.Prox, file.Epsilon);
    }

    private sealed record GoldenFile(double Epsilon, DiversityCase[] Diversity, ProxCase[] Prox);
}

/// <summary>The tolerances of <c>docs/semantics.md</c> ("Tolerances that a correct implementation meets").</summary>
public static class GoldenTolerance
{
    /// <param name="allowance">Added to the tolerance: what rounding semantics.md permits can move the exact value by.</param>
    public static void AssertLoss(bool isFloat, double expected, double actual, string name, double allowance = 0)
    {
        double tol = LossTolerance(isFloat, expected) + allowance;
        Xunit.Assert.True(Math.Abs(actual - expected) <= tol,
            $"{name}: loss {actual:R} vs expected {expected:R} (|diff| {Math.Abs(actual - expected):E3} > tol {tol:E3})");
    }

    public static bool LossWithin(bool isFloat, double expected, double actual) =>
        Math.Abs(actual - expected) <= LossTolerance(isFloat, expected);

    private static double LossTolerance(bool isFloat, double expected) =>
        isFloat ? 1e-5 * Math.Abs(expected) + 1e-5 : 1e-10 * Math.Abs(expected) + 1e-10;

    /// <param name="allowance">Added to each value's tolerance: what rounding semantics.md permits can move it by.</param>
    public static void AssertGradient(bool isFloat, IReadOnlyList<double> expected, IReadOnlyList<double> actual, string name, IReadOnlyList<double>? allowance = null)
    {
        Xunit.Assert.Equal(expected.Count, actual.Count);
        double tol = GradientTolerance(isFloat, expected);
        double worst = double.NegativeInfinity;
        int worstAt = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            // The margin left at each value; a NaN difference fails at once.
            double excess = Math.Abs(actual[i] - expected[i]) - (tol + (allowance?[i] ?? 0));
            if (double.IsNaN(excess)) { worstAt = i; break; }
            if (excess > worst) { worst = excess; worstAt = i; }
        }

        if (worstAt < 0) return;
        double diff = Math.Abs(actual[worstAt] - expected[worstAt]), at = tol + (allowance?[worstAt] ?? 0);
        Xunit.Assert.True(diff <= at,
            $"{name}: gradient[{worstAt}] {actual[worstAt]:R} vs {expected[worstAt]:R} (|diff| {diff:E3} > tol {at:E3})");
    }

    public static bool GradientWithin(bool isFloat, IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        double tol = GradientTolerance(isFloat, expected);
        for (int i = 0; i < expected.Count; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= tol)) return false;
        return true;
    }

    /// <summary>semantics.md's gradient tolerance for <paramref name="expected"/>: relative to its largest magnitude.</summary>
    public static double GradientTolerance(bool isFloat, IReadOnlyList<double> expected)
    {
        double maxExpected = expected.Count == 0 ? 0 : expected.Max(Math.Abs);
        return isFloat ? 1e-4 * maxExpected + 1e-6 : 1e-8 * maxExpected + 1e-10;
    }

    /// <summary>Prox: expected zeros are exact zeros, others within 2e-7 relative (float) or 1e-15 (double).</summary>
    public static void AssertProx(bool isFloat, IReadOnlyList<double> expected, IReadOnlyList<double> actual, int count, string name)
    {
        Xunit.Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i] == 0)
            {
                Xunit.Assert.True(actual[i] == 0, $"{name}[{i}]: expected an exact zero, got {actual[i]:R}");
            }
            else
            {
                double rel = Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
                Xunit.Assert.True(rel <= (isFloat ? 2e-7 : 1e-15), $"{name}[{i}]: {actual[i]:R} vs {expected[i]:R} (rel {rel:E3})");
            }
        }

        Xunit.Assert.Equal(actual.Count(v => v != 0), count);
    }
}
