using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>Runs <see cref="ShapesGenerator"/> through Roslyn's driver on source text, as the compiler would.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(ShapesAttribute).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.ReadOnlyTensorSpan<>).Assembly.Location)];

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(ParseOptions, sources);

    public static CSharpCompilation Compilation(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "UserProject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"File{i}.cs")),
            References,
            // Every warning wave on, as a .NET 10 project compiles (its WarningLevel follows the target framework): the
            // default level, 4, would hide later waves' warnings in generated code, such as CS8981 on a lower-case name.
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorDriver Driver() => Driver(ParseOptions);

    public static GeneratorDriver Driver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            [new ShapesGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the diagnostics of the compilation with the generated code added.</summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(params string[] sources) =>
        Run(ParseOptions, sources);

    /// <summary>As <see cref="Run(string[])"/>, the user's project compiling the given C# version.</summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(LanguageVersion version, params string[] sources) =>
        Run(new CSharpParseOptions(version), sources);

    private static (GeneratorRunResult Result, ImmutableArray<Diagnostic> CompilationDiagnostics) Run(CSharpParseOptions parseOptions, string[] sources)
    {
        var compilation = Compilation(parseOptions, sources);
        GeneratorDriver driver = Driver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver.GetRunResult().Results.Single(), output.GetDiagnostics());
    }
}
