using System.Xml.Linq;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>Guards for what the package promises about the generator.</summary>
public class PackagingTests
{
    // Every .NET 10 SDK ships a compiler that can load analyzers built against Roslyn 5.0.0 or older.
    private static readonly Version s_maxRoslyn = new(5, 0, 0, 0);

    [Fact]
    public void The_generator_references_a_Roslyn_every_NET_10_SDK_can_load()
    {
        var references = typeof(ShapesGenerator).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references, a => Assert.True(a.Version! <= s_maxRoslyn, $"{a.Name} {a.Version} > {s_maxRoslyn}"));
    }

    [Fact]
    public void Central_package_versions_keep_Roslyn_at_or_below_5_0_0()
    {
        var props = XDocument.Load(RepositoryPaths.Combine("Directory.Packages.props"));
        var roslyn = props.Descendants("PackageVersion")
            .Where(e => ((string?)e.Attribute("Include"))?.StartsWith("Microsoft.CodeAnalysis.CSharp", StringComparison.Ordinal) == true)
            .Select(e => Version.Parse((string)e.Attribute("Version")!))
            .ToList();
        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, v => Assert.True(v <= new Version(5, 0, 0), $"Microsoft.CodeAnalysis.CSharp {v} > 5.0.0"));
    }

    /// <summary>
    /// A project reference to the compiler does not bring its package's build file, so the sample (the README's
    /// example of a project reference) imports it: set to publish trimmed, the sample turns the run-time compiler off as
    /// a package reference would, and not otherwise.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_sample_takes_the_compilers_build_file_as_a_package_reference_would(bool trimmed)
    {
        string[] output = ChildProcess.OutputLines(new System.Diagnostics.ProcessStartInfo("dotnet",
            ["msbuild", RepositoryPaths.Combine("samples", "DigitsLvq", "DigitsLvq.csproj"), "-getItem:RuntimeHostConfigurationOption", $"-p:PublishTrimmed={(trimmed ? "true" : "false")}"]));
        using var json = System.Text.Json.JsonDocument.Parse(string.Join('\n', output));
        var values = json.RootElement.GetProperty("Items").GetProperty("RuntimeHostConfigurationOption").EnumerateArray()
            .Where(item => item.GetProperty("Identity").GetString() == "KernelGen.Compiler.KernelCompiler.IsSupported")
            .Select(item => item.GetProperty("Value").GetString())
            .ToList();
        Assert.Equal(trimmed ? ["false"] : [], values);
    }

    // (A Version on a PackageReference needs no test: central package management fails the restore with NU1008.)
    [Fact]
    public void No_project_overrides_a_central_version()
    {
        // VersionOverride is legal under central management, so restore would not catch one: this test must.
        string root = RepositoryPaths.Root;
        var offenders = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => XDocument.Load(p).Descendants("PackageReference").Any(e => e.Attribute("VersionOverride") is not null))
            .ToList();
        Assert.Empty(offenders);
    }
}
