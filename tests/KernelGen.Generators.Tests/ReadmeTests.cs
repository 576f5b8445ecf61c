using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every <c>csharp</c> block of README.md is a whole <c>Program.cs</c>: compiled as a new console app would compile it
/// (its implicit usings, nullable on, the generator running), with no warning, then run, and its output checked.
/// </summary>
[Collection(ConsoleCollection.Name)]
public partial class ReadmeTests
{
    /// <summary>The global usings of <c>dotnet new console</c>.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<int> Blocks() => new(Enumerable.Range(0, CSharpBlocks().Count));

    private static List<string> CSharpBlocks() =>
        [.. BlockPattern().Matches(File.ReadAllText(RepositoryPaths.Combine("README.md"))).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    [Fact]
    public void The_readme_has_its_two_programs() => Assert.Equal(2, CSharpBlocks().Count);

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_readme_block_compiles_as_a_console_app_and_runs(int index)
    {
        string program = CSharpBlocks()[index];
        var compilation = CSharpCompilation.Create(
            $"ReadmeBlock{index}",
            [CSharpSyntaxTree.ParseText(program, GeneratorHarness.ParseOptions, path: "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        image.Position = 0;
        var context = new AssemblyLoadContext($"readme-{index}", isCollectible: true);
        context.Resolving += (_, name) => AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        Assembly assembly = context.LoadFromStream(image);
        TextWriter original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            MethodInfo entry = assembly.EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(original);
            context.Unload();
        }

        string text = captured.ToString();
        if (index == 0)
        {
            Match loss = Regex.Match(text, @"diversity loss (-?[\d.]+), largest gradient entry ([\d.]+)");
            Assert.True(loss.Success, text);
            Assert.True(double.Parse(loss.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.01, text);   // σ on the right scale: a real gradient
            Assert.Matches(@"16 of 64 relevances non-zero after one prox step", text);
        }
        else
        {
            Match both = Regex.Match(text, @"static: (-?[\d.]+), through the shared API: (-?[\d.]+)");
            Assert.True(both.Success, text);
            Assert.Equal(both.Groups[1].Value, both.Groups[2].Value);
        }
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
