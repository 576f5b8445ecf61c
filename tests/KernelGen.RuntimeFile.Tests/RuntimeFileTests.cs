using KernelGen.Generators.Emitting;
using KernelGen.Generators.Tests;

namespace KernelGen.RuntimeFile.Tests;

/// <summary>
/// The unrolled per-m code the generated kernels call lives in the runtime library (<c>Unrolled.g.cs</c>), rendered by
/// the generator's own writers. It has its own update switch, apart from the snapshots': regenerating the snapshots
/// must not silently rewrite a file of the runtime library, nor the other way round. Its project builds the generator
/// alone, so the file can be rendered when a writer has changed a method that generated code calls and the projects
/// that compile generated code cannot build against the old file.
/// </summary>
public class RuntimeFileTests
{
    /// <summary>The checked-in file is exactly what the writers render now.</summary>
    [Fact]
    public void Runtime_unrolled_code_matches_the_writer()
    {
        string project = typeof(RuntimeFileTests).Assembly.GetName().Name!;
        RenderedFile.Match(RepositoryPaths.Combine(RuntimeFileWriter.Path), RuntimeFileWriter.Render(), "What RuntimeFileWriter renders",
            RuntimeFileWriter.UpdateVariable, $"{RuntimeFileWriter.UpdateVariable}=1 dotnet test tests/{project}");
    }

    /// <summary>The file's header says how to regenerate it, with the switch and the test that exist.</summary>
    [Fact]
    public void The_header_says_how_to_regenerate_the_file()
    {
        string project = typeof(RuntimeFileTests).Assembly.GetName().Name!;
        string header = string.Join("\n", RuntimeFileWriter.Render().Split('\n').Take(6));
        Assert.Contains($"{RuntimeFileWriter.UpdateVariable}=1 dotnet test tests/{project}", header);
        Assert.True(File.Exists(RepositoryPaths.Combine("tests", project, $"{project}.csproj")));
        Assert.True(File.Exists(RepositoryPaths.Combine("generators", "KernelGen.Generators", "Emitting", "RuntimeFileWriter.cs")));
    }
}
