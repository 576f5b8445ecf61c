namespace KernelGen.Generators.Tests;

/// <summary>
/// Finds files of the checkout the tests were built from. It walks up from the test binaries to the directory
/// holding <c>KernelGen.sln</c> instead of using <c>[CallerFilePath]</c>: CI builds set
/// <c>ContinuousIntegrationBuild</c>, whose path map turns every compiled source path into <c>/_/…</c>.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the directory that holds <c>KernelGen.sln</c>).</summary>
    public static string Root => s_root.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The characters of the file at <paramref name="path"/>, as <c>wc -m</c> counts them (Unicode scalars, not UTF-16 units).</summary>
    public static int CountCharacters(string path) => File.ReadAllText(path).EnumerateRunes().Count();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KernelGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No KernelGen.sln above {AppContext.BaseDirectory}; these tests read repository files and must run from a checkout.");
    }
}
