using Microsoft.CodeAnalysis;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The whole generated file for representative shapes, compared with committed snapshots: one block, one block in
/// double with a tail, the loop path, several blocks (the group loop and the determinants' fold), the sample's shape, and
/// a shape split over the cores (its range structs).
/// </summary>
public class SnapshotTests
{
    /// <summary>The snapshots' update switch never rewrites the runtime file, nor the other way round.</summary>
    [Fact]
    public void The_snapshot_switch_is_not_the_runtime_file_switch() =>
        Assert.NotEqual(Snapshot.UpdateVariable, KernelGen.Generators.Emitting.RuntimeFileWriter.UpdateVariable);

    [Theory]
    [InlineData("Shape4x3x64f", "[Shapes(4, 3, 64)] public static partial class Shape4x3x64f;")]
    [InlineData("Shape3x5x17d", "[Shapes(3, 5, 17, ElementType = typeof(double))] public partial class Shape3x5x17d;")]
    [InlineData("Shape2x16x12f", "[Shapes(2, 16, 12)] public static partial class Shape2x16x12f;")]
    [InlineData("Shape10x3x64f", "[Shapes(10, 3, 64)] public static partial class Shape10x3x64f;")]
    [InlineData("Shape100x8x64fParallel", "[Shapes(100, 8, 64, Parallel = true)] public static partial class Shape100x8x64fParallel;")]
    public void Generated_file_matches_snapshot(string name, string declaration)
    {
        var (result, diagnostics) = GeneratorHarness.Run($"using KernelGen;\nnamespace Snapshots;\n{declaration}\n");
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Snapshot.Match(result.GeneratedSources.Single().SourceText.ToString(), name);
    }
}
