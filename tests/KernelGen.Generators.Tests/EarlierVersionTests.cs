using System.Reflection;
using System.Runtime.Loader;
using KernelGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>
/// A library compiled with an earlier KernelGen carries the code that version generated, and runs on whatever KernelGen
/// runtime the application loads. <c>EarlierVersions/</c> holds what 0.1.0 generated for two static float classes, one
/// unrolled (4 × 3 × 64) and one on the loop path (2 × 16 × 12, pooled scratch); they call the runtime's public helpers
/// (<c>Validation</c>, <c>KernelGen.Internal</c>), and a helper gone from this runtime fails the whole kernel with
/// MissingMethodException on its first call, valid input or not. They are compiled as that version's users compiled
/// them, against its reference assembly (<c>KernelGen.0.1.0.ref.dll</c>, built from the 0.1.0 sources), so each call
/// binds to the member 0.1.0 had, not to a newer overload; then run on this runtime, they must compute the loss and
/// refuse bad input as they did. (Their <c>Regularizer</c> property, and a non-static class's interface members, need
/// a rebuild: CHANGELOG, Breaking.)
/// </summary>
public sealed class EarlierVersionTests
{
    private static string Calls(string shape) => $$"""
        public static class Calls
        {
            public static float Loss(float[] w, int[] labels, float[] g, float sigma) => Snapshots.{{shape}}.PrototypeDiversityLoss(w, labels, g, sigma);
            public static float LossOnly(float[] w, int[] labels, float sigma) => Snapshots.{{shape}}.PrototypeDiversityLoss(w, labels, sigma);
            public static int Soft(float[] r, float[] d, float l1, float lr) => Snapshots.{{shape}}.SparseRelevanceProximal(r, d, l1, lr);
            public static int Elastic(float[] r, float[] d, float l1, float l2, float lr) => Snapshots.{{shape}}.ElasticNetProximal(r, d, l1, l2, lr);
        }
        """;

    private static readonly MetadataReference[] s_version010 =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(RepositoryPaths.Combine("tests", "KernelGen.Generators.Tests", "EarlierVersions", "KernelGen.0.1.0.ref.dll")),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.ReadOnlyTensorSpan<>).Assembly.Location),
    ];

    [Theory]
    [InlineData("Shape4x3x64f", 4, 3, 64)]
    [InlineData("Shape2x16x12f", 2, 16, 12)]
    public void Code_generated_by_0_1_0_runs_on_this_runtime(string shape, int nClasses, int maxPerClass, int features)
    {
        string file = shape + ".0.1.0.cs";
        string generated = File.ReadAllText(RepositoryPaths.Combine("tests", "KernelGen.Generators.Tests", "EarlierVersions", file));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "EarlierVersion010" + shape,
            [CSharpSyntaxTree.ParseText(generated, parse, path: file), CSharpSyntaxTree.ParseText(Calls(shape), parse, path: "Calls.cs")],
            s_version010,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;

        // KernelGen 0.1.0.0, as referenced, resolves to this runtime's KernelGen, as in an application that updated it.
        var context = new AssemblyLoadContext("earlier-version-0.1.0-" + shape, isCollectible: true);
        context.Resolving += (_, name) => name.Name == "KernelGen" ? typeof(Regularizers).Assembly : AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        try
        {
            Type calls = context.LoadFromStream(image).GetType("Calls")!;
            object? Call(string name, params object[] args)
            {
                try
                {
                    return calls.GetMethod(name)!.Invoke(null, args);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    throw e.InnerException;
                }
            }

            // Values: the loss and gradient within semantics.md's float tolerances of this runtime's reference.
            int count = nClasses * maxPerClass;
            float[] w = TestData.Values(count * features, 21, 0.4).ToFloat();
            int[] labels = TestData.ClassMajorLabels(nClasses, maxPerClass);
            float[] g = new float[w.Length], expectedGradient = new float[w.Length];
            float loss = (float)Call("Loss", w, labels, g, 1.5f)!;
            float expected = Regularizers.PrototypeDiversityLoss(w, labels, expectedGradient, 1.5f, nClasses, maxPerClass);
            Assert.True(expected > 0.01f, $"a vacuous loss, {expected}");
            Assert.InRange(Math.Abs(loss - expected), 0, 1e-5 * Math.Abs(expected) + 1e-5);
            Assert.Equal(loss, (float)Call("LossOnly", w, labels, 1.5f)!);
            double scale = expectedGradient.Max(v => Math.Abs((double)v));
            Assert.True(scale > 1e-3, $"a vacuous gradient, {scale}");
            Assert.All(Enumerable.Range(0, g.Length), i => Assert.InRange(Math.Abs(g[i] - expectedGradient[i]), 0, 1e-4 * scale + 1e-6));

            int rows = 2 * features;
            float[] relevances = [.. Enumerable.Range(0, rows).Select(i => (i - features) / 50f)];
            float[] soft = new float[rows], elastic = new float[rows], softExpected = new float[rows], elasticExpected = new float[rows];
            Assert.Equal(Regularizers.SparseRelevanceProximal(relevances, softExpected, 0.3f, 0.5f), (int)Call("Soft", relevances, soft, 0.3f, 0.5f)!);
            Assert.Equal(Regularizers.ElasticNetProximal(relevances, elasticExpected, 0.3f, 0.2f, 0.5f), (int)Call("Elastic", relevances, elastic, 0.3f, 0.2f, 0.5f)!);
            Assert.Equal(softExpected, soft);
            Assert.All(Enumerable.Range(0, rows), i => Assert.InRange(Math.Abs(elastic[i] - elasticExpected[i]), 0, 2e-7 * Math.Abs(elasticExpected[i])));

            // Bad input: the exception and parameter that version documented, and the gradient not written.
            void Refused(string paramName, string method, params object[] args)
            {
                Array.Fill(g, 7f);
                var e = Assert.ThrowsAny<ArgumentException>(() => Call(method, args));
                Assert.Equal(paramName, e.ParamName);
                Assert.All(g, v => Assert.Equal(7f, v));
            }

            Refused("prototypes", "Loss", w[1..], labels, g, 1.5f);
            Refused("gradient", "Loss", w, labels, new float[w.Length - 1], 1.5f);
            Refused("sigmaDiv", "Loss", w, labels, g, -1f);
            Refused("protoLabels", "Loss", w, new int[count], g, 1.5f);
            Refused("relevances", "Soft", new float[features + 1], new float[features + 1], 0.3f, 0.5f);
        }
        finally
        {
            context.Unload();
        }
    }
}
