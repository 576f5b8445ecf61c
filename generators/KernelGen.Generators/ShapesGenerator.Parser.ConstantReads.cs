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
        /// What the <c>[Shapes]</c> arguments of the classes along one class's chain read (<see cref="Of"/>), each class
        /// worked out once per parse: the chain's measure and the copy of the compilation both ask, and a class that several
        /// read is asked once per path to it. Semantic models are kept per syntax tree, since a model remembers what it has
        /// bound and the constants followed may lie in a few files, read many times over.
        /// </summary>
        private sealed class ConstantReads
        {
            private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];
            private readonly Dictionary<INamedTypeSymbol, ClassReads> _reads = new(SymbolEqualityComparer.Default);

            public ConstantReads(Compilation compilation, CancellationToken cancellationToken)
            {
                Compilation = compilation;
                CancellationToken = cancellationToken;
            }

            public Compilation Compilation { get; }

            public CancellationToken CancellationToken { get; }

            public SemanticModel Model(SyntaxTree tree)
            {
                if (!_models.TryGetValue(tree, out SemanticModel? model))
                {
                    model = Compilation.GetSemanticModel(tree);
                    _models[tree] = model;
                }

                return model;
            }

            /// <summary>What the arguments of <paramref name="type"/>'s <c>[Shapes]</c>, <paramref name="attribute"/>, read.</summary>
            public ClassReads Of(INamedTypeSymbol type, AttributeData attribute)
            {
                if (!_reads.TryGetValue(type, out ClassReads? reads))
                {
                    reads = Read(type, attribute, this);
                    _reads[type] = reads;
                }

                return reads;
            }
        }

        /// <summary>
        /// The <c>[Shapes]</c> classes whose generated constants a class's attribute arguments read, as the compilation the
        /// generator reads shows them (names that bind to nothing there), directly or through the constants they name
        /// (<c>K.N</c> where <c>const int N = Small.Features * 2</c>, an enum member, a constant of the class's own); the
        /// simple names among the arguments themselves, which KG0012 checks once they bind; and whether a name finds the
        /// class's own constants and no other class's (KG0018). The class itself is never among the owners: it has no
        /// constants until generated from this very attribute.
        /// </summary>
        private sealed record ClassReads(List<INamedTypeSymbol> Owners, List<SimpleNameSyntax> SimpleNames, bool ReadsItsOwn);

        /// <summary>What the arguments of <paramref name="type"/>'s <c>[Shapes]</c>, <paramref name="attribute"/>, read (<see cref="ClassReads"/>).</summary>
        private static ClassReads Read(INamedTypeSymbol type, AttributeData attribute, ConstantReads context)
        {
            var owners = new List<INamedTypeSymbol>();
            var simpleNames = new List<SimpleNameSyntax>();
            INamedTypeSymbol reader = type.OriginalDefinition;
            bool readsItsOwn = false;
            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is not AttributeSyntax { ArgumentList: { } arguments })
            {
                return new ClassReads(owners, simpleNames, false);
            }

            // A work list, not recursion: a chain of constants, each reading the one before, may be thousands long.
            var followed = new HashSet<IFieldSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<(SyntaxNode Expression, INamedTypeSymbol Scope)>();
            pending.Push((arguments, reader));
            while (pending.Count > 0)
            {
                var (expression, scope) = pending.Pop();
                bool ownArguments = expression == arguments;
                SemanticModel model = context.Model(expression.SyntaxTree);
                bool readsSimpleName = false;
                foreach (SimpleNameSyntax name in expression.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
                {
                    context.CancellationToken.ThrowIfCancellationRequested();

                    // An argument's or a property's name (features:, Epsilon =) names a parameter, not a value.
                    if (name.Parent is NameColonSyntax or NameEqualsSyntax)
                    {
                        continue;
                    }

                    ISymbol? symbol = model.GetSymbolInfo(name, context.CancellationToken).Symbol;
                    // Every constant named is followed, those with a value too: a name in it may be hidden once generated.
                    if (symbol is IFieldSymbol { IsConst: true } constant && followed.Add(constant.OriginalDefinition))
                    {
                        // A constant of a referenced project's compilation has its own trees, which this compilation cannot
                        // bind; its value is that project's to give.
                        foreach (SyntaxReference reference in constant.OriginalDefinition.DeclaringSyntaxReferences)
                        {
                            if (context.Compilation.ContainsSyntaxTree(reference.SyntaxTree) &&
                                ValueSyntax(reference.GetSyntax(context.CancellationToken)) is ExpressionSyntax value)
                            {
                                pending.Push((value, constant.ContainingType.OriginalDefinition));
                            }
                        }
                    }

                    if (!IsGeneratedMemberName(name.Identifier.ValueText))
                    {
                        continue;
                    }

                    bool simple = name.Parent is not (MemberAccessExpressionSyntax or QualifiedNameSyntax or MemberBindingExpressionSyntax);
                    if (symbol is not null)
                    {
                        // A simple name in another class's constant that binds now may be hidden, once the constants are
                        // generated, by a [Shapes] class nearer in lookup order (the constant's class derives from one): that
                        // class's constant is what it reads. In the reader's own declarations that is KG0012's to report.
                        if (simple && !ownArguments && !IsWithin(scope, reader) && !SyntaxFacts.IsInTypeOnlyContext(name) &&
                            NearerShapesOwner(scope, symbol) is INamedTypeSymbol hiding)
                        {
                            AddOwner(owners, hiding, reader, ref readsItsOwn);
                        }

                        continue;
                    }

                    if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                    {
                        if (AccessedType(access.Expression, model, context.CancellationToken) is INamedTypeSymbol owner &&
                            ShapesOwner(owner) is INamedTypeSymbol found)
                        {
                            AddOwner(owners, found, reader, ref readsItsOwn);
                        }
                    }
                    else if (simple)
                    {
                        if (ownArguments)
                        {
                            simpleNames.Add(name);
                            readsSimpleName = true;
                        }
                        else if (NearestShapesOwner(scope, expression, context) is INamedTypeSymbol nearest)
                        {
                            // In another constant's initializer the name finds the nearest class in lookup order that will
                            // hold the constant; the compiler reports a name no class answers.
                            AddOwner(owners, nearest, reader, ref readsItsOwn);
                        }
                    }
                }

                // A simple name among the arguments finds an outer class's constants, or those of a class this one derives
                // from, or of a class that a using static directive imports; once this class has its own, it finds those
                // (KG0012 where another class answers it now, KG0018 where none does).
                if (readsSimpleName)
                {
                    var answering = new List<INamedTypeSymbol>();
                    if (reader.BaseType is INamedTypeSymbol baseType)
                    {
                        AddShapesOwner(answering, baseType);
                    }

                    for (INamedTypeSymbol? outer = reader.ContainingType; outer is not null; outer = outer.ContainingType)
                    {
                        AddShapesOwner(answering, outer);
                    }

                    foreach (INamedTypeSymbol imported in UsingStaticTypes(expression, context))
                    {
                        AddShapesOwner(answering, imported);
                    }

                    // The class itself answers only through a using static directive (of itself or of a class derived
                    // from it), which decides the reading only where no other class answers.
                    var others = answering.Where(o => !SymbolEqualityComparer.Default.Equals(o, reader)).ToList();
                    readsItsOwn |= others.Count == 0;
                    foreach (INamedTypeSymbol owner in others)
                    {
                        AddOwner(owners, owner, reader, ref readsItsOwn);
                    }
                }
            }

            return new ClassReads(owners, simpleNames, readsItsOwn);
        }

        /// <summary>
        /// The expression that gives a constant its value: its initializer, or for an enum member without one, the value of
        /// the nearest member before it that has one (the members between count up from it).
        /// </summary>
        private static ExpressionSyntax? ValueSyntax(SyntaxNode declaration)
        {
            switch (declaration)
            {
                case VariableDeclaratorSyntax variable:
                    return variable.Initializer?.Value;
                case EnumMemberDeclarationSyntax member when member.Parent is EnumDeclarationSyntax enumeration:
                    for (int i = enumeration.Members.IndexOf(member); i >= 0; i--)
                    {
                        if (enumeration.Members[i].EqualsValue is { } equals)
                        {
                            return equals.Value;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The type whose static member <c>expression.Name</c> names: the type <paramref name="expression"/> binds to, or,
        /// where it binds to a property, field, local or parameter named like its own type (<c>Small Small</c>, which C#
        /// lets stand for either), that type.
        /// </summary>
        private static INamedTypeSymbol? AccessedType(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            ISymbol? symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
            ITypeSymbol? valueType = symbol switch
            {
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };
            return symbol is INamedTypeSymbol type ? type
                : valueType is INamedTypeSymbol named && expression is IdentifierNameSyntax identifier && named.Name == identifier.Identifier.ValueText ? named
                : null;
        }

        /// <summary>Whether <paramref name="type"/> is <paramref name="outer"/> or nested in it.</summary>
        private static bool IsWithin(INamedTypeSymbol type, INamedTypeSymbol outer)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, outer))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The <c>[Shapes]</c> class whose generated member will hide <paramref name="symbol"/>, a member that a simple name
        /// in <paramref name="scope"/> finds now: the first such class in lookup order before the type that declares the
        /// member (<see cref="ShapesOwnerInLookup"/>). Null where that type comes first, or the symbol is no member (a type
        /// or an alias, which a constant does not hide where only a type may stand, and which a generated constant is never
        /// looked up against at namespace level).
        /// </summary>
        private static INamedTypeSymbol? NearerShapesOwner(INamedTypeSymbol scope, ISymbol symbol) =>
            symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol or IEventSymbol && symbol.ContainingType is INamedTypeSymbol container
                ? ShapesOwnerInLookup(scope, container.OriginalDefinition)
                : null;

        /// <summary>
        /// The first <c>[Shapes]</c> class in the lookup order of a simple name in <paramref name="scope"/>: each type from
        /// the scope outwards, with the classes it derives from (an interface with the interfaces it extends, which carry no
        /// <c>[Shapes]</c>). Null where none is, or where <paramref name="hidden"/>, the type declaring what the name finds
        /// now, comes first.
        /// </summary>
        private static INamedTypeSymbol? ShapesOwnerInLookup(INamedTypeSymbol scope, INamedTypeSymbol? hidden)
        {
            for (INamedTypeSymbol? level = scope; level is not null; level = level.ContainingType)
            {
                if (hidden is not null && level.TypeKind == TypeKind.Interface &&
                    level.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, hidden)))
                {
                    return null;
                }

                for (INamedTypeSymbol? t = level; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, hidden))
                    {
                        return null;
                    }

                    if (t.OriginalDefinition.GetAttributes().Any(IsShapesAttribute))
                    {
                        return t.OriginalDefinition;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// Adds <paramref name="owner"/>, once, unless it is <paramref name="reader"/> itself: then the name reads the
        /// reader's own constants.
        /// </summary>
        private static void AddOwner(List<INamedTypeSymbol> owners, INamedTypeSymbol owner, INamedTypeSymbol reader, ref bool readsItsOwn)
        {
            if (SymbolEqualityComparer.Default.Equals(owner, reader))
            {
                readsItsOwn = true;
            }
            else if (!owners.Contains(owner, SymbolEqualityComparer.Default))
            {
                owners.Add(owner);
            }
        }

        /// <summary>
        /// The class whose generated constants a simple name in <paramref name="scope"/> will find, in lookup order: the
        /// scope and the classes it derives from, then each containing type and its bases outwards, then the types that
        /// using static directives import. Null where no <c>[Shapes]</c> class is among them.
        /// </summary>
        private static INamedTypeSymbol? NearestShapesOwner(INamedTypeSymbol scope, SyntaxNode position, ConstantReads context) =>
            ShapesOwnerInLookup(scope, hidden: null) ?? UsingStaticTypes(position, context).Select(ShapesOwner).FirstOrDefault(o => o is not null);

        /// <summary>The types the using static directives in scope at <paramref name="position"/> import.</summary>
        private static IEnumerable<INamedTypeSymbol> UsingStaticTypes(SyntaxNode position, ConstantReads context)
        {
            foreach (UsingDirectiveSyntax directive in UsingStaticDirectives(position, context.Compilation))
            {
                if (context.Model(directive.SyntaxTree).GetSymbolInfo(directive.NamespaceOrType!, context.CancellationToken).Symbol is INamedTypeSymbol imported)
                {
                    yield return imported;
                }
            }
        }

        /// <summary>
        /// The using static directives in scope at <paramref name="syntax"/>: those of its file's namespaces and compilation
        /// unit, and the global ones of every file.
        /// </summary>
        private static IEnumerable<UsingDirectiveSyntax> UsingStaticDirectives(SyntaxNode syntax, Compilation compilation)
        {
            IEnumerable<UsingDirectiveSyntax> local = syntax.Ancestors().SelectMany(a => a switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                CompilationUnitSyntax unit => unit.Usings,
                _ => default(SyntaxList<UsingDirectiveSyntax>),
            });
            IEnumerable<UsingDirectiveSyntax> global = compilation.SyntaxTrees.Where(t => t != syntax.SyntaxTree)
                .SelectMany(t => ((CompilationUnitSyntax)t.GetRoot()).Usings.Where(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)));
            return local.Concat(global).Where(u => u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) && u.NamespaceOrType is not null);
        }

        /// <summary>
        /// Adds the class whose generated constants a name looked up in <paramref name="type"/> finds
        /// (<see cref="ShapesOwner"/>), once. None where no class along the way carries <c>[Shapes]</c>.
        /// </summary>
        private static void AddShapesOwner(List<INamedTypeSymbol> owners, INamedTypeSymbol type)
        {
            if (ShapesOwner(type) is INamedTypeSymbol owner && !owners.Contains(owner, SymbolEqualityComparer.Default))
            {
                owners.Add(owner);
            }
        }

        /// <summary>
        /// The class whose generated constants a name looked up in <paramref name="type"/> finds: the nearest of it and the
        /// classes it derives from that carries <c>[Shapes]</c>, as member lookup finds an inherited constant
        /// (<c>Derived.Features</c> is its base's); null where none does.
        /// </summary>
        private static INamedTypeSymbol? ShapesOwner(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
            {
                if (t.OriginalDefinition.GetAttributes().Any(IsShapesAttribute))
                {
                    return t.OriginalDefinition;
                }
            }

            return null;
        }
    }
}
