namespace KernelGen.Generators.Tests;

/// <summary>
/// Whole-file snapshots kept as committed <c>Snapshots/*.verified.cs</c> files (Verify is not available here).
/// Set <c>KERNELGEN_UPDATE_SNAPSHOTS=1</c> to rewrite them from the current generator, then review the diff.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "KERNELGEN_UPDATE_SNAPSHOTS";

    /// <summary>The folder of the snapshots.</summary>
    public static string Folder => RepositoryPaths.Combine("tests", "KernelGen.Generators.Tests", "Snapshots");

    /// <summary>The snapshot of the case <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name + ".verified.cs");

    public static void Match(string actual, string name)
    {
        // The generator's version changes with every release; the snapshot keeps a placeholder.
        actual = actual.Replace($"\"{ShapesGenerator.Emitter.Version}\"", "\"{VERSION}\"", StringComparison.Ordinal)
                       .Replace($"KernelGen {ShapesGenerator.Emitter.Version}:", "KernelGen {VERSION}:", StringComparison.Ordinal);
        RenderedFile.Match(PathOf(name), actual, $"The generated file of {name}", UpdateVariable,
            $"{UpdateVariable}=1 dotnet test tests/KernelGen.Generators.Tests --filter SnapshotTests");
    }
}
