using Microsoft.CodeAnalysis;

namespace KernelGen.Generators.Tests;

/// <summary>The loss's remarks, which IntelliSense shows, describe the shape's own kernels: its path, its cores, its scratch.</summary>
public class GeneratedDocsTests
{
    [Theory]
    [InlineData("[Shapes(1000, 8, 64, Parallel = true)]", "over every core (<c>Parallel = true</c>)", "calling thread")]
    [InlineData("[Shapes(4, 3, 64, Parallel = true)]", "run on the calling thread although <c>Parallel = true</c>", "over every core (")]
    [InlineData("[Shapes(32, 8, 64, Parallel = true)]", "The shape is under 3 chunks of work, too small to pay for waking other cores", "over every core (")]
    [InlineData("[Shapes(1000, 8, 64, Parallel = true)]", "the first calls rent scratch from the shared ArrayPool; the first on each thread makes its parallel job).", "Allocates nothing.")]
    [InlineData("[Shapes(4, 3, 64)]", "Allocates nothing once warm (the first call builds the shape's label tables).", "Parallel = true")]
    [InlineData("[Shapes(2, 16, 12)]", "the first calls rent scratch from the shared ArrayPool", "Allocates nothing.")]
    [InlineData("[Shapes(2, 16, 12)]", "loops over scratch memory rented from the shared ArrayPool.", "on the stack")]
    [InlineData("[Shapes(2, 9, 12)]", "loops over scratch memory on the stack. ", "ArrayPool")]
    [InlineData("[Shapes(4, 1, 8)]", "nothing is factorised. Allocates nothing.", "The gradient is (2/σ²)")]
    public void The_loss_remarks_describe_the_shape(string attribute, string present, string absent)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + attribute + " public static partial class Reg { }\n");
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        int start = source.IndexOf("/// <remarks>\n        /// Specialised for", StringComparison.Ordinal);
        Assert.True(start >= 0, "no loss remarks");
        string remarks = source[start..source.IndexOf("/// </remarks>", start, StringComparison.Ordinal)];
        Assert.Contains(present, remarks, StringComparison.Ordinal);
        Assert.DoesNotContain(absent, remarks, StringComparison.Ordinal);
    }
}
