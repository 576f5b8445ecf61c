using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every <c>csharp</c> block of README.md and of each package's PACKAGE.md (the package page) is a whole
/// <c>Program.cs</c>: compiled as a new console app would compile it (its implicit usings, nullable on, the generator
/// running, both packages referenced), with no warning, then run, and its output checked against what the text around
/// it promises.
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

    private const string Readme = "README.md";
    private const string RuntimePackage = "src/KernelGen/PACKAGE.md";
    private const string CompilerPackage = "src/KernelGen.Compiler/PACKAGE.md";

    /// <summary>What each document must show, block by block: a name for the test output, and the check of its output.</summary>
    private static readonly Dictionary<string, (string Shows, Action<string> Check)[]> s_expected = new()
    {
        [Readme] =
        [
            ("quick start", QuickStart),
            ("three engines, with the compiler's namespace", ThreeEngines),
            ("tensors", Tensors),
            ("Parallel = true", Parallel),
            ("a training loop", TrainingLoop),
            ("online training: one class at a time", OnlineTraining),
        ],
        [RuntimePackage] = [("the package's example", RuntimePackageExample), ("the package's online example", RuntimePackageOnline)],
        [CompilerPackage] = [("the compiler package's example", CompilerPackageExample)],
    };

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var (document, blocks) in s_expected)
        {
            for (int i = 0; i < blocks.Length; i++)
            {
                data.Add(document, i);
            }
        }

        return data;
    }

    private static List<string> CSharpBlocks(string document) =>
        [.. BlockPattern().Matches(File.ReadAllText(RepositoryPaths.Combine(document.Split('/')))).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    [Theory]
    [InlineData(Readme)]
    [InlineData(RuntimePackage)]
    [InlineData(CompilerPackage)]
    public void Every_csharp_block_of_the_document_is_checked(string document) =>
        Assert.Equal(s_expected[document].Length, CSharpBlocks(document).Count);

    /// <summary>The README is read first and whole: it stays within 18,000 characters (as <c>wc -m</c> counts them).</summary>
    [Fact]
    public void The_README_stays_within_its_budget()
    {
        int characters = RepositoryPaths.CountCharacters(RepositoryPaths.Combine(Readme));
        Assert.True(characters <= 18_000, $"README.md has {characters} characters, over its budget of 18,000");
    }

    [Fact]
    public void The_compiled_engine_is_shown_with_its_namespace()
    {
        foreach (string document in new[] { Readme, CompilerPackage })
        {
            Assert.All(CSharpBlocks(document).Where(b => b.Contains("KernelCompiler", StringComparison.Ordinal)),
                block => Assert.Contains("using KernelGen.Compiler;", block, StringComparison.Ordinal));
        }
    }

    /// <summary>A package page is read on a package site, where repository paths and images do not resolve.</summary>
    [Theory]
    [InlineData(RuntimePackage)]
    [InlineData(CompilerPackage)]
    public void A_package_page_has_no_relative_link_and_no_image(string document)
    {
        string text = File.ReadAllText(RepositoryPaths.Combine(document.Split('/')));
        Assert.DoesNotContain("![", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(Regex.Matches(text, @"\]\(([^)]*)\)").Select(m => m.Groups[1].Value),
            target => Assert.StartsWith("https://", target, StringComparison.Ordinal));
        Assert.DoesNotContain("samples/", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void A_block_compiles_as_a_console_app_and_runs(string document, int index)
    {
        string program = CSharpBlocks(document)[index];
        string output = CompileAndRun(program, $"{Path.GetFileNameWithoutExtension(document)}{index}");
        s_expected[document][index].Check(output);
    }

    private static string CompileAndRun(string program, string name)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(program, GeneratorHarness.ParseOptions, path: "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, path: "GlobalUsings.g.cs")],
            [.. GeneratorHarness.References, MetadataReference.CreateFromFile(typeof(KernelGen.Compiler.KernelCompiler).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assert.Empty(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));

        image.Position = 0;
        var context = new AssemblyLoadContext(name, isCollectible: true);
        context.Resolving += (_, assemblyName) => AssemblyLoadContext.Default.LoadFromAssemblyName(assemblyName);
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

        return captured.ToString();
    }

    private static double Number(Match match, int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static Match Line(string output, string pattern)
    {
        Match match = Regex.Match(output, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"no line matching {pattern} in:\n{output}");
        return match;
    }

    /// <summary>The float tolerance of docs/semantics.md for two losses.</summary>
    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected) + 1e-5, $"{actual} is not within the float tolerance of {expected}");

    private static void QuickStart(string output)
    {
        Match loss = Line(output, @"^diversity loss (-?[\d.]+), largest gradient entry ([\d.]+)");
        Assert.True(Number(loss, 1) > 1, output);    // σ on the scale of the distances: a loss well above 0 ...
        Assert.True(Number(loss, 2) > 0.01, output); // ... and a real gradient
        Line(output, @"^16 of 64 relevances non-zero after one prox step$");
    }

    private static void ThreeEngines(string output)
    {
        Match generated = Line(output, @"^10 × 3 × 64 float \(SourceGenerated\): loss (\S+)$");
        Match compiled = Line(output, @"^10 × 3 × 64 float \(Compiled\): loss (\S+)$");
        Match reference = Line(output, @"^10 × 3 × 64 float \(Reference\): loss (\S+)$");
        Assert.Equal(generated.Groups[1].Value, compiled.Groups[1].Value);   // the same code: the same bits
        Assert.True(Number(generated, 1) > 1, output);
        Close(Number(reference, 1), Number(generated, 1));
    }

    private static void Tensors(string output)
    {
        Match both = Line(output, @"^tensor (\S+), span (\S+)$");
        Assert.Equal(both.Groups[2].Value, both.Groups[1].Value);
        Assert.True(Number(both, 1) > 1, output);
    }

    private static void Parallel(string output)
    {
        Match line = Line(output, @"^parallel (\S+), again (\S+), same gradient True, reference (\S+)$");
        Assert.Equal(line.Groups[1].Value, line.Groups[2].Value);
        Assert.True(Number(line, 1) > 1, output);
        Close(Number(line, 3), Number(line, 1));
    }

    private static void TrainingLoop(string output)
    {
        Match first = Line(output, @"^step 0: diversity ([\d.]+), non-zero relevances (\d+)/16$");
        Match last = Line(output, @"^step 200: diversity ([\d.]+), non-zero relevances (\d+)/16$");
        Assert.True(Number(last, 1) < Number(first, 1) / 2, output);        // the collapsed prototypes spread out
        int nonZero = int.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(nonZero, 1, 15);                                     // sparse, but not empty
    }

    private static void OnlineTraining(string output)
    {
        Line(output, @"^class 2: term -?[\d.]+, rows equal the full call's: True$");
        Line(output, @"^class 7: term -?[\d.]+, rows equal the full call's: True$");
        Match sums = Line(output, @"^sum of all terms (-?[\d.]+), full loss (-?[\d.]+)$");
        double sum = Number(sums, 1), loss = Number(sums, 2);
        Assert.True(loss > 1, output);                                           // the classes' blocks are far from I
        Assert.True(Math.Abs(sum - loss) <= 1e-5 * Math.Abs(loss) + 1e-5 + 1e-3, output);   // float loss tolerance, printed to 3 decimals
    }

    private static void RuntimePackageExample(string output)
    {
        Match loss = Line(output, @"^generated ([\d.]+), reference ([\d.]+)$");
        Assert.True(Number(loss, 1) > 0, output);
        Close(Number(loss, 2), Number(loss, 1));
        Line(output, @"^4 of 8 relevances non-zero$");
    }

    private static void RuntimePackageOnline(string output)
    {
        Match line = Line(output, @"^class 42: term ([\d.]+), rows equal the full call's: True$");
        Assert.True(Number(line, 1) > 0.01, output);   // four members within σ of each other: far from I
    }

    private static void CompilerPackageExample(string output)
    {
        Match line = Line(output, @"^5 × 4 × 32 double \(Compiled\): compiled True, loss ([\d.]+), reference ([\d.]+)$");
        Assert.True(Number(line, 1) > 0, output);
        Assert.True(Math.Abs(Number(line, 1) - Number(line, 2)) <= 1e-8 * Number(line, 2) + 2e-9, output);   // double tolerance, printed to 9 decimals
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
