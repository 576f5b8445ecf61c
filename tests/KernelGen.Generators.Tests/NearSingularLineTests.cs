using KernelGen.Compiler;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The generated code, compiled for shapes of one feature, on many members of a class on a line
/// (<see cref="NearSingularLine"/>): blocks whose condition number is near n/ε, held to semantics.md's tolerances
/// against the formula in 256-bit fixed point. Double rows meet the plain gradient tolerance; float rows, assembled in
/// float from coefficients of about 1/ε that cancel to rows a millionth of their size, meet it plus their float assembly
/// bound, and miss the plain tolerance. Eight members take the unrolled path, more the loop path.
/// </summary>
public class NearSingularLineTests
{
    public static TheoryData<int, int, double, int> Lines() => new()
    {
        { 1, 8, 1.0, 1 },
        { 2, 16, 1.5, 2 },
        { 2, 64, 1.0, 5 },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Double_rows_meet_the_gradient_tolerance(int nClasses, int members, double sigma, int seed)
    {
        (double[] w, int[] labels) = NearSingularLine.Line(nClasses, members, sigma, seed);
        var gradient = new double[w.Length];
        PrototypeRegularizer<double> compiled = KernelCompiler.Compile<double>(nClasses, members, 1);
        Assert.True(compiled.IsCompiled);
        double loss = compiled.PrototypeDiversityLoss(w, labels, gradient, sigma);

        (double expected, double[] expectedGradient, _) = NearSingularLine.Exact(w, labels, nClasses, sigma);
        string name = $"compiled {nClasses} × {members} × 1 on a line, σ = {sigma}";
        GoldenTolerance.AssertLoss(isFloat: false, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: false, expectedGradient, gradient, name);
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Float_rows_meet_the_gradient_tolerance_plus_their_float_assembly(int nClasses, int members, double sigma, int seed)
    {
        (double[] line, int[] labels) = NearSingularLine.Line(nClasses, members, sigma, seed);
        float[] w = line.ToFloat();
        var gradient = new float[w.Length];
        PrototypeRegularizer<float> compiled = KernelCompiler.Compile<float>(nClasses, members, 1);
        Assert.True(compiled.IsCompiled);
        float loss = compiled.PrototypeDiversityLoss(w, labels, gradient, (float)sigma);

        (double expected, double[] expectedGradient, double[] assembly) = NearSingularLine.Exact(w.ToDouble(), labels, nClasses, sigma);
        string name = $"compiled {nClasses} × {members} × 1 on a line, σ = {sigma}";
        GoldenTolerance.AssertLoss(isFloat: true, expected, loss, name);
        GoldenTolerance.AssertGradient(isFloat: true, expectedGradient, gradient.ToDouble(), name, assembly);
        // The allowance is needed: without it these rows miss the tolerance, so the case tests the bound, not a margin.
        Assert.False(GradientWithinPlainTolerance(expectedGradient, gradient.ToDouble()), $"{name}: the rows meet the plain tolerance");
    }

    private static bool GradientWithinPlainTolerance(double[] expected, double[] actual)
    {
        double tolerance = GoldenTolerance.GradientTolerance(isFloat: true, expected);
        return expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= tolerance);
    }
}
