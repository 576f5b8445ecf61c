using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using KernelGen.Generators;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Compiler;

/// <summary>
/// The run-time engine: kernels for a shape known only at run time, produced by the <c>[Shapes]</c> generator's own
/// emitter for that shape and compiled in the process with Roslyn (as <c>RegexOptions.Compiled</c> compiles a pattern
/// the source generator could have emitted). Results are bit-identical to a <c>[Shapes]</c> class of the same shape:
/// it is the same code.
/// </summary>
/// <remarks>
/// <para>Each shape, element type, ε and <c>parallel</c> is compiled once per process and cached; concurrent first
/// calls for one of them compile it once. The first compile in a process also pays for the JIT compiling Roslyn itself
/// (seconds); later shapes cost only their own compile (a fraction of a second), a cached shape a dictionary look-up.</para>
/// <para>The compiled kernels are loaded into the load context of the KernelGen this assembly binds to: a plugin that
/// loads KernelGen and KernelGen.Compiler into a context of its own gets kernels compiled against its copies, cached in
/// its copy of this class. In a collectible context, load both there: kernels compiled for a KernelGen of the default
/// context stay loaded there after the plugin unloads.</para>
/// <para>Where dynamic code is not supported (<see cref="RuntimeFeature.IsDynamicCodeSupported"/> is false, as under
/// NativeAOT and in every run of a project that sets <c>PublishAot</c>), in an app that sets <c>PublishTrimmed</c> (the
/// package's build file turns the switch <c>KernelGen.Compiler.KernelCompiler.IsSupported</c> off in every build of it,
/// so that development runs the engine the trimmed app will), or where the libraries have no files for Roslyn to
/// reference (a single-file app), <see cref="Compile{T}"/> returns the reference engine instead, and says so:
/// <see cref="PrototypeRegularizer{T}.IsCompiled"/> is false and <see cref="PrototypeRegularizer{T}.Engine"/> is
/// <see cref="RegularizerEngine.Reference"/>.</para>
/// </remarks>
public static class KernelCompiler
{
    private const string Namespace = "KernelGen.Compiled";

    // Keyed by a string, so the dictionary is the framework's shared precompiled instantiation: a struct key would make
    // the first cached look-up wait for the JIT to compile a dictionary of its own.
    private static readonly ConcurrentDictionary<string, Lazy<object>> s_cache = new();

    /// <summary>
    /// Whether <see cref="Compile{T}"/> may try to compile: true unless the app turns off the switch
    /// <c>KernelGen.Compiler.KernelCompiler.IsSupported</c>, as the package's build file does in every build of an app that
    /// sets <c>PublishTrimmed</c>. Trimming removes what Roslyn and the compiled kernels need of the KernelGen library, so
    /// a trimmed app gets the reference engine, and the trimmer, which reads the switch as a constant, removes the
    /// compile path and Roslyn with it.
    /// </summary>
    [FeatureSwitchDefinition(IsSupportedSwitch)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    internal static bool IsSupported { get; } = !AppContext.TryGetSwitch(IsSupportedSwitch, out bool enabled) || enabled;

    private const string IsSupportedSwitch = "KernelGen.Compiler.KernelCompiler.IsSupported";

    /// <summary>The kernels for one shape, compiled in this process (or the reference engine where that is not possible).</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="nClasses">Number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">Most prototypes per class, 1 … 1024.</param>
    /// <param name="features">Features per prototype, 1 … 2²⁰.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <param name="parallel">
    /// Whether the loss and gradient may use every core, as <c>[Shapes(Parallel = true)]</c>: off by default, so code
    /// that runs its own threads is not oversubscribed; results are bit-identical on any number of cores.
    /// </param>
    /// <returns>The shape's kernels; the same instance for every call with the same arguments.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A shape parameter is out of range: the limits of KG0002, KG0003 and KG0005.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    /// <exception cref="InvalidOperationException">
    /// Roslyn could not compile the shape (the message carries its errors). A failure is not cached: the next call for
    /// the shape compiles again.
    /// </exception>
    public static PrototypeRegularizer<T> Compile<T>(int nClasses, int maxPerClass, int features, double epsilon = ShapeLimits.DefaultEpsilon, bool parallel = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validation.CheckShape(nClasses, maxPerClass, features, epsilon);
        Validation.CheckElementType<T>();

        string key = TypeName(typeof(T) == typeof(double), nClasses, maxPerClass, features, epsilon, parallel);
        if (!s_cache.TryGetValue(key, out Lazy<object>? entry))
        {
            entry = s_cache.GetOrAdd(key, new Lazy<object>(
                () => CompiledOrReference<T>(nClasses, maxPerClass, features, epsilon, parallel),
                LazyThreadSafetyMode.ExecutionAndPublication));
        }

        try
        {
            return (PrototypeRegularizer<T>)entry.Value;
        }
        catch
        {
            // A failed compile is not cached: the next call tries again.
            s_cache.TryRemove(new(key, entry));
            throw;
        }
    }

    /// <summary>
    /// The compiled kernels where this process can compile them (dynamic code, the compiler's switch on, and files of
    /// the KernelGen and tensor libraries for Roslyn to reference), otherwise the reference engine.
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3002:Avoid calling members marked with 'RequiresAssemblyFilesAttribute' when publishing as a single file",
        Justification = "Build runs only where References found both libraries' files, which a single-file app has not.")]
    private static object CompiledOrReference<T>(int nClasses, int maxPerClass, int features, double epsilon, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RuntimeFeature.IsDynamicCodeSupported && IsSupported && References.All is not null
            ? Build(typeof(T) == typeof(double), nClasses, maxPerClass, features, epsilon, parallel)
            : Regularizers.Create<T>(nClasses, maxPerClass, features, epsilon, parallel);

    /// <summary>The compiled class's name, unique per shape, element type, ε (its bits) and parallelism: also the cache key.</summary>
    private static string TypeName(bool isDouble, int nClasses, int maxPerClass, int features, double epsilon, bool parallel) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Shape{nClasses}x{maxPerClass}x{features}{(isDouble ? "d" : "f")}_{BitConverter.DoubleToInt64Bits(epsilon):X16}{(parallel ? "_parallel" : "")}");

    [RequiresUnreferencedCode("Roslyn and the compiled kernels need the KernelGen library as it was built.")]
    [RequiresDynamicCode("Loads and runs code compiled at run time.")]
    [RequiresAssemblyFiles("Roslyn references the KernelGen library's file.")]
    private static object Build(bool isDouble, int nClasses, int maxPerClass, int features, double epsilon, bool parallel)
    {
        string typeName = TypeName(isDouble, nClasses, maxPerClass, features, epsilon, parallel);
        var spec = new ShapeSpec(typeName + ".g.cs", Namespace, EquatableArray<TypeDeclarationSpec>.Empty,
            new TypeDeclarationSpec("partial class", typeName, ""), IsStatic: false, nClasses, maxPerClass, features, isDouble, epsilon, parallel);
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            // Paths of their own: the emitted kernels are file-local types.
            CSharpSyntaxTree.ParseText(ShapesGenerator.Emitter.Emit(spec, runtimeCompiled: true), parse, path: spec.HintName),
            CSharpSyntaxTree.ParseText($"namespace {Namespace} {{ public sealed partial class {typeName} {{ }} }}", parse, path: typeName + ".cs"),
        ];
        var compilation = CSharpCompilation.Create(Namespace + "." + typeName, trees, References.All!.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException($"KernelGen could not compile {typeName}:\n" +
                string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        // Into the load context of the KernelGen this assembly binds to (a plugin's own copy, say), so that the compiled
        // class derives from that PrototypeRegularizer<T> and binds that context's tensor library, as Roslyn saw them.
        image.Position = 0;
        Assembly assembly = References.LibraryContext.LoadFromStream(image);
        return assembly.GetType(Namespace + "." + typeName, throwOnError: true)!
            .GetProperty("Regularizer", BindingFlags.Public | BindingFlags.Static)!
            .GetValue(null)!;
    }

    /// <summary>
    /// The framework this process runs on, the runtime library the kernels call and the tensor library its API names,
    /// the last two as the runtime library's load context binds them (a plugin's copies are not among the framework's):
    /// loaded by the first call, and reached only behind <see cref="RuntimeFeature.IsDynamicCodeSupported"/>, so that
    /// where dynamic code is not supported the compile and its reads of <see cref="Assembly.Location"/> are not in the
    /// app at all (NativeAOT publishes without a single-file warning).
    /// </summary>
    private static class References
    {
        /// <summary>The runtime library's load context, where the compiled kernels are loaded.</summary>
        public static readonly AssemblyLoadContext LibraryContext =
            AssemblyLoadContext.GetLoadContext(typeof(PrototypeRegularizer<>).Assembly) ?? AssemblyLoadContext.Default;

        /// <summary>Null where either library has no file for Roslyn to read (a single-file app): no compile there.</summary>
        public static readonly ImmutableArray<MetadataReference>? All = Load();

        [UnconditionalSuppressMessage("SingleFile", "IL3000:Avoid accessing Assembly file path when publishing as a single file",
            Justification = "An empty location is how a single-file app is told apart: it gets the reference engine.")]
        private static ImmutableArray<MetadataReference>? Load()
        {
            Assembly library = typeof(PrototypeRegularizer<>).Assembly;
            // By simple name: the context resolves it as it resolves the runtime library's own reference.
            Assembly tensors = LibraryContext.LoadFromAssemblyName(new AssemblyName(typeof(ReadOnlyTensorSpan<>).Assembly.GetName().Name!));
            string[] libraryFiles = [library.Location, tensors.Location];
            if (libraryFiles.Any(path => path.Length == 0))
            {
                return null;
            }

            var libraryNames = new HashSet<string>(libraryFiles.Select(path => Path.GetFileName(path)), StringComparer.OrdinalIgnoreCase);
            string platform = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
            return platform.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => Path.GetFileName(path) is string name && !libraryNames.Contains(name)
                    && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
                .Concat(libraryFiles)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }
    }
}
