using Microsoft.CodeAnalysis;

namespace KernelGen.Generators.Tests;

/// <summary>
/// A project marked <c>[assembly: CLSCompliant(true)]</c> may declare public <c>[Shapes]</c> classes: their public
/// members, <c>Regularizer</c> among them, use only types a CLS-compliant assembly may expose (KernelGen is marked
/// compliant; the plumbing the kernels call inside is not, and stays out of their signatures).
/// </summary>
public class ClsComplianceTests
{
    [Theory]
    [InlineData("[Shapes(4, 3, 64)] public static partial class C;")]
    [InlineData("[Shapes(3, 5, 17, ElementType = typeof(double))] public partial class C;")]
    [InlineData("[Shapes(2, 16, 12)] public sealed partial class C;")]
    [InlineData("[Shapes(100, 8, 64, Parallel = true)] public static partial class C;")]
    [InlineData("[Shapes(3, 1, 8)] public partial record C;")]
    [InlineData("public partial class Outer<T> { [Shapes(3, 3, 20)] public partial class C; }")]
    public void Public_shapes_compile_warning_free_in_a_CLS_compliant_project(string declaration)
    {
        var (result, diagnostics) = GeneratorHarness.Run($"using KernelGen;\n[assembly: System.CLSCompliant(true)]\nnamespace N;\n{declaration}\n");

        Assert.Single(result.GeneratedSources);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
