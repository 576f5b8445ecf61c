using Microsoft.CodeAnalysis;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The whole generated file for representative shapes, compared with committed snapshots: one block, one block in
/// double with a tail, the loop path, several blocks (the group loop and the determinants' fold; the sample's shape),
/// and a shape split over the cores (its range structs).
/// </summary>
public class SnapshotTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "Shape4x3x64f", "[Shapes(4, 3, 64)] public static partial class Shape4x3x64f;" },
        { "Shape3x5x17d", "[Shapes(3, 5, 17, ElementType = typeof(double))] public partial class Shape3x5x17d;" },
        { "Shape2x16x12f", "[Shapes(2, 16, 12)] public static partial class Shape2x16x12f;" },
        { "Shape10x3x64f", "[Shapes(10, 3, 64)] public static partial class Shape10x3x64f;" },
        { "Shape100x8x64fParallel", "[Shapes(100, 8, 64, Parallel = true)] public static partial class Shape100x8x64fParallel;" },
    };

    /// <summary>The snapshots' update switch never rewrites the runtime file, nor the other way round.</summary>
    [Fact]
    public void The_snapshot_switch_is_not_the_runtime_file_switch() =>
        Assert.NotEqual(Snapshot.UpdateVariable, KernelGen.Generators.Emitting.RuntimeFileWriter.UpdateVariable);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_file_matches_snapshot(string name, string declaration)
    {
        var (result, diagnostics) = GeneratorHarness.Run($"using KernelGen;\nnamespace Snapshots;\n{declaration}\n");
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Snapshot.Match(result.GeneratedSources.Single().SourceText.ToString(), name);
    }

    /// <summary>A case that leaves the list leaves no snapshot behind, which nothing would compare any more.</summary>
    [Fact]
    public void The_snapshots_folder_holds_one_file_for_each_case_and_no_other()
    {
        var files = Directory.EnumerateFiles(Snapshot.Folder).Order(StringComparer.Ordinal);
        var cases = Cases().Select(row => Snapshot.PathOf((string)row[0])).Order(StringComparer.Ordinal);
        Assert.Equal(cases, files);
    }

    /// <summary>
    /// The generated size docs/benchmarks.md gives for 4 × 3 × 64 float is the snapshot's, in characters as
    /// <c>wc -m</c> counts them: a change to the generated text changes both.
    /// </summary>
    [Fact]
    public void The_size_the_benchmarks_page_gives_is_the_snapshots()
    {
        string page = File.ReadAllText(RepositoryPaths.Combine("docs", "benchmarks.md"));
        var row = System.Text.RegularExpressions.Regex.Match(page, @"^\| 4 × 3 × 64 float \(`wc -m` of the snapshot\) \| ([0-9,]+) \|$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(row.Success, "docs/benchmarks.md has no row for the 4 × 3 × 64 float snapshot's size");
        int characters = RepositoryPaths.CountCharacters(Snapshot.PathOf("Shape4x3x64f"));
        string size = characters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(size == row.Groups[1].Value,
            $"docs/benchmarks.md gives the 4 × 3 × 64 float snapshot {row.Groups[1].Value} characters, but it has {size}: set the page's row by hand");
    }

    /// <summary>A user reads the generated file of a typical shape: the 4 × 3 × 64 float snapshot stays within 30,000 characters.</summary>
    [Fact]
    public void The_4x3x64_file_stays_within_its_budget()
    {
        int characters = RepositoryPaths.CountCharacters(Snapshot.PathOf("Shape4x3x64f"));
        Assert.True(characters <= 30_000, $"The 4 × 3 × 64 float file has {characters} characters, over its budget of 30,000");
    }
}
