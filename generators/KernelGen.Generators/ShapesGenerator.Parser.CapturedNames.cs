using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Simple names in the class's declarations and attributes (the <c>[Shapes]</c> arguments among them), spelled like
        /// a generated member, that bind now to something declared outside the class: an outer type's member, a
        /// <c>using static</c> import, an alias or a type. The class's members come first in lookup, so once the member is
        /// generated they bind to it (a different value, or an error in the user's code). Types where a type may stand,
        /// names after a dot, in object initializers, property patterns and <c>nameof</c> keep their meaning; locals, local
        /// functions, parameters, a method's type parameters and the members of the types around the name are not outside
        /// it (the class's own and inherited ones are KG0006).
        /// </summary>
        private static IEnumerable<(SimpleNameSyntax Name, ISymbol Meaning)> CapturedNames(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                SemanticModel? model = null;
                foreach (SimpleNameSyntax name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (!IsGeneratedMemberName(name.Identifier.ValueText) ||
                        name.Parent is MemberAccessExpressionSyntax access && access.Name == name ||
                        name.Parent is QualifiedNameSyntax qualified && qualified.Right == name ||
                        name.Parent is MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax or AliasQualifiedNameSyntax ||
                        name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax initializer } assignment && assignment.Left == name &&
                            initializer.Kind() is SyntaxKind.ObjectInitializerExpression or SyntaxKind.WithInitializerExpression ||
                        IsPropertyPatternPath(name) ||
                        name.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }))
                    {
                        continue;
                    }

                    model ??= compilation.GetSemanticModel(declaration.SyntaxTree);
                    ISymbol? meaning = model.GetSymbolInfo(name, cancellationToken).Symbol;

                    // Where a type may stand (after `is`, say), the compiler tries a type first: a type keeps its meaning
                    // there, a constant does not. A method's own type parameters and local functions come before the
                    // class's members (the local functions of top-level statements, in Program, too).
                    if (meaning is null or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol ||
                        meaning is IMethodSymbol { MethodKind: MethodKind.LocalFunction } ||
                        meaning is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } ||
                        meaning is INamespaceOrTypeSymbol && SyntaxFacts.IsInNamespaceOrTypeContext(name) ||
                        FoundBeforeTheClass(meaning, name, declaration, model, cancellationToken))
                    {
                        continue;
                    }

                    yield return (name, meaning);
                }
            }
        }

        /// <summary>
        /// Whether the name starts the member path of an extended property pattern (<c>{ Features.Length: 4 }</c>), which
        /// is looked up in the pattern's input type, not in scope.
        /// </summary>
        private static bool IsPropertyPatternPath(SimpleNameSyntax name)
        {
            SyntaxNode node = name;
            while (node.Parent is MemberAccessExpressionSyntax access && access.Expression == node)
            {
                node = access;
            }

            return node.Parent is ExpressionColonSyntax;
        }

        /// <summary>
        /// Whether lookup found <paramref name="meaning"/> in one of the types from the name's position out to the class
        /// (a member of it, of a type nested in it around the name, or of a base of one): those come before, or are, the
        /// level the generated member joins, so the name keeps its meaning.
        /// </summary>
        private static bool FoundBeforeTheClass(ISymbol meaning, SimpleNameSyntax name, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
        {
            INamedTypeSymbol? owner = meaning.ContainingType;
            if (owner is null)
            {
                return false;
            }

            foreach (BaseTypeDeclarationSyntax enclosing in name.Ancestors().OfType<BaseTypeDeclarationSyntax>())
            {
                INamedTypeSymbol? declared = model.GetDeclaredSymbol(enclosing, cancellationToken);
                for (INamedTypeSymbol? t = declared; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, t.OriginalDefinition))
                    {
                        return true;
                    }
                }

                // An interface's members come from the interfaces it extends, not from a base type.
                if (declared is { TypeKind: TypeKind.Interface } &&
                    declared.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, i.OriginalDefinition)))
                {
                    return true;
                }

                if (enclosing == declaration)
                {
                    break;
                }
            }

            return false;
        }
    }
}
