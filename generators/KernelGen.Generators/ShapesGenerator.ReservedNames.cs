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
    /// the kernels name takes it over. Names spelled in full from <c>global::</c> (in the user's class, and the using
    /// directives) are looked up step by step instead: a type named like a namespace on the way (<c>System.Buffers</c>, a
    /// type <c>Internal</c> in KernelGen) or like the type at the end, of its arity, takes the name over as well. Other
    /// declarations there (a polyfill in System.Runtime.CompilerServices, say) change nothing the kernels name, and are
    /// left alone. Only the project's own source is read, where the diagnostic can point.
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

        /// <summary>
        /// The namespaces the generated code names in full (with <c>global::</c>, or as its own namespace), each step of
        /// which a type of the project's of that name could take over. <c>ReservedNamesTests</c> derives the list.
        /// </summary>
        internal static readonly string[] FullNamespaces =
        [
            "KernelGen", "KernelGen.Generated", "KernelGen.Internal", "System", "System.Buffers", "System.CodeDom",
            "System.CodeDom.Compiler", "System.Numerics", "System.Numerics.Tensors", "System.Runtime",
            "System.Runtime.CompilerServices", "System.Runtime.InteropServices", "System.Runtime.Intrinsics",
        ];

        /// <summary>
        /// The types the generated code names in full, as "Namespace.Name`arity", an attribute under both of the names it
        /// is looked up by: a type of the project's of that full name and arity is taken instead (CS0436).
        /// <c>ReservedNamesTests</c> derives the list.
        /// </summary>
        internal static readonly string[] FullTypeNames =
        [
            "KernelGen.IPrototypeRegularizer`1", "KernelGen.Internal.TensorArguments`0", "KernelGen.PrototypeRegularizer`1",
            "System.CodeDom.Compiler.GeneratedCode`0", "System.CodeDom.Compiler.GeneratedCodeAttribute`0",
            "System.Numerics.Tensors.ReadOnlyTensorSpan`1", "System.Numerics.Tensors.TensorSpan`1", "System.ReadOnlySpan`1",
            "System.Runtime.CompilerServices.MethodImpl`0", "System.Runtime.CompilerServices.MethodImplAttribute`0",
            "System.Runtime.CompilerServices.MethodImplOptions`0", "System.Span`1",
        ];

        /// <summary>How the message names the global namespace, as the compiler's own messages do.</summary>
        private const string GlobalNamespaceName = "<global namespace>";

        private static readonly HashSet<string> s_library = [.. LibraryShortNames];
        private static readonly HashSet<string> s_any = [.. LibraryShortNames, .. ImportedShortNames];

        /// <summary>Every such declaration in <paramref name="compilation"/>'s own source, as KG0014, each once.</summary>
        public static EquatableArray<DiagnosticInfo> Clashes(Compilation compilation, CancellationToken cancellationToken)
        {
            INamespaceSymbol declared = compilation.Assembly.GlobalNamespace;
            var clashes = new List<DiagnosticInfo>();
            var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            Check(clashes, reported, Find(declared, Emitter.KernelsNamespace)?.GetMembers(), s_any, Emitter.KernelsNamespace);
            foreach (string import in Emitter.KernelsImports)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Check(clashes, reported, Find(declared, import)?.GetTypeMembers(), s_any, import);
            }

            // Lookup reaches KernelGen's members after the imports: only KernelGen's own names can be taken over there.
            Check(clashes, reported, Find(declared, LibraryNamespace)?.GetMembers(), s_library, LibraryNamespace);

            // Full names: a type named like a step of the namespace (a namespace's name takes no type arguments), then one
            // named like the type at the end.
            foreach (string ns in FullNamespaces)
            {
                cancellationToken.ThrowIfCancellationRequested();
                INamespaceSymbol? current = declared;
                string path = "";
                foreach (string part in ns.Split('.'))
                {
                    Check(clashes, reported, current.GetTypeMembers(part, 0), [part + "`0"], path.Length == 0 ? GlobalNamespaceName : path);
                    current = current.GetMembers(part).OfType<INamespaceSymbol>().FirstOrDefault();
                    if (current is null)
                    {
                        break;
                    }

                    path = path.Length == 0 ? part : path + "." + part;
                }
            }

            foreach (string full in FullTypeNames)
            {
                int dot = full.LastIndexOf('.');
                string ns = full.Substring(0, dot);
                Check(clashes, reported, Find(declared, ns)?.GetTypeMembers(), [full.Substring(dot + 1)], ns);
            }

            return clashes.ToEquatableArray();
        }

        private static void Check(List<DiagnosticInfo> clashes, HashSet<ISymbol> reported, IEnumerable<INamespaceOrTypeSymbol>? members, ICollection<string> names, string ns)
        {
            foreach (INamespaceOrTypeSymbol member in members ?? [])
            {
                // A namespace takes over a name only where it is written without type arguments.
                int arity = member is INamedTypeSymbol type ? type.Arity : 0;
                if (names.Contains($"{member.Name}`{arity}") && reported.Add(member))
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
