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
    /// The project's declarations that would change what a short name in the generated kernels means (KG0014). The
    /// kernels live in <c>KernelGen.Generated</c>, where lookup tries that namespace's members first, then its using
    /// directives (<see cref="Emitter.KernelsImports"/>), then the members of <c>KernelGen</c>. So a type or namespace
    /// declared in KernelGen.Generated, or a type in an imported namespace, named like a type the kernels name takes
    /// that name over or makes it ambiguous; and a type or namespace in KernelGen named like one of KernelGen's that
    /// the kernels name takes it over. Other declarations there (a polyfill in System.Runtime.CompilerServices, say)
    /// change nothing the kernels name, and are left alone. Only the project's own source is read, where the diagnostic
    /// can point.
    /// </summary>
    internal static class ReservedNames
    {
        private const string LibraryNamespace = "KernelGen";

        /// <summary>
        /// The types of <c>KernelGen</c> the kernels name by a short name, as "Name`arity". <c>ReservedNamesTests</c>
        /// derives the list from generated code of every path and fails where it differs.
        /// </summary>
        internal static readonly string[] LibraryShortNames = ["PrototypeRegularizer`1", "RegularizerEngine`0", "Validation`0"];

        /// <summary>The same for the types of the imported namespaces, an attribute under both of the names it is looked up by.</summary>
        internal static readonly string[] ImportedShortNames =
        [
            "ArrayPool`1", "Math`0", "MemoryMarshal`0", "MethodImpl`0", "MethodImplAttribute`0", "MethodImplOptions`0",
            "ReadOnlySpan`1", "Span`1", "UIntPtr`0", "Unsafe`0", "Vector128`0", "Vector128`1", "Vector256`0", "Vector256`1",
            "Vector512`0", "Vector512`1", "ClassChunks`0", "ClassKernelEntry`0", "ClassQuad`0",
            "IClassRangeKernel`1", "IFeatureCount`0", "ILoneClassCode`1", "IVectorOps`2", "IWholeVectors`0",
            "LabelGroups`0", "LoopClass`0", "ManagedMath`0", "NonFinite`0", "ProximalKernel`0", "ScalarOps`1",
            "SimdMath`0", "UnrolledFactorisation`0", "UnrolledRows`0", "Vector128Ops`1", "Vector256Ops`1",
            "Vector512Ops`1",
        ];

        private static readonly HashSet<string> s_library = [.. LibraryShortNames];
        private static readonly HashSet<string> s_any = [.. LibraryShortNames, .. ImportedShortNames];

        /// <summary>Every such declaration in <paramref name="compilation"/>'s own source, as KG0014.</summary>
        public static EquatableArray<DiagnosticInfo> Clashes(Compilation compilation, CancellationToken cancellationToken)
        {
            INamespaceSymbol declared = compilation.Assembly.GlobalNamespace;
            var clashes = new List<DiagnosticInfo>();

            Check(clashes, Find(declared, Emitter.KernelsNamespace)?.GetMembers(), s_any, Emitter.KernelsNamespace);
            foreach (string import in Emitter.KernelsImports)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Check(clashes, Find(declared, import)?.GetTypeMembers(), s_any, import);
            }

            // Lookup reaches KernelGen's members after the imports: only KernelGen's own names can be taken over there.
            Check(clashes, Find(declared, LibraryNamespace)?.GetMembers(), s_library, LibraryNamespace);
            return clashes.ToEquatableArray();
        }

        private static void Check(List<DiagnosticInfo> clashes, IEnumerable<INamespaceOrTypeSymbol>? members, HashSet<string> names, string ns)
        {
            foreach (INamespaceOrTypeSymbol member in members ?? [])
            {
                // A namespace takes over a name only where it is written without type arguments.
                int arity = member is INamedTypeSymbol type ? type.Arity : 0;
                if (names.Contains($"{member.Name}`{arity}"))
                {
                    clashes.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, member.Locations.FirstOrDefault(l => l.IsInSource), member.Name, ns));
                }
            }
        }

        /// <summary>The namespace at the dotted <paramref name="path"/> below <paramref name="root"/>, or null.</summary>
        private static INamespaceSymbol? Find(INamespaceSymbol root, string path)
        {
            INamespaceSymbol? current = root;
            foreach (string part in path.Split('.'))
            {
                current = current.GetMembers(part).OfType<INamespaceSymbol>().FirstOrDefault();
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }
    }
}
