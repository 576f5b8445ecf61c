using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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
    internal static partial class Parser
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
            // The attributes Roslyn hands a declaration are its class's from the whole file, not only its own: a second
            // declaration in the file that carries [Shapes] as well would take the first's and be generated twice.
            AttributeData? attribute = context.Attributes.FirstOrDefault(a => IsWrittenOn(a, syntax));
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

            // Arguments that read another [Shapes] class's constants bind once that class has its kernels: read them as
            // they will be. So do constants they name whose names another [Shapes] class's constants will hide. Either
            // takes a name, which literals alone do not. A simple name among the arguments that an outer class's
            // constants answer is KG0012 below.
            List<(SimpleNameSyntax Name, ISymbol Meaning)> outerNames = [];
            bool chainTooLong = false, readsItsOwn = false;
            if (NamesSomething(attribute, cancellationToken) &&
                WithGeneratedConstants(type, attribute, context.SemanticModel.Compilation, cancellationToken, out chainTooLong, out readsItsOwn) is { } rebound)
            {
                (attribute, outerNames) = rebound;
            }

            // A half-typed attribute ([Shapes(4, ] or a wrong argument type) is the compiler's to report; we emit nothing.
            if (!chainTooLong && !readsItsOwn && !HasShapeArguments(attribute))
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

            // KG0016 alone, as KG0009: the generated code names KernelGen and the tensor library from global::, so under
            // an extern alias alone none of it binds.
            if (ExternAliasOnly(context.SemanticModel.Compilation, attribute) is (string library, string alias))
            {
                return new ParseResult(null, new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.ExternAliasOnly, attributeLocation, library, alias),
                }.ToEquatableArray());
            }

            // KG0017 alone: the values are not worked out, and the compiler, which binds the arguments once the classes
            // read have their kernels, reports nothing.
            if (chainTooLong)
            {
                return new ParseResult(null, new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.ConstantChainTooLong, attributeLocation, type.Name, MaxConstantChain.ToString(CultureInfo.InvariantCulture)),
                }.ToEquatableArray());
            }

            // KG0018 alone, as KG0017: there are no values to read, and the compiler's report of the names that stay unbound
            // would say only that the class lacks the constants the documentation promises it.
            if (readsItsOwn)
            {
                return new ParseResult(null, new[]
                {
                    DiagnosticInfo.Create(DiagnosticDescriptors.ReadsOwnConstants, attributeLocation, type.Name),
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

            // KG0002 to KG0005: the shape and the named properties.
            if (ReadShape(attribute, attributeSyntax, attributeLocation, diagnostics) is not DeclaredShape declared)
            {
                return s_nothing;
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
            foreach ((string name, Location? memberLocation, INamedTypeSymbol owner) in ConflictingMembers(type, declared.IsDouble, context.SemanticModel.Compilation, cancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameConflict, memberLocation ?? syntax.Identifier.GetLocation(), owner.Name, name, type.Name));
            }

            // KG0012: names that the generated members would take over.
            foreach ((SimpleNameSyntax name, ISymbol meaning) in CapturedNames(type, context.SemanticModel.Compilation, cancellationToken).Concat(outerNames))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCaptured, name.GetLocation(),
                    name.Identifier.ValueText, meaning.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), type.Name));
            }

            // KG0013: the interface listed for another element type, on the base-list entry that names it.
            foreach ((BaseTypeSyntax listed, INamedTypeSymbol other) in declared.ElementValid ? OtherElementInterfaces(type, declared.IsDouble, context.SemanticModel.Compilation, cancellationToken) : [])
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OtherElementInterface, listed.GetLocation(),
                    type.Name, other.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), declared.IsDouble ? "double" : "float"));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (diagnostics.Count > 0)
            {
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }

            if (KernelPlanner.PathFor(declared.MaxPerClass) == FactorisationPath.Loop)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LoopPath, attributeLocation,
                    declared.MaxPerClass.ToString(CultureInfo.InvariantCulture), ShapeLimits.MaxUnrolledPerClass.ToString(CultureInfo.InvariantCulture), type.Name));
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
                declared.NClasses, declared.MaxPerClass, declared.Features,
                declared.IsDouble,
                declared.Epsilon,
                declared.Parallel);

            // KG0015: Parallel set on a shape the planner keeps serial.
            if (spec.Parallel && !KernelPlanner.SplitsIntoChunks(spec))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParallelTooSmallToSplit, declared.ParallelLocation, type.Name,
                    spec.NClasses.ToString(CultureInfo.InvariantCulture), spec.MaxPerClass.ToString(CultureInfo.InvariantCulture), spec.Features.ToString(CultureInfo.InvariantCulture),
                    ShapeLimits.ParallelMinChunks.ToString(CultureInfo.InvariantCulture)));
            }

            return new ParseResult(spec, diagnostics.ToEquatableArray());
        }

        private const string TensorsLibrary = "System.Numerics.Tensors";

        /// <summary>
        /// The first library the generated code names from <c>global::</c> that the compilation references only under
        /// extern aliases, with the first of them; null when each is in the global alias (or is not referenced: the
        /// compiler reports what is missing).
        /// </summary>
        private static (string Library, string Alias)? ExternAliasOnly(Compilation compilation, AttributeData attribute)
        {
            // Nearly every project has no alias at all: that answer costs one pass over the references' properties.
            if (compilation.References.All(r => r.Properties.Aliases.IsEmpty))
            {
                return null;
            }

            string? kernelGen = attribute.AttributeClass?.ContainingAssembly.Name;
            var global = new HashSet<string>();
            var aliased = new List<(string Library, string Alias)>();
            // Lookup by metadata name skips what only an alias reaches: find the libraries by their references.
            foreach (MetadataReference reference in compilation.References)
            {
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol { Name: string name } && (name == kernelGen || name == TensorsLibrary))
                {
                    ImmutableArray<string> aliases = reference.Properties.Aliases;
                    if (aliases.IsEmpty || aliases.Contains("global"))
                    {
                        global.Add(name);
                    }
                    else
                    {
                        aliased.Add((name, aliases[0]));
                    }
                }
            }

            return aliased.Where(a => !global.Contains(a.Library)).Select(a => ((string, string)?)a).FirstOrDefault();
        }

        /// <summary>Whether the attribute's arguments name anything (a constant, a type), beyond literals and parameter names.</summary>
        private static bool NamesSomething(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments } &&
            arguments.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Parent is not (NameColonSyntax or NameEqualsSyntax));

        /// <summary>
        /// Whether every declaration of <paramref name="type"/> is partial. The class top-level statements compile into
        /// (<c>Program</c>) is also declared by the file that holds them, with no modifiers to read; C# lets its other
        /// parts be declared partial, and the generated part is one more.
        /// </summary>
        private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.Length > 0 &&
            type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) switch
            {
                TypeDeclarationSyntax d => d.Modifiers.Any(SyntaxKind.PartialKeyword),
                CompilationUnitSyntax => true,
                _ => false,
            });

        private static Location? FirstIdentifierLocation(INamedTypeSymbol type, CancellationToken cancellationToken, Func<TypeDeclarationSyntax, bool> declaration) =>
            type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(declaration)?.Identifier.GetLocation();

        /// <summary>Whether <paramref name="attribute"/> is the first <c>[Shapes]</c> the class carries, over all its declarations.</summary>
        private static bool IsFirstShapesAttribute(INamedTypeSymbol type, AttributeData attribute) =>
            type.GetAttributes().FirstOrDefault(IsShapesAttribute) is not AttributeData first ||
            first.ApplicationSyntaxReference is not SyntaxReference firstSyntax ||
            attribute.ApplicationSyntaxReference is not SyntaxReference syntax ||
            firstSyntax.SyntaxTree == syntax.SyntaxTree && firstSyntax.Span == syntax.Span;

        /// <summary>Whether <paramref name="attribute"/> is written in <paramref name="declaration"/>'s own attribute lists.</summary>
        private static bool IsWrittenOn(AttributeData attribute, TypeDeclarationSyntax declaration) =>
            attribute.ApplicationSyntaxReference is SyntaxReference reference &&
            reference.SyntaxTree == declaration.SyntaxTree &&
            declaration.AttributeLists.Any(list => list.Span.Contains(reference.Span));

        private static bool IsShapesAttribute(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString() == ShapesAttributeName;

        /// <summary>Whether a generated member has the name <paramref name="name"/>.</summary>
        private static bool IsGeneratedMemberName(string name) => Array.IndexOf(GeneratedMemberNames, name) >= 0;

        /// <summary>
        /// Whether the compiler reports <c>typeof</c> of <paramref name="type"/> in an attribute argument itself: a part it
        /// could not bind (<c>Missing[]</c>, <c>List&lt;Missing&gt;</c>, <c>Outer&lt;Missing&gt;.Inner</c>), a type
        /// parameter (CS0416) or <c>dynamic</c> (CS1962), anywhere in it.
        /// </summary>
        private static bool IsTheCompilersToReport(ITypeSymbol type) =>
            type is ITypeParameterSymbol || type.TypeKind is TypeKind.Error or TypeKind.Dynamic || type switch
            {
                // typeof(List<>): valid C#, though its type arguments are error symbols.
                INamedTypeSymbol { IsUnboundGenericType: true } => false,
                IArrayTypeSymbol array => IsTheCompilersToReport(array.ElementType),
                IPointerTypeSymbol pointer => IsTheCompilersToReport(pointer.PointedAtType),
                INamedTypeSymbol named => named.TypeArguments.Any(IsTheCompilersToReport) ||
                    named.ContainingType is INamedTypeSymbol outer && IsTheCompilersToReport(outer),
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
    }
}
