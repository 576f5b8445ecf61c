using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The reference on many members of a class on a line (<see cref="NearSingularLine"/>), held to semantics.md's tolerances
/// against the formula in 256-bit fixed point, not against its own double engine: double rows to the plain gradient
/// tolerance, float rows to it plus what assembling them in float may cost, which such classes need. The compiled
/// engine, which runs the generated code, is held to the same in the generator's tests.
/// </summary>
public class NearSingularLineTests
{
    /// <summary>Classes, members per class, σ and the walk's seed.</summary>
    public static TheoryData<int, int, double, int> Lines() => new()
    {
        { 1, 8, 1.0, 1 },
        { 2, 16, 1.5, 2 },
        { 3, 32, 2.0, 3 },
        { 1, 64, 1.5, 4 },
        { 2, 64, 1.0, 5 },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Double_rows_meet_the_gradient_tolerance(int nClasses, int members, double sigma, int seed) =>
        NearSingularLine.AssertDouble(Regularizers.Create<double>(nClasses, members, 1), sigma, seed);

    /// <summary>
    /// Each float row value is Σ_j c_ij·(w_i − w_j) in float, within (n + 2)·u·Σ_j |c_ij·(w_i − w_j)| of its value from
    /// double; the c_ij reach about 1/ε and their terms cancel to rows about a millionth of their size, so that bound,
    /// several times the tolerance, is what these rows are held to beyond it. The loss needs no allowance.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lines))]
    public void Float_rows_meet_the_gradient_tolerance_plus_their_float_assembly(int nClasses, int members, double sigma, int seed) =>
        NearSingularLine.AssertFloat(Regularizers.Create<float>(nClasses, members, 1), sigma, seed);
}
