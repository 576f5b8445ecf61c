using System.Globalization;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>The pipeline caches: unrelated edits regenerate nothing; changing one shape regenerates only that class.</summary>
public class IncrementalTests
{
    private const string Shapes = """
        using KernelGen;
        namespace N;
        [Shapes(4, 3, 64)] public static partial class A { }
        [Shapes(2, 2, 8)] public static partial class B { }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        // With a class that has an error (KG0002) and one that has a note and kernels (KG0007), so that the diagnostics
        // step has values to keep.
        const string withDiagnostics = Shapes + """

            [Shapes(0, 3, 64)] public static partial class Bad { }
            [Shapes(2, 12, 8)] public static partial class Loops { }
            """;
        var compilation = GeneratorHarness.Compilation(withDiagnostics, "namespace N; public class Other { public int X; }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal(["KG0002", "KG0007"], driver.GetRunResult().Diagnostics.Select(d => d.Id).Order());

        var edited = Edit(compilation, 1, "namespace N; public class Other { public int X; public int Y; }");
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in new[] { ShapesGenerator.TrackingNames.Parse, ShapesGenerator.TrackingNames.Spec, ShapesGenerator.TrackingNames.Diagnostics, ShapesGenerator.TrackingNames.ReservedNames })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o =>
                Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
    }

    /// <summary>
    /// A KG0014 clash keeps its syntax tree, which an edit to another file leaves as it was: the check's value stays
    /// equal, nothing downstream runs again, and the diagnostic is still reported once.
    /// </summary>
    [Fact]
    public void An_edit_elsewhere_keeps_a_reserved_name_clash_cached()
    {
        const string clash = "\nnamespace KernelGen.Generated { static class Validation { } }\n";
        var compilation = GeneratorHarness.Compilation(Shapes.Replace("namespace N;", "namespace N {", StringComparison.Ordinal) + "}" + clash, "namespace M; public class Other { }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "KG0014");

        var edited = Edit(compilation, 1, "namespace M; public class Other { public int Y; }");
        driver = driver.RunGenerators(edited);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Single(result.Diagnostics, d => d.Id == "KG0014");
        Assert.All(result.TrackedSteps[ShapesGenerator.TrackingNames.ReservedNames].SelectMany(s => s.Outputs), o =>
            Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
    }

    /// <summary>
    /// What the pipeline caches is plain data: no step's value reaches a symbol, a syntax node, a semantic model or a
    /// compilation, any of which would keep a whole compilation alive and compare unequal on every edit. A diagnostic's
    /// syntax tree is the one exception, on purpose (<c>DiagnosticInfo</c>'s remarks).
    /// </summary>
    [Fact]
    public void No_step_holds_a_symbol_a_node_a_semantic_model_or_a_compilation()
    {
        const string source = Shapes + """

            [Shapes(0, 3, 64)] public static partial class Bad { }
            [Shapes(2, 12, 8, Parallel = true, ElementType = typeof(double))] public partial class Loops { }
            [Shapes(4, 3, 8)] public partial record Rec(int Id);
            public partial class Outer<TItem> { [Shapes(2, 2, 4)] public partial class Inner { } }
            [Shapes(A.NClasses, 2, 4)] public static partial class Reader { }
            [Shapes(4, 3, 64)] public partial class Host { [Shapes(Features, 2, 2)] internal static partial class Nested { } }
            """;
        const string clash = "namespace KernelGen.Generated { static class Validation { } }";
        var compilation = GeneratorHarness.Compilation(source, clash);
        GeneratorRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();

        // The generator's own steps (the driver's inputs, before the parser's transform, hold nodes by design).
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string name in new[] { ShapesGenerator.TrackingNames.Parse, ShapesGenerator.TrackingNames.Spec, ShapesGenerator.TrackingNames.Diagnostics, ShapesGenerator.TrackingNames.ReservedNames })
        {
            var outputs = result.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            foreach (var (value, _) in outputs) Walk(value, name);
        }

        // The walk reached what each kind of value holds: nine classes (Reader and Nested read constants that others
        // generate, through a copy of the compilation), KG0002, KG0007 and KG0015 (Loops, too small to split), KG0012 (the
        // bare Features that Host's constants answer), and the clash (KG0014).
        Assert.Equal(9, visited.OfType<ParseResult>().Count());
        Assert.Equal(["KG0002", "KG0007", "KG0012", "KG0014", "KG0015"], visited.OfType<DiagnosticInfo>().Select(d => d.Descriptor.Id).Order(StringComparer.Ordinal));
        Assert.Contains(visited, v => v is SyntaxTree);

        void Walk(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
            {
                return;
            }

            Assert.False(
                value is ISymbol or SyntaxNode or SemanticModel or Compilation or SyntaxToken or SyntaxTrivia or Location { IsInSource: true },
                $"{path} holds a {value.GetType().Name}");
            if (value is SyntaxTree or DiagnosticDescriptor)
            {
                return;
            }

            if (value is System.Collections.IEnumerable items)
            {
                int index = 0;
                foreach (object? item in items) Walk(item, $"{path}[{index++}]");
            }

            for (Type? type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), $"{path}.{field.Name}");
                }
            }
        }
    }

    [Fact]
    public void A_diagnostics_only_edit_re_emits_no_source()
    {
        // A valid class and an invalid one (KG0002); the edit moves the invalid one down a line, so its diagnostic's
        // location changes while every model stays equal.
        const string invalid = "\n[Shapes(0, 3, 64)] public static partial class Bad { }\n";
        var compilation = GeneratorHarness.Compilation(Shapes + invalid);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = driver.GetRunResult().Diagnostics.Single(d => d.Id == "KG0002").Location.GetLineSpan().StartLinePosition.Line;

        var edited = Edit(compilation, 0, Shapes + "\n" + invalid);
        GeneratorDriver after = driver.RunGenerators(edited);
        GeneratorRunResult result = after.GetRunResult().Results.Single();

        Assert.Equal(before + 1, after.GetRunResult().Diagnostics.Single(d => d.Id == "KG0002").Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(result.TrackedSteps[ShapesGenerator.TrackingNames.Diagnostics].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified || o.Reason == IncrementalStepRunReason.New);
        Assert.All(result.TrackedSteps[ShapesGenerator.TrackingNames.Spec].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"spec: {o.Reason}"));
        // Both outputs (sources, diagnostics) are tracked as source outputs; each value is (sources, diagnostics). What
        // ran again may report diagnostics but must add no source.
        var reRun = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.NotEmpty(reRun);
        Assert.All(reRun, o => Assert.Empty((System.Collections.IEnumerable)o.Value.GetType().GetField("Item1")!.GetValue(o.Value)!));
    }

    [Fact]
    public void Changing_one_shape_regenerates_only_that_class()
    {
        var compilation = GeneratorHarness.Compilation(Shapes);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        string before = SourceOf(driver.GetRunResult().Results.Single(), "N.B");

        var edited = Edit(compilation, 0, Shapes.Replace("[Shapes(4, 3, 64)]", "[Shapes(4, 3, 32)]", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var specs = result.TrackedSteps[ShapesGenerator.TrackingNames.Spec].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(1, specs.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, specs.Count(o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        Assert.Contains("Features = 32", SourceOf(result, "N.A"), StringComparison.Ordinal);
        Assert.Equal(before, SourceOf(result, "N.B"));
    }

    /// <summary>
    /// Every named argument of the attribute is part of the model: adding one regenerates the class, and the file the
    /// edited compilation gets is the one a fresh run of it writes, not the last one kept from the cache.
    /// </summary>
    [Theory]
    [InlineData("Parallel = true")]
    [InlineData("Epsilon = 1e-3")]
    [InlineData("ElementType = typeof(double)")]
    public void Changing_a_named_argument_regenerates_the_class_as_a_fresh_run_writes_it(string argument)
    {
        var compilation = GeneratorHarness.Compilation(Shapes);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        string before = SourceOf(driver.GetRunResult().Results.Single(), "N.A");

        string edited = Shapes.Replace("[Shapes(4, 3, 64)]", $"[Shapes(4, 3, 64, {argument})]", StringComparison.Ordinal);
        var editedCompilation = Edit(compilation, 0, edited);
        GeneratorRunResult result = driver.RunGenerators(editedCompilation).GetRunResult().Results.Single();
        string fresh = FreshSourceOf(edited, "N.A");

        Assert.NotEqual(before, fresh);
        var specs = result.TrackedSteps[ShapesGenerator.TrackingNames.Spec].SelectMany(s => s.Outputs).ToList();
        Assert.True(specs.Count(o => o.Reason == IncrementalStepRunReason.Modified) == 1,
            $"{argument}: spec steps {string.Join(", ", specs.Select(o => o.Reason))}, expected one Modified (A) beside B's");
        Assert.True(fresh == SourceOf(result, "N.A"), $"{argument}: the edited compilation kept A's file from before the edit instead of regenerating it");
    }

    /// <summary>
    /// The containing types are part of the model too: a change to one that keeps the hint name (its kind, its type
    /// parameters' names) regenerates the class, whose partial repeats the declarations around it and would no longer
    /// compile beside the edited one if kept from the cache.
    /// </summary>
    [Theory]
    [InlineData("public partial class Outer", "public partial struct Outer")]
    [InlineData("public partial class Outer<T>", "public partial class Outer<TItem>")]
    public void Editing_a_containing_type_regenerates_the_class_as_a_fresh_run_writes_it(string declared, string edited)
    {
        static string Source(string outer) => "using KernelGen;\nnamespace N;\n" + outer + " { [Shapes(2, 2, 8)] public static partial class Inner { } }\n";
        var compilation = GeneratorHarness.Compilation(Source(declared));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var editedCompilation = Edit(compilation, 0, Source(edited));
        driver = driver.RunGeneratorsAndUpdateCompilation(editedCompilation, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        string fresh = FreshSourceOf(Source(edited), "N.Outer");

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[ShapesGenerator.TrackingNames.Spec].SelectMany(s => s.Outputs)).Reason);
        Assert.Equal(fresh, SourceOf(result, "N.Outer"));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>The text of the file <paramref name="run"/> generated for the class whose hint name starts with <paramref name="prefix"/>.</summary>
    private static string SourceOf(GeneratorRunResult run, string prefix) =>
        run.GeneratedSources.Single(s => s.HintName.StartsWith(prefix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>The same from a fresh run over <paramref name="source"/> alone, with no cache: what an edit must give.</summary>
    private static string FreshSourceOf(string source, string prefix) =>
        SourceOf(GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(source)).GetRunResult().Results.Single(), prefix);

    /// <summary>
    /// <paramref name="compilation"/> with its file <paramref name="file"/> (<c>File{file}.cs</c>, as the harness names
    /// it) replaced by <paramref name="source"/>, as an edit in the editor gives it to the generator.
    /// </summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation, int file, string source) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(file),
            CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"File{file}.cs"));

    [Fact]
    public void Equal_models_have_equal_hash_codes()
    {
        ShapeSpec a = NestedSpec(), b = NestedSpec();
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.ContainingTypes.GetHashCode(), b.ContainingTypes.GetHashCode());
        Assert.Equal(EquatableArray<TypeDeclarationSpec>.Empty, default);
        Assert.Equal(EquatableArray<TypeDeclarationSpec>.Empty.GetHashCode(), default(EquatableArray<TypeDeclarationSpec>).GetHashCode());

        static ShapeSpec NestedSpec() => new("N.Outer.Reg.g.cs", "N", new[] { new TypeDeclarationSpec("partial class", "Outer", "") }.ToEquatableArray(),
            new TypeDeclarationSpec("partial class", "Reg", ""), IsStatic: true, NClasses: 4, MaxPerClass: 3, Features: 8, IsDouble: false, Epsilon: 1e-6);
    }

    [Fact]
    public void An_edit_in_the_file_of_a_nested_class_leaves_its_model_unchanged()
    {
        const string nested = """
            using KernelGen;
            namespace N;
            public static partial class Outer
            {
                public partial struct Middle
                {
                    [Shapes(2, 2, 8)] public static partial class Inner { }
                }
            }
            """;
        var compilation = GeneratorHarness.Compilation(nested);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        // The same file one line longer: the attribute's node moves, so the parser runs again, and its model (the
        // containing types among it) must compare equal to the last one for nothing to be written again.
        var edited = Edit(compilation, 0, "\n" + nested);
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var specs = result.TrackedSteps[ShapesGenerator.TrackingNames.Spec].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(specs);
        Assert.All(specs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"spec: {o.Reason}"));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {o.Reason}"));
    }
}
