using KernelGen.Consumer;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>Zero allocations, the generated constants, and the interface for generic training code.</summary>
public class GeneratedAllocationAndApiTests
{
    /// <summary>Every float shape through every engine (generated, compiled, reference).</summary>
    public static TheoryData<string> FloatEngines() => new(Engines.Float().Select(e => e.Shape));

    [Theory]
    [MemberData(nameof(FloatEngines))]
    public void Kernels_allocate_nothing_in_steady_state(string shape)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        int[] labels = TestData.ClassMajorLabels(k.NClasses, k.MaxPerClass);
        float[] w = TestData.Values(labels.Length * k.Features, 3).ToFloat();
        float[] g = new float[w.Length];
        float[] r = TestData.Values(labels.Length * k.Features, 4).ToFloat();
        float[] d = new float[r.Length];

        void Calls()
        {
            k.Loss(w, labels, 1f);
            k.LossAndGradient(w, labels, g, 1f);
            k.Soft(r, d, 0.1f, 1f);
            k.ElasticInPlace(d, 0.1f, 0.2f, 1f);
        }

        Assert.Equal(0, Allocations.PerBatch(Calls));
    }

    [Fact]
    public void Constants_describe_the_shape()
    {
        Assert.Equal((4, 3, 64, 12, 1e-6), (Shape4x3x64f.NClasses, Shape4x3x64f.MaxPerClass, Shape4x3x64f.Features, Shape4x3x64f.MaxPrototypes, Shape4x3x64f.Epsilon));
        Assert.Equal(1e-4, GenericShape<int>.Epsilon);
        Assert.Equal(16, LoopShape.MaxPerClass);
    }

    [Fact]
    public void Non_static_classes_implement_the_interface_for_generic_code()
    {
        int[] labels = TestData.ClassMajorLabels(3, 3);
        float[] w = TestData.Values(labels.Length * 20, 5).ToFloat();
        float viaInterface = LossThroughInterface<Outer<int>.Middle.Inner>(w, labels);
        Assert.Equal(Outer<int>.Middle.Inner.PrototypeDiversityLoss(w, labels, 0.8f), viaInterface);
        Assert.Equal((3, 3, 20), Shape<Outer<int>.Middle.Inner>());
        Assert.True(typeof(IPrototypeRegularizer<double>).IsAssignableFrom(typeof(GenericShape<string>)));
        Assert.True(typeof(IPrototypeRegularizer<float>).IsAssignableFrom(typeof(LoopShapeDouble).Assembly.GetType("KernelGen.Consumer.InternalShape", throwOnError: true)));
        Assert.False(typeof(IPrototypeRegularizer<float>).IsAssignableFrom(typeof(Shape4x3x64f)));
    }

    private static float LossThroughInterface<TReg>(float[] w, int[] labels)
        where TReg : IPrototypeRegularizer<float> => TReg.PrototypeDiversityLoss(w, labels, 0.8f);

    private static (int, int, int) Shape<TReg>()
        where TReg : IPrototypeRegularizer<float> => (TReg.ClassCount, TReg.MaxPrototypesPerClass, TReg.FeatureCount);
}
