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
    /// Loads KernelGen and its compiler from the test's folder, and the tensor library too where it has its own;
    /// everything else from the default context.
    /// </summary>
    private sealed class Plugin(string directory, bool ownTensors) : AssemblyLoadContext("plugin")
    {
        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "KernelGen" or "KernelGen.Compiler" || ownTensors && name.Name == "System.Numerics.Tensors"
                ? LoadFromAssemblyPath(Path.Combine(directory, name.Name + ".dll"))
                : null;
    }
}
