using KernelGen.Compiler;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Shapes of one member per class factorise nothing, but their label pass still checks every label. With many classes
/// its bookkeeping is rented, as the plan says (<c>KernelPlan.LabelScratch</c>), not taken from the stack.
/// </summary>
public class OneMemberClassTests
{
    [Fact]
    public void A_million_one_member_classes_check_their_labels_on_a_small_stack()
    {
        const int N = 1 << 20;
        PrototypeRegularizer<float> kernels = KernelCompiler.Compile<float>(N, 1, 1);
        float[] prototypes = Enumerable.Range(0, N).Select(i => (float)i).ToArray();
        int[] labels = Enumerable.Range(0, N).Reverse().ToArray();
        float[] gradient = Enumerable.Repeat(5f, N).ToArray();
        int[] twoInOneClass = (int[])labels.Clone();
        twoInOneClass[7] = twoInOneClass[8];
        float loss = float.NaN;
        Exception? rejected = null;

        // 2²⁰ + 1 + 2²⁰ ints of bookkeeping are 8 MB: on a 1 MB stack only rented memory holds them.
        var thread = new Thread(() =>
        {
            loss = kernels.PrototypeDiversityLoss(prototypes, labels, gradient, 1f);
            rejected = Record.Exception(() => kernels.PrototypeDiversityLoss(prototypes, twoInOneClass, 1f));
        }, maxStackSize: 1 << 20);
        thread.Start();
        thread.Join();

        Assert.Equal(0f, loss);
        Assert.True(gradient.All(g => g == 0f));
        Assert.Equal("protoLabels", Assert.IsAssignableFrom<ArgumentException>(rejected).ParamName);
    }

    [Theory]
    [InlineData("[Shapes(5, 1, 16)]", "5 classes × 1 prototype × 16 features (float)", "nothing is factorised")]
    [InlineData("[Shapes(1, 3, 1)]", "1 class × 3 prototypes × 1 feature (float)", "factorised (LDLᵀ)")]
    public void The_generated_docs_describe_the_shape_and_its_path(string attribute, string shape, string path)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + attribute + " public static partial class Reg;\n");
        Assert.Empty(diagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        string source = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("Specialised for " + shape + ".", source, StringComparison.Ordinal);
        Assert.Contains(path, source, StringComparison.Ordinal);
    }
}
