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
    public void Double_rows_meet_the_gradient_tolerance(int nClasses, int members, double sigma, int seed) =>
        NearSingularLine.AssertDouble(Compiled<double>(nClasses, members), sigma, seed);

    [Theory]
    [MemberData(nameof(Lines))]
    public void Float_rows_meet_the_gradient_tolerance_plus_their_float_assembly(int nClasses, int members, double sigma, int seed) =>
        NearSingularLine.AssertFloat(Compiled<float>(nClasses, members), sigma, seed);

    private static PrototypeRegularizer<T> Compiled<T>(int nClasses, int members)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        PrototypeRegularizer<T> compiled = KernelCompiler.Compile<T>(nClasses, members, 1);
        Assert.True(compiled.IsCompiled);
        return compiled;
    }
}
