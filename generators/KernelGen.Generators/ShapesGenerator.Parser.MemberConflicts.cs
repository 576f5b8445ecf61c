using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    internal static partial class Parser
    {
        /// <summary>The interface a non-static <c>[Shapes]</c> class implements.</summary>
        private const string InterfaceMetadataName = "KernelGen.IPrototypeRegularizer`1";

        /// <summary>
        /// The entries of the class's base lists that name <c>IPrototypeRegularizer&lt;U&gt;</c> for a U other than the
        /// element type. One with a type parameter for U is always an error (the two interfaces may unify, whatever the
        /// constraints); one with another type is an error unless the class, or a base, implements all of its members.
        /// </summary>
        private static IEnumerable<(BaseTypeSyntax Listed, INamedTypeSymbol Interface)> OtherElementInterfaces(INamedTypeSymbol type, bool isDouble, Compilation compilation, CancellationToken cancellationToken)
        {
            if (type.IsStatic || compilation.GetTypeByMetadataName(InterfaceMetadataName) is not INamedTypeSymbol shapeInterface)
            {
                yield break;
            }

            // A [Shapes] base implements its interface only once generated, which this compilation does not hold yet;
            // deriving from it is KG0006 anyway.
            for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (t.GetAttributes().Any(IsShapesAttribute))
                {
                    yield break;
                }
            }

            SpecialType element = isDouble ? SpecialType.System_Double : SpecialType.System_Single;
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax { BaseList: { } baseList })
                {
                    continue;
                }

                SemanticModel model = compilation.GetSemanticModel(baseList.SyntaxTree);
                foreach (BaseTypeSyntax listed in baseList.Types)
                {
                    if (model.GetTypeInfo(listed.Type, cancellationToken).Type is INamedTypeSymbol listedType &&
                        SymbolEqualityComparer.Default.Equals(listedType.OriginalDefinition, shapeInterface) &&
                        listedType.TypeArguments[0] is { } argument && argument.SpecialType != element && argument.TypeKind != TypeKind.Error &&
                        (argument is ITypeParameterSymbol || listedType.GetMembers().Any(m => type.FindImplementationForInterfaceMember(m) is null)))
                    {
                        yield return (listed, listedType);
                    }
                }
            }
        }

        /// <summary>The one generated property (the others are constants and methods).</summary>
        private const string RegularizerProperty = "Regularizer";

        /// <summary>Its getter: a member of this name collides with it (CS0082).</summary>
        private const string RegularizerGetter = "get_" + RegularizerProperty;

        /// <summary>
        /// Whether a member of an extension block collides with a generated member once compiled into the class: a method
        /// becomes a static method of its name there (its receiver, if any, a first parameter), which a generated
        /// constant or property of that name refuses and a generated method of that signature duplicates; a static
        /// property's getter is a parameterless <c>get_</c> method, which only <c>Regularizer</c>'s getter duplicates.
        /// Instance properties compile to getters taking the receiver, and other static properties meet no generated
        /// getter: both compile beside the kernels.
        /// </summary>
        private static bool CollidesFromExtensionBlock(ISymbol member) => member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } method => IsGeneratedMemberName(method.Name) || method.Name == RegularizerGetter,
            IPropertySymbol { IsStatic: true } property => property.Name == RegularizerProperty,
            _ => false,
        };

        /// <summary>
        /// The members named like generated ones that the class declares, and those it inherits and can see: the
        /// generated member would hide an inherited one (CS0108, an error under TreatWarningsAsErrors). A base class
        /// with <c>[Shapes]</c> of its own declares them all, though not yet in the compilation the generator reads.
        /// The class's primary-constructor parameters count too: a generated member of the name would silently take the
        /// parameter's place in the class's code (a record's positional parameters are properties, among the members).
        /// Each with its name, its location where that lies in this compilation, and the type that declares it.
        /// </summary>
        private static IEnumerable<(string Name, Location? Location, INamedTypeSymbol Owner)> ConflictingMembers(INamedTypeSymbol type, bool isDouble, Compilation compilation, CancellationToken cancellationToken)
        {
            // A non-static class gets explicit implementations of the interface's shape properties, which the class's own
            // explicit implementation of one of them, for the same element type, would repeat (CS8646).
            if (!type.IsStatic && compilation.GetTypeByMetadataName(InterfaceMetadataName) is INamedTypeSymbol shapeInterface)
            {
                SpecialType element = isDouble ? SpecialType.System_Double : SpecialType.System_Single;
                foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
                {
                    foreach (IPropertySymbol implemented in property.ExplicitInterfaceImplementations)
                    {
                        if (SymbolEqualityComparer.Default.Equals(implemented.ContainingType.OriginalDefinition, shapeInterface) &&
                            implemented.ContainingType.TypeArguments[0].SpecialType == element &&
                            ExplicitShapeProperties.Any(p => p.Name == implemented.Name))
                        {
                            yield return (implemented.Name, property.Locations.FirstOrDefault(), type);
                        }
                    }
                }
            }

            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: { } parameters } and not RecordDeclarationSyntax)
                {
                    foreach (ParameterSyntax parameter in parameters.Parameters.Where(p => IsGeneratedMemberName(p.Identifier.ValueText)))
                    {
                        yield return (parameter.Identifier.ValueText, parameter.Identifier.GetLocation(), type);
                    }
                }
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (!SymbolEqualityComparer.Default.Equals(t, type) && t.GetAttributes().Any(IsShapesAttribute))
                {
                    yield return (GeneratedMemberNames[0], null, t);
                    yield break;
                }

                // GetMembers holds the nested types too, and C# 14 extension blocks as types of their own. The class sees
                // all of its own members.
                // An indexer's name in metadata is its [IndexerName] (CS0102 beside a generated member of that name); a
                // getter from metadata is its property's, reported once under the property's name.
                IEnumerable<ISymbol> declared = t.GetMembers().Where(m =>
                    IsGeneratedMemberName(m.Name) ||
                    m is IPropertySymbol { IsIndexer: true } && IsGeneratedMemberName(m.MetadataName) ||
                    m is IMethodSymbol { MethodKind: MethodKind.Ordinary, Name: RegularizerGetter });
                IEnumerable<ISymbol> fromExtensionBlocks = t.GetTypeMembers()
                    .Where(n => n.TypeKind == TypeKind.Extension)
                    .SelectMany(n => n.GetMembers())
                    .Where(CollidesFromExtensionBlock);
                foreach (ISymbol member in declared.Concat(fromExtensionBlocks))
                {
                    if (!member.IsImplicitlyDeclared && compilation.IsSymbolAccessibleWithin(member, type))
                    {
                        // A base from a referenced project is source too, but in another compilation, where no diagnostic
                        // of this one may point (the compiler throws).
                        string name = member is IPropertySymbol { IsIndexer: true } ? member.MetadataName : member.Name;
                        yield return (name, member.Locations.FirstOrDefault(l => l.SourceTree is SyntaxTree tree && compilation.ContainsSyntaxTree(tree)), t);
                    }
                }
            }
        }
    }
}
