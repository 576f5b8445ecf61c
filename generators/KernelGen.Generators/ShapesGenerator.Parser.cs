using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using KernelGen.Generators.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    /// <summary>
    /// The names the generator adds to an annotated class; a user member with one of them is KG0006. A test holds this
    /// list to the members <c>ApiWriter</c> emits.
    /// </summary>
    internal static readonly string[] GeneratedMemberNames =
    [
        "NClasses", "MaxPerClass", "Features", "MaxPrototypes", "Epsilon",
        "PrototypeDiversityLoss", "ClassDiversityLoss", "SparseRelevanceProximal", "ElasticNetProximal", "Regularizer",
    ];

    /// <summary>Turns one <c>[Shapes]</c> class into plain values and diagnostics, touching no symbol afterwards.</summary>
    internal static class Parser
    {
        private static readonly ParseResult s_nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax syntax)
            {
                return s_nothing;
            }

            try
            {
                return ParseCore(context, type, syntax, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // The generator never takes the compiler down: an unexpected failure becomes KG0008 on the class, named
                // in full.
                return new ParseResult(null, new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, syntax.Identifier.GetLocation(), type.ToDisplayString(), ex.GetType().Name + ": " + ex.Message),
                }.ToEquatableArray());
            }
        }

        private static ParseResult ParseCore(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type, TypeDeclarationSyntax syntax, CancellationToken cancellationToken)
        {
            AttributeData? attribute = context.Attributes.FirstOrDefault();
            if (attribute is null)
            {
                return s_nothing;
            }

            // [Shapes] on two partial declarations of one class is the compiler's CS0579; the class is generated once,
            // from the attribute it lists first, and the other declaration adds nothing (two files of one name would
            // take the generator down).
            if (!IsFirstShapesAttribute(type, attribute))
            {
                return s_nothing;
            }

            // A half-typed attribute ([Shapes(4, ] or a wrong argument type) is the compiler's to report; we emit nothing.
            if (attribute.ConstructorArguments.Length != 3 || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error || a.Value is not int))
            {
                return s_nothing;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            Location attributeLocation = attributeSyntax?.GetLocation() ?? syntax.Identifier.GetLocation();

            // KG0009 first and alone: the generated code needs C# 11 (file-local types, static abstract interface
            // members), and below it nothing else about the declaration matters yet.
            if (syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 } options)
            {
                return new ParseResult(null, new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, attributeLocation, options.LanguageVersion.ToDisplayString()),
                }.ToEquatableArray());
            }

            var diagnostics = new List<DiagnosticInfo>();

            // The class and every containing type must be partial (KG0001) and not file-local (KG0010: a file type is
            // visible only in its own file, and the generated partial is another file). Each is reported on the
            // declaration that lacks the modifier or carries it.
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                string target = SymbolEqualityComparer.Default.Equals(t, type) ? "it" : "'" + type.Name + "'";
                if (!IsPartial(t, cancellationToken))
                {
                    Location location = FirstIdentifierLocation(t, cancellationToken, static d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)) ?? syntax.Identifier.GetLocation();
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, t.Name, target));
                }

                if (t.IsFileLocal)
                {
                    Location location = FirstIdentifierLocation(t, cancellationToken, static d => d.Modifiers.Any(SyntaxKind.FileKeyword)) ?? syntax.Identifier.GetLocation();
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocal, location, t.Name, target));
                }
            }

            // KG0002 / KG0003: the shape.
            string[] parameterNames = ["nClasses", "maxPerClass", "features"];
            int[] shape = attribute.ConstructorArguments.Select(a => (int)a.Value!).ToArray();
            bool shapeValid = true;
            for (int i = 0; i < 3; i++)
            {
                if (shape[i] < 1)
                {
                    shapeValid = false;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeBelowOne,
                        ArgumentLocation(attributeSyntax, i, parameterNames[i]) ?? attributeLocation,
                        parameterNames[i], shape[i].ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (shapeValid && ShapeLimits.FirstExceededLimit(shape[0], shape[1], shape[2]) is string limit)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeTooLarge, attributeLocation,
                    shape[0].ToString(CultureInfo.InvariantCulture), shape[1].ToString(CultureInfo.InvariantCulture),
                    shape[2].ToString(CultureInfo.InvariantCulture), limit));
            }

            // KG0004 / KG0005: the named properties.
            bool isDouble = false, parallel = false, elementValid = true;
            double epsilon = ShapeLimits.DefaultEpsilon;
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                // An argument the compiler cannot bind (an unknown name, typeof of an unknown type) is its error to report.
                if (named.Value.Kind == TypedConstantKind.Error || named.Value.Value is ITypeSymbol unbound && HasErrorType(unbound))
                {
                    return s_nothing;
                }

                Location location = NamedArgumentLocation(attributeSyntax, named.Key) ?? attributeLocation;
                if (named.Key == "ElementType")
                {
                    var elementType = named.Value.Value as ITypeSymbol;
                    if (elementType?.SpecialType == SpecialType.System_Double)
                    {
                        isDouble = true;
                    }
                    else if (elementType?.SpecialType != SpecialType.System_Single)
                    {
                        elementValid = false;
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, location,
                            elementType?.ToDisplayString() ?? "null"));
                    }
                }
                else if (named.Key == "Parallel" && named.Value.Value is bool parallelValue)
                {
                    parallel = parallelValue;
                }
                else if (named.Key == "Epsilon" && named.Value.Value is double value)
                {
                    epsilon = value;
                    if (!(value > 0 && value <= ShapeLimits.MaxEpsilon))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEpsilon, location,
                            Emitting.Literals.Number(value), ShapeLimits.MaxEpsilon.ToString("0.##e0", CultureInfo.InvariantCulture)));
                    }
                }
            }

            // KG0011: a member may share the name of neither its type (CS0542) nor a type parameter (CS0102).
            if (IsGeneratedMemberName(type.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NamedLikeMember, syntax.Identifier.GetLocation(), type.Name, type.Name));
            }

            foreach (TypeParameterSyntax parameter in syntax.TypeParameterList?.Parameters ?? default)
            {
                if (IsGeneratedMemberName(parameter.Identifier.ValueText))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NamedLikeMember, parameter.Identifier.GetLocation(), parameter.Identifier.ValueText, type.Name));
                }
            }

            // KG0006: user members that would collide with generated ones, declared or inherited. One without a source
            // location (from another assembly, or a [Shapes] base's generated members) is reported on the class's name.
            foreach ((string name, Location? memberLocation, INamedTypeSymbol owner) in ConflictingMembers(type, isDouble, context.SemanticModel.Compilation, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict, memberLocation ?? syntax.Identifier.GetLocation(), owner.Name, name, type.Name));
            }

            // KG0012: names that the generated members would take over.
            foreach ((SimpleNameSyntax name, ISymbol meaning) in CapturedNames(type, context.SemanticModel.Compilation, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCaptured, name.GetLocation(),
                    name.Identifier.ValueText, meaning.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), type.Name));
            }

            // KG0013: the interface listed for another element type, on the base-list entry that names it.
            foreach ((BaseTypeSyntax listed, INamedTypeSymbol other) in elementValid ? OtherElementInterfaces(type, isDouble, context.SemanticModel.Compilation, cancellationToken) : [])
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OtherElementInterface, listed.GetLocation(),
                    type.Name, other.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), isDouble ? "double" : "float"));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (diagnostics.Count > 0)
            {
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }

            if (KernelPlanner.PathFor(shape[1]) == FactorisationPath.Loop)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LoopPath, attributeLocation,
                    shape[1].ToString(CultureInfo.InvariantCulture), ShapeLimits.MaxUnrolledPerClass.ToString(CultureInfo.InvariantCulture), type.Name));
            }

            var containing = new List<TypeDeclarationSpec>();
            for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
            {
                containing.Insert(0, Declaration(t));
            }

            var spec = new ShapeSpec(
                HintName(type),
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                containing.ToEquatableArray(),
                Declaration(type),
                type.IsStatic,
                shape[0], shape[1], shape[2],
                isDouble,
                epsilon,
                parallel);
            return new ParseResult(spec, diagnostics.ToEquatableArray());
        }

        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.Length > 0 &&
            type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));

        private static Location? FirstIdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken, Func<TypeDeclarationSyntax, bool> declaration) =>
            type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(declaration)?.Identifier.GetLocation();

        /// <summary>Whether <paramref name="attribute"/> is the first <c>[Shapes]</c> the class carries, over all its declarations.</summary>
        private static bool IsFirstShapesAttribute(INamedTypeSymbol type, AttributeData attribute) =>
            type.GetAttributes().FirstOrDefault(IsShapesAttribute) is not AttributeData first ||
            first.ApplicationSyntaxReference is not SyntaxReference firstSyntax ||
            attribute.ApplicationSyntaxReference is not SyntaxReference syntax ||
            firstSyntax.SyntaxTree == syntax.SyntaxTree && firstSyntax.Span == syntax.Span;

        private static bool IsShapesAttribute(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() == ShapesAttributeName;

        /// <summary>Whether a generated member has the name <paramref name="name"/>.</summary>
        private static bool IsGeneratedMemberName(string name) => Array.IndexOf(GeneratedMemberNames, name) >= 0;

        /// <summary>
        /// Simple names in the class's declarations and attributes (the <c>[Shapes]</c> arguments among them), spelled like
        /// a generated member, that bind now to something declared outside the class: an outer type's member, a
        /// <c>using static</c> import, an alias or a type. The class's members come first in lookup, so once the member is
        /// generated they bind to it (a different value, or an error in the user's code). Types where a type may stand,
        /// names after a dot, in object initializers, property patterns and <c>nameof</c> keep their meaning; locals,
        /// parameters, a method's type parameters and the members of the types around the name are not outside it (the
        /// class's own and inherited ones are KG0006).
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
                    // there, a constant does not. A method's own type parameters come before the class's members.
                    if (meaning is null or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol ||
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

        /// <summary>Whether <paramref name="type"/> is or holds a type the compiler could not bind (<c>Missing[]</c>, <c>List&lt;Missing&gt;</c>).</summary>
        private static bool HasErrorType(ITypeSymbol type) => type switch
        {
            { TypeKind: TypeKind.Error } => true,
            // typeof(List<>): valid C#, though its type arguments are error symbols.
            INamedTypeSymbol { IsUnboundGenericType: true } => false,
            IArrayTypeSymbol array => HasErrorType(array.ElementType),
            IPointerTypeSymbol pointer => HasErrorType(pointer.PointedAtType),
            INamedTypeSymbol named => named.TypeArguments.Any(HasErrorType),
            _ => false,
        };

        /// <summary>The location of constructor argument <paramref name="index"/>, whether passed by position or by name.</summary>
        private static Location? ArgumentLocation(AttributeSyntax? attribute, int index, string parameterName)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax>? arguments = attribute?.ArgumentList?.Arguments;
            if (arguments is null)
            {
                return null;
            }

            AttributeArgumentSyntax? byName = arguments.Value.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
            if (byName is not null)
            {
                return byName.GetLocation();
            }

            return index < arguments.Value.Count && arguments.Value[index].NameColon is null && arguments.Value[index].NameEquals is null
                ? arguments.Value[index].GetLocation()
                : null;
        }

        private static Location? NamedArgumentLocation(AttributeSyntax? attribute, string name) =>
            attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation();

        private static TypeDeclarationSpec Declaration(INamedTypeSymbol type)
        {
            string keyword = type.TypeKind switch
            {
                TypeKind.Interface => "partial interface",
                TypeKind.Struct when type.IsRecord => "partial record struct",
                TypeKind.Struct when type.IsRefLikeType => "ref partial struct",
                TypeKind.Struct => "partial struct",
                _ when type.IsRecord => "partial record",
                _ => "partial class",
            };
            string typeParameters = type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => Emitting.Literals.Identifier(p.Name))) + ">";
            return new TypeDeclarationSpec(keyword, type.Name, typeParameters);
        }

        /// <summary>
        /// The longest readable part of a hint name. With the hash and suffix a file name is at most 104 characters, well
        /// under file systems' 255, and leaves room in Windows' 260-character paths for the project's folder and
        /// <c>obj\Debug\net10.0\generated\KernelGen.Generators\KernelGen.Generators.ShapesGenerator\</c>.
        /// </summary>
        private const int MaxReadableHintLength = 80;

        /// <summary>
        /// The fully qualified metadata name made file-name safe, then a hash of the name itself:
        /// <c>Ns.Outer+Reg`1</c> → <c>Ns.Outer+Reg`1.160E72BD.KernelGen.g.cs</c>. The compiler compares hint names
        /// ignoring case and the safe form maps every other character to '_', so <c>Reg</c> and <c>REG</c>, or two
        /// names in another script, would otherwise share a file name, which the compiler refuses. A longer safe form
        /// keeps its last whole segments (namespaces, containing types, the type) within <see cref="MaxReadableHintLength"/>
        /// characters: <c>Product.Training.Models.DigitsRegularizer.…</c>, not <c>ompany.Product.…</c>.
        /// </summary>
        private static string HintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                parts.Insert(0, t.MetadataName);
            }

            string name = string.Join("+", parts);
            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                name = type.ContainingNamespace.ToDisplayString() + "." + name;
            }

            // Keyword-escaped or unicode identifiers may hold characters a hint name cannot; map them to '_'.
            char[] chars = name.Select(c => char.IsLetterOrDigit(c) && c < 128 || c is '.' or '+' or '`' or '_' ? c : '_').ToArray();

            // The hint name becomes a file name under EmitCompilerGeneratedFiles, and file systems refuse names past
            // 255 bytes (CS0016). The readable part keeps its end, the type's own name, from a segment's start where one
            // fits; the hash keeps names unique.
            int start = 0;
            if (chars.Length > MaxReadableHintLength)
            {
                start = chars.Length - MaxReadableHintLength;
                int separator = Array.FindIndex(chars, start - 1, c => c is '.' or '+');
                if (separator >= 0 && separator < chars.Length - 1)
                {
                    start = separator + 1;
                }
            }

            return new string(chars, start, chars.Length - start) + "." + NameHash(name).ToString("X8", CultureInfo.InvariantCulture) + ".KernelGen.g.cs";
        }

        /// <summary>FNV-1a over the name's UTF-16 code units: the same on every run and machine, unlike <c>string.GetHashCode</c>.</summary>
        private static uint NameHash(string name)
        {
            uint hash = 2166136261;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
