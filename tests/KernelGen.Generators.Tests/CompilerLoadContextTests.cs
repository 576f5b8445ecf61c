using System.Reflection;
using System.Runtime.Loader;

namespace KernelGen.Generators.Tests;

/// <summary>
/// A plugin that carries its own KernelGen, loaded into a load context of its own, gets compiled kernels built on that
/// KernelGen: the compiled class derives from the plugin's <c>PrototypeRegularizer&lt;T&gt;</c>, not the host's, and is
/// loaded where it binds the plugin's tensor library (its own copy, or the host's it shares).
/// </summary>
public class CompilerLoadContextTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_plugin_with_its_own_KernelGen_gets_kernels_compiled_against_it(bool ownTensors)
    {
        var plugin = new Plugin(AppContext.BaseDirectory, ownTensors);
        Assembly compiler = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen.Compiler"));
        Assembly library = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen"));
        Assert.NotSame(typeof(PrototypeRegularizer<>).Assembly, library);

        MethodInfo compile = compiler.GetType("KernelGen.Compiler.KernelCompiler", throwOnError: true)!.GetMethod("Compile")!.MakeGenericMethod(typeof(float));
        object engine = compile.Invoke(null, [2, 2, 4, 1e-6, false])!;

        Type regularizer = library.GetType("KernelGen.PrototypeRegularizer`1", throwOnError: true)!.MakeGenericType(typeof(float));
        Assert.IsAssignableFrom(regularizer, engine);
        Assert.Same(plugin, AssemblyLoadContext.GetLoadContext(engine.GetType().Assembly));
        Assert.Equal(true, regularizer.GetProperty("IsCompiled")!.GetValue(engine));
        Assert.Equal("2 × 2 × 4 float (Compiled)", engine.ToString());
        Assert.Equal(ownTensors, plugin.Assemblies.Any(a => a.GetName().Name == "System.Numerics.Tensors"));
    }

    /// <summary>
    /// Where the KernelGen library has no file for Roslyn to reference (an empty <see cref="Assembly.Location"/>, as in a
    /// single-file app), the compiler returns the reference engine for the shape and options asked for, and says so,
    /// instead of failing: here KernelGen and its compiler are loaded from bytes, which gives them no file.
    /// </summary>
    [Fact]
    public void Libraries_without_a_file_get_the_reference_engine_with_the_shape_asked_for()
    {
        var plugin = new Plugin(AppContext.BaseDirectory, ownTensors: false, fromBytes: true);
        Assembly compiler = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen.Compiler"));
        Assembly library = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen"));
        Assert.Equal("", library.Location);

        object engine = ReferenceEngineWithoutAFile(compiler, library, parallel: true, "KernelGen");
        Assert.Equal("2 × 2 × 4 float, ε = 0.001, parallel (Reference)", engine.ToString());
        Assert.Same(engine, ReferenceEngineWithoutAFile(compiler, library, parallel: true, "KernelGen"));
    }

    /// <summary>
    /// The same where only the tensor library, which Roslyn references too, has no file: KernelGen and its compiler have
    /// theirs, and the compiler still returns the reference engine instead of failing.
    /// </summary>
    [Fact]
    public void A_tensor_library_without_a_file_gets_the_reference_engine()
    {
        var plugin = new Plugin(AppContext.BaseDirectory, ownTensors: true, tensorsFromBytes: true);
        Assembly compiler = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen.Compiler"));
        Assembly library = plugin.LoadFromAssemblyName(new AssemblyName("KernelGen"));
        Assert.NotEqual("", library.Location);
        Assert.Equal("", plugin.LoadFromAssemblyName(new AssemblyName("System.Numerics.Tensors")).Location);

        object engine = ReferenceEngineWithoutAFile(compiler, library, parallel: false, "the tensor library");
        Assert.Equal("2 × 2 × 4 float, ε = 0.001 (Reference)", engine.ToString());
    }

    /// <summary>
    /// The 2 × 2 × 4 float engine <paramref name="compiler"/> returns in its context, where <paramref name="missing"/> has
    /// no file for Roslyn to reference: the reference engine, not an exception.
    /// </summary>
    private static object ReferenceEngineWithoutAFile(Assembly compiler, Assembly library, bool parallel, string missing)
    {
        MethodInfo compile = compiler.GetType("KernelGen.Compiler.KernelCompiler", throwOnError: true)!.GetMethod("Compile")!.MakeGenericMethod(typeof(float));
        object engine;
        try
        {
            engine = compile.Invoke(null, [2, 2, 4, 1e-3, parallel])!;
        }
        catch (TargetInvocationException e)
        {
            Assert.Fail($"Compile threw {e.InnerException!.GetType().Name} ({e.InnerException.Message}) where {missing} has no file, instead of returning the reference engine");
            throw;
        }

        Type regularizer = library.GetType("KernelGen.PrototypeRegularizer`1", throwOnError: true)!.MakeGenericType(typeof(float));
        Assert.IsAssignableFrom(regularizer, engine);
        Assert.Equal(false, regularizer.GetProperty("IsCompiled")!.GetValue(engine));
        return engine;
    }

    /// <summary>
    /// Loads KernelGen and its compiler from the test's folder (or from their bytes, which leaves them without a file),
    /// and the tensor library too where it has its own (from its bytes alone with <c>tensorsFromBytes</c>);
    /// everything else from the default context.
    /// </summary>
    private sealed class Plugin(string directory, bool ownTensors, bool fromBytes = false, bool tensorsFromBytes = false) : AssemblyLoadContext("plugin")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (!(name.Name is "KernelGen" or "KernelGen.Compiler" || ownTensors && name.Name == "System.Numerics.Tensors"))
            {
                return null;
            }

            string path = Path.Combine(directory, name.Name + ".dll");
            if (!(fromBytes || tensorsFromBytes && name.Name == "System.Numerics.Tensors"))
            {
                return LoadFromAssemblyPath(path);
            }

            using var image = new MemoryStream(File.ReadAllBytes(path));
            return LoadFromStream(image);
        }
    }
}
