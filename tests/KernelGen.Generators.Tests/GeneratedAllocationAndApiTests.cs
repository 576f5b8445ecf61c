using KernelGen.Consumer;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>Zero allocations, the generated constants, and the interface for generic training code.</summary>
public class GeneratedAllocationAndApiTests
{
    /// <summary>Every engine (generated, compiled, reference) of every float and double shape, parallel ones included.</summary>
    public static TheoryData<string> AllEngines() => new([.. Engines.Float().Select(e => e.Shape), .. Engines.Double().Select(e => e.Shape)]);

    /// <summary>
    /// Counted on every thread a call uses, the parallel kernels' pool helpers included, in a process where nothing
    /// else runs (see <see cref="Allocations"/>); every batch must allocate nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Kernels_allocate_nothing_in_steady_state(string shape)
    {
        Allocations.Measure(EngineAllocations.Suite)[shape].AssertNone(shape);
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
        Assert.Equal((3, 3, 20, 9, 1e-6), Shape<Outer<int>.Middle.Inner, float>());
        // Shapes whose five values differ, so that no constant can stand in for another.
        Assert.Equal((2, 4, 16, 8, 1e-4), Shape<GenericShape<string>, double>());
        Assert.Equal((3, 20, 9, 60, 1e-6), Shape<LoopShapeDouble, double>());
        Assert.True(typeof(IPrototypeRegularizer<double>).IsAssignableFrom(typeof(GenericShape<string>)));
        // A generic class's constructed types share its kernels, as the package page says.
        Assert.Same(GenericShape<string>.Regularizer, GenericShape<int>.Regularizer);
        Assert.True(typeof(IPrototypeRegularizer<float>).IsAssignableFrom(typeof(LoopShapeDouble).Assembly.GetType("KernelGen.Consumer.InternalShape", throwOnError: true)));
        Assert.False(typeof(IPrototypeRegularizer<float>).IsAssignableFrom(typeof(Shape4x3x64f)));
        Assert.Equal((2, 2, 3, 4, 1e-6), Shape<AbstractShape, float>());
        float[] small = TestData.Values(4 * 3, 6).ToFloat();
        Assert.Equal(AbstractShape.PrototypeDiversityLoss(small, [0, 0, 1, 1], 0.8f), LossThroughInterface<AbstractShape>(small, [0, 0, 1, 1]));
        Assert.Same(AbstractShape.Regularizer, RegularizerThroughInterface<AbstractShape>());
    }

    private static PrototypeRegularizer<float> RegularizerThroughInterface<TReg>()
        where TReg : IPrototypeRegularizer<float> => TReg.Regularizer;

    private static float LossThroughInterface<TReg>(float[] w, int[] labels)
        where TReg : IPrototypeRegularizer<float> => TReg.PrototypeDiversityLoss(w, labels, 0.8f);

    private static (int, int, int, int, double) Shape<TReg, T>()
        where TReg : IPrototypeRegularizer<T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => (TReg.NClasses, TReg.MaxPerClass, TReg.Features, TReg.MaxPrototypes, TReg.Epsilon);
}
