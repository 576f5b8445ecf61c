using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    /// <summary>
    /// The user's declarations that would change what a short name in the generated kernels means (KG0014). The kernels
    /// live in <c>KernelGen.Generated</c>, where lookup tries that namespace's members first, then its using directives
    /// (<see cref="Emitter.KernelsImports"/>), then the members of <c>KernelGen</c>. So a type or namespace the user
    /// declares in KernelGen.Generated, or a type in an imported namespace, named like a type of an imported namespace
    /// or of KernelGen, takes that name over or makes it ambiguous; and a type in KernelGen named like one of KernelGen's
    /// own takes it over. Other declarations there change nothing the kernels name (the using directives themselves are
    /// global-qualified). Only declarations in the user's source are reported, where the diagnostic can point.
    /// </summary>
    internal static class ReservedNames
    {
        private const string LibraryNamespace = "KernelGen";

        /// <summary>Every such declaration in <paramref name="compilation"/>'s own source, as KG0014.</summary>
        public static EquatableArray<DiagnosticInfo> Clashes(Compilation compilation, CancellationToken cancellationToken)
        {
            INamespaceSymbol declared = compilation.Assembly.GlobalNamespace;
            string[] everyImport = [.. Emitter.KernelsImports, LibraryNamespace];
            var clashes = new List<DiagnosticInfo>();

            foreach (INamespaceOrTypeSymbol member in Find(declared, Emitter.KernelsNamespace)?.GetMembers() ?? Enumerable.Empty<INamespaceOrTypeSymbol>())
            {
                // A namespace hides a type of its name whatever the type's arity.
                int? arity = member is INamedTypeSymbol type ? type.Arity : null;
                if (everyImport.Any(ns => HasReferencedType(compilation, ns, member.Name, arity)))
                {
                    Report(clashes, member, Emitter.KernelsNamespace);
                }
            }

            foreach (string import in Emitter.KernelsImports)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (INamedTypeSymbol type in Find(declared, import)?.GetTypeMembers() ?? Enumerable.Empty<INamedTypeSymbol>())
                {
                    if (everyImport.Any(ns => HasReferencedType(compilation, ns, type.Name, type.Arity)))
                    {
                        Report(clashes, type, import);
                    }
                }
            }

            foreach (INamedTypeSymbol type in Find(declared, LibraryNamespace)?.GetTypeMembers() ?? Enumerable.Empty<INamedTypeSymbol>())
            {
                if (HasReferencedType(compilation, LibraryNamespace, type.Name, type.Arity))
                {
                    Report(clashes, type, LibraryNamespace);
                }
            }

            return clashes.ToEquatableArray();
        }

        /// <summary>
        /// Whether a referenced assembly has a public type in namespace <paramref name="ns"/> named
        /// <paramref name="name"/>, of that <paramref name="arity"/> where one is given.
        /// </summary>
        private static bool HasReferencedType(Compilation compilation, string ns, string name, int? arity) =>
            Find(compilation.GlobalNamespace, ns)?.GetTypeMembers(name)
                .Any(t => (arity is null || t.Arity == arity) && t.DeclaredAccessibility == Accessibility.Public &&
                          !SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly)) == true;

        /// <summary>The namespace at the dotted <paramref name="path"/> below <paramref name="root"/>, or null.</summary>
        private static INamespaceSymbol? Find(INamespaceSymbol root, string path)
        {
            INamespaceSymbol? current = root;
            foreach (string part in path.Split('.'))
            {
                current = current.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }

        private static void Report(List<DiagnosticInfo> clashes, INamespaceOrTypeSymbol symbol, string ns) =>
            clashes.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, symbol.Locations.FirstOrDefault(l => l.IsInSource), symbol.Name, ns));
    }
}
