using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators.Tests;

/// <summary>
/// KG0014 knows the short names the generated kernels look up: every name in their namespace that the compiler
/// resolves by lookup (not after a dot) to a type of an imported namespace or of KernelGen is on its lists, for shapes
/// of every path and plan choice (unrolled alone and in groups with the exps in one pass, loops, parallel, double, no
/// vector width, a log per pivot, rented label and matrix scratch, a non-static class with the interface and the
/// regularizer).
/// </summary>
public class ReservedNamesTests
{
    private const string Shapes = """
        using KernelGen;
        namespace N;
        [Shapes(4, 3, 64)] public static partial class Unrolled;
        [Shapes(3, 5, 17, ElementType = typeof(double))] public partial class Odd;
        [Shapes(2, 16, 12)] public static partial class Loops;
        [Shapes(100, 8, 64, Parallel = true)] public static partial class Split;
        [Shapes(3, 12, 8, Parallel = true, ElementType = typeof(double))] public partial class SplitLoops;
        [Shapes(1, 1, 1)] public partial class Tiny;
        [Shapes(10, 3, 64)] public static partial class Grouped;
        [Shapes(4, 3, 2)] public static partial class Narrow;
        [Shapes(3, 4, 8, Epsilon = 1e-100)] public static partial class LogPerPivot;
        [Shapes(2000, 2, 8)] public static partial class RentedLabels;
        [Shapes(2, 40, 8)] public static partial class RentedMatrices;
        """;

    /// <summary>The generated files of the shapes above, each with its semantic model, once the whole compiles without a warning.</summary>
    private static IEnumerable<(SyntaxTree Tree, SemanticModel Model)> GeneratedFiles()
    {
        var compilation = GeneratorHarness.Compilation(Shapes);
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).Select(t => (t, output.GetSemanticModel(t)));
    }

    [Fact]
    public void The_lists_hold_every_short_name_the_generated_kernels_look_up()
    {
        var imported = new SortedSet<string>(StringComparer.Ordinal);
        var library = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((SyntaxTree tree, SemanticModel model) in GeneratedFiles())
        {
            var kernels = tree.GetRoot().DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
                .Single(n => n.Name.ToString() == ShapesGenerator.Emitter.KernelsNamespace);
            foreach (SimpleNameSyntax name in kernels.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name ||
                    name.Parent is QualifiedNameSyntax qualified && qualified.Right == name ||
                    name.Parent is AliasQualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax)
                {
                    continue;
                }

                // An attribute's name binds to the constructor it calls.
                INamedTypeSymbol? type = model.GetSymbolInfo(name).Symbol switch
                {
                    INamedTypeSymbol named => named,
                    IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when name.Parent is AttributeSyntax => constructor.ContainingType,
                    _ => null,
                };
                if (type is null)
                {
                    continue;
                }

                string ns = type.ContainingNamespace.ToDisplayString();
                int arity = name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Count : 0;
                string entry = $"{name.Identifier.ValueText}`{arity}";
                if (ns == "KernelGen")
                {
                    library.Add(entry);
                }
                else if (ShapesGenerator.Emitter.KernelsImports.Contains(ns))
                {
                    imported.Add(entry);
                    // An attribute's name is looked up as written and with "Attribute" appended.
                    if (name.Parent is AttributeSyntax && !name.Identifier.ValueText.EndsWith("Attribute", StringComparison.Ordinal))
                    {
                        imported.Add($"{name.Identifier.ValueText}Attribute`{arity}");
                    }
                }
            }
        }

        Assert.Equal(string.Join(", ", library), string.Join(", ", ShapesGenerator.ReservedNames.LibraryShortNames.Order(StringComparer.Ordinal)));
        Assert.Equal(string.Join(", ", imported), string.Join(", ", ShapesGenerator.ReservedNames.ImportedShortNames.Order(StringComparer.Ordinal)));
    }

    /// <summary>
    /// KG0014 knows the names the generated code spells in full from <c>global::</c>, in the user's class and in the
    /// kernels' namespace alike: every namespace such a name passes through (a type of the project's named like one takes
    /// it over), and every type it ends in, an attribute under both of the names it is looked up by (a type of the
    /// project's of that name and arity is taken instead). Types the generated file declares itself are no such name.
    /// </summary>
    [Fact]
    public void The_lists_hold_every_name_the_generated_code_spells_in_full()
    {
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((SyntaxTree tree, SemanticModel model) in GeneratedFiles())
        {
            foreach (AliasQualifiedNameSyntax global in tree.GetRoot().DescendantNodes().OfType<AliasQualifiedNameSyntax>().Where(a => a.Alias.Identifier.ValueText == "global"))
            {
                // The whole dotted name: each step right of "global::" is a namespace, then the type it names, then members.
                for (SyntaxNode node = global; ; node = node.Parent!)
                {
                    SimpleNameSyntax name = node switch
                    {
                        AliasQualifiedNameSyntax a => a.Name,
                        QualifiedNameSyntax q => q.Right,
                        MemberAccessExpressionSyntax m => m.Name,
                        _ => throw new InvalidOperationException(node.ToString()),
                    };
                    ISymbol? symbol = model.GetSymbolInfo(node).Symbol;
                    if (symbol is INamespaceSymbol ns)
                    {
                        namespaces.Add(ns.ToDisplayString());
                    }
                    else
                    {
                        // An attribute's name binds to the constructor it calls.
                        INamedTypeSymbol? type = symbol switch
                        {
                            INamedTypeSymbol named => named,
                            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor when node.Parent is AttributeSyntax => constructor.ContainingType,
                            _ => null,
                        };
                        if (type is not null && !type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == tree))
                        {
                            string entry = $"{type.ContainingNamespace.ToDisplayString()}.{name.Identifier.ValueText}`{type.Arity}";
                            types.Add(entry);
                            if (node.Parent is AttributeSyntax && !name.Identifier.ValueText.EndsWith("Attribute", StringComparison.Ordinal))
                            {
                                types.Add($"{type.ContainingNamespace.ToDisplayString()}.{name.Identifier.ValueText}Attribute`{type.Arity}");
                            }
                        }

                        break;
                    }

                    if (node.Parent is not (QualifiedNameSyntax or MemberAccessExpressionSyntax) ||
                        node.Parent is QualifiedNameSyntax { Left: var left } && left != node ||
                        node.Parent is MemberAccessExpressionSyntax { Expression: var expression } && expression != node)
                    {
                        break;
                    }
                }
            }
        }

        Assert.Equal(string.Join(", ", namespaces), string.Join(", ", ShapesGenerator.ReservedNames.FullNamespaces.Order(StringComparer.Ordinal)));
        Assert.Equal(string.Join(", ", types), string.Join(", ", ShapesGenerator.ReservedNames.FullTypeNames.Order(StringComparer.Ordinal)));
    }
}
