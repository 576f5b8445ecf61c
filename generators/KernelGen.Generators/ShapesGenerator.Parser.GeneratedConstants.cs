using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using KernelGen.Generators.Emitting;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// How many <c>[Shapes]</c> classes deep arguments may read each other's constants (A's read B's, whose read C's…):
        /// more than a project chains, and a bound on the copies of the compilation that one class costs each run. Along a
        /// chain every class works out every class before it, so n classes cost about n²/2 copies in all, which at a few
        /// dozen classes would stall every edit in an IDE. A class past the bound is KG0017. Around a cycle (of up to
        /// <see cref="MaxChainWalk"/> classes) there is nothing to read, and the names are the compiler's to report.
        /// </summary>
        private const int MaxConstantChain = 8;

        /// <summary>
        /// How far the measure of a chain follows it: far past <see cref="MaxConstantChain"/>, which is all KG0017 needs to
        /// know, and a bound on the stack, which a chain of thousands of classes would otherwise exhaust. A cycle longer
        /// than this is reported as the long chain it is, KG0017.
        /// </summary>
        private const int MaxChainWalk = 64;

        /// <summary>
        /// The attribute as the compilation with the generated code binds it, where its arguments read constants that
        /// <c>[Shapes]</c> generates into other classes (<c>Small.Features</c> or <c>Derived.Features</c> for a class
        /// derived from <c>Small</c>, or <c>Features</c> in a class nested in <c>Small</c> or under
        /// <c>using static Small</c>). The compilation the generator reads holds no generated code, so there they bind to
        /// nothing (or, in a constant they name, to a constant that such a class's will hide), while the compiler, which
        /// binds them once the other class has its kernels, reports nothing: the class would silently get no kernels, or
        /// the kernels of other values. So the attribute is bound again in a copy of the compilation where each such
        /// class holds its constants, of the values its own attribute gives. Also the simple names among them, which the
        /// other class's constants answer only until this class's own are generated (KG0012), with what they bind to.
        /// Null where no argument reads such a constant, a class it reads has no shape to read (its attribute is invalid),
        /// the classes read lead round a cycle (<paramref name="readsItsOwn"/>, KG0018, where it comes back to this class or
        /// the arguments read this class's own constants), or they chain further than <see cref="MaxConstantChain"/>
        /// (<paramref name="chainTooLong"/>, KG0017).
        /// </summary>
        private static (AttributeData Attribute, List<(SimpleNameSyntax Name, ISymbol Meaning)> OuterNames)? WithGeneratedConstants(
            INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken, out bool chainTooLong,
            out bool readsItsOwn)
        {
            // The chain first, from the classes each reads, before any copy is made: arguments that read the class's own
            // constants, or lead round a cycle back to it, have nothing to read (KG0018); a cycle elsewhere is the
            // compiler's to report, at the class that closes it; a chain past the bound is KG0017, whichever argument
            // leads along it.
            chainTooLong = false;
            readsItsOwn = false;
            var reads = new ConstantReads(compilation, cancellationToken);
            int? depth = ChainDepth(type, type, attribute, reads, new(SymbolEqualityComparer.Default), new(SymbolEqualityComparer.Default), ref readsItsOwn);
            if (depth is null)
            {
                return null;
            }

            if (depth > MaxConstantChain)
            {
                chainTooLong = true;
                return null;
            }

            return WithGeneratedConstants(type, attribute, reads, new(SymbolEqualityComparer.Default));
        }

        /// <summary>
        /// How many classes deep the arguments of <paramref name="type"/> read generated constants, itself included, each
        /// a copy of the compilation: 0 where they read no <c>[Shapes]</c> class, 1 where every class they read reads none
        /// in turn, 1 more for each class along the longest chain beyond; <see cref="MaxChainWalk"/> where the chain goes
        /// further than the measure follows it. Null where it or a class it reads leads back round a cycle (of one, where
        /// its arguments read its own constants).
        /// </summary>
        /// <param name="root">The class whose chain is measured, at the start of the walk.</param>
        /// <param name="type">The class whose attribute is read.</param>
        /// <param name="attribute">Its <c>[Shapes]</c>.</param>
        /// <param name="reads">What each class's arguments read, in the compilation the generator reads.</param>
        /// <param name="onPath">The classes whose chains are being measured further out: one met again closes a cycle.</param>
        /// <param name="depths">Each class measured so far: one that several classes read is measured once.</param>
        /// <param name="closesAtRoot">Set where a cycle the walk meets leads back to <paramref name="root"/>.</param>
        private static int? ChainDepth(
            INamedTypeSymbol root, INamedTypeSymbol type, AttributeData attribute, ConstantReads reads, HashSet<INamedTypeSymbol> onPath,
            Dictionary<INamedTypeSymbol, int?> depths, ref bool closesAtRoot)
        {
            if (depths.TryGetValue(type, out int? known))
            {
                return known;
            }

            if (onPath.Contains(type))
            {
                closesAtRoot |= SymbolEqualityComparer.Default.Equals(type, root);
                return null;
            }

            if (onPath.Count >= MaxChainWalk)
            {
                return MaxChainWalk;
            }

            onPath.Add(type);

            // A class that reads no [Shapes] class costs no copy (its arguments, literals or plain constants, bind as they
            // are); each that does costs one.
            ClassReads read = reads.Of(type, attribute);
            int? depth = read.Owners.Count > 0 ? 1 : 0;
            if (read.ReadsItsOwn)
            {
                // A cycle of one: a name, or a constant it names, finds the class's own constants.
                closesAtRoot |= SymbolEqualityComparer.Default.Equals(type, root);
                depth = null;
            }

            foreach (INamedTypeSymbol owner in read.Owners)
            {
                reads.CancellationToken.ThrowIfCancellationRequested();
                if (owner.GetAttributes().FirstOrDefault(IsShapesAttribute) is not AttributeData shapes || !NamesSomething(shapes, reads.CancellationToken))
                {
                    continue;
                }

                // A class that leads round a cycle (or reads one that does) has nothing to read, whichever path reaches it;
                // the walk goes on, to find whether another path leads back to the root.
                int? ownerDepth = ChainDepth(root, owner, shapes, reads, onPath, depths, ref closesAtRoot);
                depth = depth is int sofar && ownerDepth is int further ? Math.Max(sofar, 1 + further) : null;
            }

            onPath.Remove(type);
            depths[type] = depth;
            return depth;
        }

        /// <summary>As the overload above, for a class whose chain is measured and within the bound.</summary>
        /// <param name="type">The class whose attribute is read.</param>
        /// <param name="attribute">Its <c>[Shapes]</c>.</param>
        /// <param name="reads">What each class's arguments read, in the compilation the generator reads.</param>
        /// <param name="read">
        /// The constants of each class read so far, null for one with none to read: a class that several classes read (A
        /// reads B and C, which both read D) is worked out once, not once per path to it, whose number doubles with each
        /// class along a chain where every class reads the two before it.
        /// </param>
        private static (AttributeData Attribute, List<(SimpleNameSyntax Name, ISymbol Meaning)> OuterNames)? WithGeneratedConstants(
            INamedTypeSymbol type, AttributeData attribute, ConstantReads reads, Dictionary<INamedTypeSymbol, string?> read)
        {
            CancellationToken cancellationToken = reads.CancellationToken;
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax ||
                syntax.Parent?.Parent is not TypeDeclarationSyntax declaration)
            {
                return null;
            }

            ClassReads classReads = reads.Of(type, attribute);
            var trees = new List<SyntaxTree>();
            foreach (INamedTypeSymbol owner in classReads.Owners)
            {
                if (!read.TryGetValue(owner, out string? constants))
                {
                    // Read as the class's own parse reads it: bound again where its arguments name something, and as bound
                    // today where nothing they read has constants to add.
                    AttributeData? shapes = owner.GetAttributes().FirstOrDefault(IsShapesAttribute);
                    if (shapes is not null && NamesSomething(shapes, cancellationToken))
                    {
                        shapes = WithGeneratedConstants(owner, shapes, reads, read)?.Attribute ?? shapes;
                    }

                    constants = shapes is null ? null : GeneratedConstants(shapes);
                    read[owner] = constants;
                }

                if (constants is null)
                {
                    return null;
                }

                trees.Add(CSharpSyntaxTree.ParseText(Declared(owner, constants), (CSharpParseOptions)syntax.SyntaxTree.Options, cancellationToken: cancellationToken));
            }

            if (trees.Count == 0)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            Compilation extended = reads.Compilation.AddSyntaxTrees(trees);
            SemanticModel extendedModel = extended.GetSemanticModel(syntax.SyntaxTree);
            AttributeData? again = extendedModel.GetDeclaredSymbol(declaration, cancellationToken)?.GetAttributes()
                .FirstOrDefault(a => a.ApplicationSyntaxReference is SyntaxReference r && r.SyntaxTree == syntax.SyntaxTree && r.Span == syntax.Span);
            if (again is null)
            {
                return null;
            }

            var outerNames = new List<(SimpleNameSyntax, ISymbol)>();
            foreach (SimpleNameSyntax name in classReads.SimpleNames)
            {
                if (extendedModel.GetSymbolInfo(name, cancellationToken).Symbol is ISymbol meaning)
                {
                    outerNames.Add((name, meaning));
                }
            }

            return (again, outerNames);
        }

        /// <summary>
        /// Whether every argument of the attribute, by position or by name, has a value. With a positional argument that
        /// binds to nothing the attribute has no constructor, and no constructor arguments at all.
        /// </summary>
        private static bool AllArgumentsBound(AttributeData attribute) =>
            attribute.AttributeConstructor is not null &&
            attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error) &&
            attribute.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error);

        /// <summary>
        /// The constants <c>ApiWriter</c> writes into a class of this attribute, as C# members; null where the attribute
        /// gives no shape that is generated (a KG0002 to KG0005 error, or an argument still unbound).
        /// </summary>
        private static string? GeneratedConstants(AttributeData attribute)
        {
            if (!AllArgumentsBound(attribute) || ReadShape(attribute, null, Location.None, diagnostics: null) is not { IsValid: true } shape)
            {
                return null;
            }

            var w = new SourceWriter();
            ApiWriter.WriteConstants(w, shape.NClasses, shape.MaxPerClass, shape.Features, shape.Epsilon);
            return w.ToString();
        }

        /// <summary><paramref name="members"/> in a partial declaration of <paramref name="type"/>, in its namespace and containing types.</summary>
        private static string Declared(INamedTypeSymbol type, string members)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                chain.Insert(0, t);
            }

            var text = new StringBuilder();
            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                text.Append("namespace ").Append(type.ContainingNamespace.ToDisplayString()).Append(" { ");
            }

            foreach (INamedTypeSymbol t in chain)
            {
                TypeDeclarationSpec d = Declaration(t);
                text.Append(d.PartialKeywords).Append(' ').Append(Literals.Identifier(d.Name)).Append(d.TypeParameters).Append(" { ");
            }

            text.Append(members);
            text.Append(' ').Append(new string('}', chain.Count + (type.ContainingNamespace.IsGlobalNamespace ? 0 : 1)));
            return text.ToString();
        }
    }
}
