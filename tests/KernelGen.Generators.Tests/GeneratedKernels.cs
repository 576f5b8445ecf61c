using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>The generated kernels of one shape, as delegates, so one test body can run every shape.</summary>
public sealed record Kernels<T>(
    string Shape,
    int NClasses,
    int MaxPerClass,
    int Features,
    double Epsilon,
    Kernels<T>.LossFn Loss,
    Kernels<T>.LossGradientFn LossAndGradient,
    Kernels<T>.SoftFn Soft,
    Kernels<T>.SoftInPlaceFn SoftInPlace,
    Kernels<T>.ElasticFn Elastic,
    Kernels<T>.ElasticInPlaceFn ElasticInPlace)
{
    public delegate T LossFn(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> labels, T sigma);

    public delegate T LossGradientFn(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> labels, Span<T> gradient, T sigma);

    public delegate int SoftFn(ReadOnlySpan<T> relevances, Span<T> destination, T l1, T lr);

    public delegate int SoftInPlaceFn(Span<T> relevances, T l1, T lr);

    public delegate int ElasticFn(ReadOnlySpan<T> relevances, Span<T> destination, T l1, T l2, T lr);

    public delegate int ElasticInPlaceFn(Span<T> relevances, T l1, T l2, T lr);

    /// <summary>The shape asked for every core (<c>[Shapes(Parallel = true)]</c>); its other engines are made the same way.</summary>
    public bool Parallel { get; init; }

    public override string ToString() => Shape;
}

/// <summary>Every float and double shape the consumer project declares with <c>[Shapes]</c>.</summary>
public static class GeneratedKernels
{
    public static readonly Kernels<float>[] Float =
    [
        new("2x2x2f", Shape2x2x2f.NClasses, Shape2x2x2f.MaxPerClass, Shape2x2x2f.Features, Shape2x2x2f.Epsilon, Shape2x2x2f.PrototypeDiversityLoss, Shape2x2x2f.PrototypeDiversityLoss, Shape2x2x2f.SparseRelevanceProximal, Shape2x2x2f.SparseRelevanceProximal, Shape2x2x2f.ElasticNetProximal, Shape2x2x2f.ElasticNetProximal),
        new("4x3x64f", Shape4x3x64f.NClasses, Shape4x3x64f.MaxPerClass, Shape4x3x64f.Features, Shape4x3x64f.Epsilon, Shape4x3x64f.PrototypeDiversityLoss, Shape4x3x64f.PrototypeDiversityLoss, Shape4x3x64f.SparseRelevanceProximal, Shape4x3x64f.SparseRelevanceProximal, Shape4x3x64f.ElasticNetProximal, Shape4x3x64f.ElasticNetProximal),
        new("3x4x8f", Shape3x4x8f.NClasses, Shape3x4x8f.MaxPerClass, Shape3x4x8f.Features, Shape3x4x8f.Epsilon, Shape3x4x8f.PrototypeDiversityLoss, Shape3x4x8f.PrototypeDiversityLoss, Shape3x4x8f.SparseRelevanceProximal, Shape3x4x8f.SparseRelevanceProximal, Shape3x4x8f.ElasticNetProximal, Shape3x4x8f.ElasticNetProximal),
        new("10x3x64f", Shape10x3x64f.NClasses, Shape10x3x64f.MaxPerClass, Shape10x3x64f.Features, Shape10x3x64f.Epsilon, Shape10x3x64f.PrototypeDiversityLoss, Shape10x3x64f.PrototypeDiversityLoss, Shape10x3x64f.SparseRelevanceProximal, Shape10x3x64f.SparseRelevanceProximal, Shape10x3x64f.ElasticNetProximal, Shape10x3x64f.ElasticNetProximal),
        new("5x1x16f", Shape5x1x16f.NClasses, Shape5x1x16f.MaxPerClass, Shape5x1x16f.Features, Shape5x1x16f.Epsilon, Shape5x1x16f.PrototypeDiversityLoss, Shape5x1x16f.PrototypeDiversityLoss, Shape5x1x16f.SparseRelevanceProximal, Shape5x1x16f.SparseRelevanceProximal, Shape5x1x16f.ElasticNetProximal, Shape5x1x16f.ElasticNetProximal),
        new("3x5x17f", Shape3x5x17f.NClasses, Shape3x5x17f.MaxPerClass, Shape3x5x17f.Features, Shape3x5x17f.Epsilon, Shape3x5x17f.PrototypeDiversityLoss, Shape3x5x17f.PrototypeDiversityLoss, Shape3x5x17f.SparseRelevanceProximal, Shape3x5x17f.SparseRelevanceProximal, Shape3x5x17f.ElasticNetProximal, Shape3x5x17f.ElasticNetProximal),
        new("1x8x33f", Shape1x8x33f.NClasses, Shape1x8x33f.MaxPerClass, Shape1x8x33f.Features, Shape1x8x33f.Epsilon, Shape1x8x33f.PrototypeDiversityLoss, Shape1x8x33f.PrototypeDiversityLoss, Shape1x8x33f.SparseRelevanceProximal, Shape1x8x33f.SparseRelevanceProximal, Shape1x8x33f.ElasticNetProximal, Shape1x8x33f.ElasticNetProximal),
        new("3x4x20f-tail", KernelGen.Consumer.FourMemberTailShape.NClasses, KernelGen.Consumer.FourMemberTailShape.MaxPerClass, KernelGen.Consumer.FourMemberTailShape.Features, KernelGen.Consumer.FourMemberTailShape.Epsilon, KernelGen.Consumer.FourMemberTailShape.PrototypeDiversityLoss, KernelGen.Consumer.FourMemberTailShape.PrototypeDiversityLoss, KernelGen.Consumer.FourMemberTailShape.SparseRelevanceProximal, KernelGen.Consumer.FourMemberTailShape.SparseRelevanceProximal, KernelGen.Consumer.FourMemberTailShape.ElasticNetProximal, KernelGen.Consumer.FourMemberTailShape.ElasticNetProximal),
        new("4x6x7f", KernelGen.Consumer.SixMemberShape.NClasses, KernelGen.Consumer.SixMemberShape.MaxPerClass, KernelGen.Consumer.SixMemberShape.Features, KernelGen.Consumer.SixMemberShape.Epsilon, KernelGen.Consumer.SixMemberShape.PrototypeDiversityLoss, KernelGen.Consumer.SixMemberShape.PrototypeDiversityLoss, KernelGen.Consumer.SixMemberShape.SparseRelevanceProximal, KernelGen.Consumer.SixMemberShape.SparseRelevanceProximal, KernelGen.Consumer.SixMemberShape.ElasticNetProximal, KernelGen.Consumer.SixMemberShape.ElasticNetProximal),
        new("6x7x10f", KernelGen.Consumer.SevenMemberShape.NClasses, KernelGen.Consumer.SevenMemberShape.MaxPerClass, KernelGen.Consumer.SevenMemberShape.Features, KernelGen.Consumer.SevenMemberShape.Epsilon, KernelGen.Consumer.SevenMemberShape.PrototypeDiversityLoss, KernelGen.Consumer.SevenMemberShape.PrototypeDiversityLoss, KernelGen.Consumer.SevenMemberShape.SparseRelevanceProximal, KernelGen.Consumer.SevenMemberShape.SparseRelevanceProximal, KernelGen.Consumer.SevenMemberShape.ElasticNetProximal, KernelGen.Consumer.SevenMemberShape.ElasticNetProximal),
        new("2x16x12f-loop", KernelGen.Consumer.LoopShape.NClasses, KernelGen.Consumer.LoopShape.MaxPerClass, KernelGen.Consumer.LoopShape.Features, KernelGen.Consumer.LoopShape.Epsilon, KernelGen.Consumer.LoopShape.PrototypeDiversityLoss, KernelGen.Consumer.LoopShape.PrototypeDiversityLoss, KernelGen.Consumer.LoopShape.SparseRelevanceProximal, KernelGen.Consumer.LoopShape.SparseRelevanceProximal, KernelGen.Consumer.LoopShape.ElasticNetProximal, KernelGen.Consumer.LoopShape.ElasticNetProximal),
        new("5x10x12f-stack-loop", KernelGen.Consumer.StackLoopShape.NClasses, KernelGen.Consumer.StackLoopShape.MaxPerClass, KernelGen.Consumer.StackLoopShape.Features, KernelGen.Consumer.StackLoopShape.Epsilon, KernelGen.Consumer.StackLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.StackLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.StackLoopShape.SparseRelevanceProximal, KernelGen.Consumer.StackLoopShape.SparseRelevanceProximal, KernelGen.Consumer.StackLoopShape.ElasticNetProximal, KernelGen.Consumer.StackLoopShape.ElasticNetProximal),
        new("3x3x20f-nested", KernelGen.Consumer.Outer<int>.Middle.Inner.NClasses, KernelGen.Consumer.Outer<int>.Middle.Inner.MaxPerClass, KernelGen.Consumer.Outer<int>.Middle.Inner.Features, KernelGen.Consumer.Outer<int>.Middle.Inner.Epsilon, KernelGen.Consumer.Outer<int>.Middle.Inner.PrototypeDiversityLoss, KernelGen.Consumer.Outer<int>.Middle.Inner.PrototypeDiversityLoss, KernelGen.Consumer.Outer<int>.Middle.Inner.SparseRelevanceProximal, KernelGen.Consumer.Outer<int>.Middle.Inner.SparseRelevanceProximal, KernelGen.Consumer.Outer<int>.Middle.Inner.ElasticNetProximal, KernelGen.Consumer.Outer<int>.Middle.Inner.ElasticNetProximal),
        new("300x4x8f-rented", KernelGen.Consumer.RentedShape.NClasses, KernelGen.Consumer.RentedShape.MaxPerClass, KernelGen.Consumer.RentedShape.Features, KernelGen.Consumer.RentedShape.Epsilon, KernelGen.Consumer.RentedShape.PrototypeDiversityLoss, KernelGen.Consumer.RentedShape.PrototypeDiversityLoss, KernelGen.Consumer.RentedShape.SparseRelevanceProximal, KernelGen.Consumer.RentedShape.SparseRelevanceProximal, KernelGen.Consumer.RentedShape.ElasticNetProximal, KernelGen.Consumer.RentedShape.ElasticNetProximal),
        new("3000x3x4f-no-table", KernelGen.Consumer.NoTableShape.NClasses, KernelGen.Consumer.NoTableShape.MaxPerClass, KernelGen.Consumer.NoTableShape.Features, KernelGen.Consumer.NoTableShape.Epsilon, KernelGen.Consumer.NoTableShape.PrototypeDiversityLoss, KernelGen.Consumer.NoTableShape.PrototypeDiversityLoss, KernelGen.Consumer.NoTableShape.SparseRelevanceProximal, KernelGen.Consumer.NoTableShape.SparseRelevanceProximal, KernelGen.Consumer.NoTableShape.ElasticNetProximal, KernelGen.Consumer.NoTableShape.ElasticNetProximal),
        new("2x3x4f-global", GlobalShape.NClasses, GlobalShape.MaxPerClass, GlobalShape.Features, GlobalShape.Epsilon, GlobalShape.PrototypeDiversityLoss, GlobalShape.PrototypeDiversityLoss, GlobalShape.SparseRelevanceProximal, GlobalShape.SparseRelevanceProximal, GlobalShape.ElasticNetProximal, GlobalShape.ElasticNetProximal),
        new("100x8x64f-parallel", KernelGen.Consumer.ParallelShape.NClasses, KernelGen.Consumer.ParallelShape.MaxPerClass, KernelGen.Consumer.ParallelShape.Features, KernelGen.Consumer.ParallelShape.Epsilon, KernelGen.Consumer.ParallelShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelShape.ElasticNetProximal, KernelGen.Consumer.ParallelShape.ElasticNetProximal) { Parallel = true },
        new("4x3x64f-parallel-small", KernelGen.Consumer.SmallParallelShape.NClasses, KernelGen.Consumer.SmallParallelShape.MaxPerClass, KernelGen.Consumer.SmallParallelShape.Features, KernelGen.Consumer.SmallParallelShape.Epsilon, KernelGen.Consumer.SmallParallelShape.PrototypeDiversityLoss, KernelGen.Consumer.SmallParallelShape.PrototypeDiversityLoss, KernelGen.Consumer.SmallParallelShape.SparseRelevanceProximal, KernelGen.Consumer.SmallParallelShape.SparseRelevanceProximal, KernelGen.Consumer.SmallParallelShape.ElasticNetProximal, KernelGen.Consumer.SmallParallelShape.ElasticNetProximal) { Parallel = true },
    ];

    public static readonly Kernels<double>[] Double =
    [
        new("4x3x64d", Shape4x3x64d.NClasses, Shape4x3x64d.MaxPerClass, Shape4x3x64d.Features, Shape4x3x64d.Epsilon, Shape4x3x64d.PrototypeDiversityLoss, Shape4x3x64d.PrototypeDiversityLoss, Shape4x3x64d.SparseRelevanceProximal, Shape4x3x64d.SparseRelevanceProximal, Shape4x3x64d.ElasticNetProximal, Shape4x3x64d.ElasticNetProximal),
        new("2x6x5d", Shape2x6x5d.NClasses, Shape2x6x5d.MaxPerClass, Shape2x6x5d.Features, Shape2x6x5d.Epsilon, Shape2x6x5d.PrototypeDiversityLoss, Shape2x6x5d.PrototypeDiversityLoss, Shape2x6x5d.SparseRelevanceProximal, Shape2x6x5d.SparseRelevanceProximal, Shape2x6x5d.ElasticNetProximal, Shape2x6x5d.ElasticNetProximal),
        new("4x1x8d", KernelGen.Consumer.OneMemberDoubleShape.NClasses, KernelGen.Consumer.OneMemberDoubleShape.MaxPerClass, KernelGen.Consumer.OneMemberDoubleShape.Features, KernelGen.Consumer.OneMemberDoubleShape.Epsilon, KernelGen.Consumer.OneMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.OneMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.OneMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.OneMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.OneMemberDoubleShape.ElasticNetProximal, KernelGen.Consumer.OneMemberDoubleShape.ElasticNetProximal),
        new("3x2x4d", KernelGen.Consumer.TwoMemberDoubleShape.NClasses, KernelGen.Consumer.TwoMemberDoubleShape.MaxPerClass, KernelGen.Consumer.TwoMemberDoubleShape.Features, KernelGen.Consumer.TwoMemberDoubleShape.Epsilon, KernelGen.Consumer.TwoMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.TwoMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.TwoMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.TwoMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.TwoMemberDoubleShape.ElasticNetProximal, KernelGen.Consumer.TwoMemberDoubleShape.ElasticNetProximal),
        new("5x5x6d", KernelGen.Consumer.FiveMemberDoubleShape.NClasses, KernelGen.Consumer.FiveMemberDoubleShape.MaxPerClass, KernelGen.Consumer.FiveMemberDoubleShape.Features, KernelGen.Consumer.FiveMemberDoubleShape.Epsilon, KernelGen.Consumer.FiveMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.FiveMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.FiveMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.FiveMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.FiveMemberDoubleShape.ElasticNetProximal, KernelGen.Consumer.FiveMemberDoubleShape.ElasticNetProximal),
        new("3x7x9d", KernelGen.Consumer.SevenMemberDoubleShape.NClasses, KernelGen.Consumer.SevenMemberDoubleShape.MaxPerClass, KernelGen.Consumer.SevenMemberDoubleShape.Features, KernelGen.Consumer.SevenMemberDoubleShape.Epsilon, KernelGen.Consumer.SevenMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.SevenMemberDoubleShape.PrototypeDiversityLoss, KernelGen.Consumer.SevenMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.SevenMemberDoubleShape.SparseRelevanceProximal, KernelGen.Consumer.SevenMemberDoubleShape.ElasticNetProximal, KernelGen.Consumer.SevenMemberDoubleShape.ElasticNetProximal),
        new("3x20x9d-loop", KernelGen.Consumer.LoopShapeDouble.NClasses, KernelGen.Consumer.LoopShapeDouble.MaxPerClass, KernelGen.Consumer.LoopShapeDouble.Features, KernelGen.Consumer.LoopShapeDouble.Epsilon, KernelGen.Consumer.LoopShapeDouble.PrototypeDiversityLoss, KernelGen.Consumer.LoopShapeDouble.PrototypeDiversityLoss, KernelGen.Consumer.LoopShapeDouble.SparseRelevanceProximal, KernelGen.Consumer.LoopShapeDouble.SparseRelevanceProximal, KernelGen.Consumer.LoopShapeDouble.ElasticNetProximal, KernelGen.Consumer.LoopShapeDouble.ElasticNetProximal),
        new("2x4x8d-tiny-epsilon", KernelGen.Consumer.TinyEpsilonShape.NClasses, KernelGen.Consumer.TinyEpsilonShape.MaxPerClass, KernelGen.Consumer.TinyEpsilonShape.Features, KernelGen.Consumer.TinyEpsilonShape.Epsilon, KernelGen.Consumer.TinyEpsilonShape.PrototypeDiversityLoss, KernelGen.Consumer.TinyEpsilonShape.PrototypeDiversityLoss, KernelGen.Consumer.TinyEpsilonShape.SparseRelevanceProximal, KernelGen.Consumer.TinyEpsilonShape.SparseRelevanceProximal, KernelGen.Consumer.TinyEpsilonShape.ElasticNetProximal, KernelGen.Consumer.TinyEpsilonShape.ElasticNetProximal),
        new("8x8x8d-small-epsilon", KernelGen.Consumer.SmallEpsilonShape.NClasses, KernelGen.Consumer.SmallEpsilonShape.MaxPerClass, KernelGen.Consumer.SmallEpsilonShape.Features, KernelGen.Consumer.SmallEpsilonShape.Epsilon, KernelGen.Consumer.SmallEpsilonShape.PrototypeDiversityLoss, KernelGen.Consumer.SmallEpsilonShape.PrototypeDiversityLoss, KernelGen.Consumer.SmallEpsilonShape.SparseRelevanceProximal, KernelGen.Consumer.SmallEpsilonShape.SparseRelevanceProximal, KernelGen.Consumer.SmallEpsilonShape.ElasticNetProximal, KernelGen.Consumer.SmallEpsilonShape.ElasticNetProximal),
        new("2x4x16d-generic", KernelGen.Consumer.GenericShape<string>.NClasses, KernelGen.Consumer.GenericShape<string>.MaxPerClass, KernelGen.Consumer.GenericShape<string>.Features, KernelGen.Consumer.GenericShape<string>.Epsilon, KernelGen.Consumer.GenericShape<string>.PrototypeDiversityLoss, KernelGen.Consumer.GenericShape<string>.PrototypeDiversityLoss, KernelGen.Consumer.GenericShape<string>.SparseRelevanceProximal, KernelGen.Consumer.GenericShape<string>.SparseRelevanceProximal, KernelGen.Consumer.GenericShape<string>.ElasticNetProximal, KernelGen.Consumer.GenericShape<string>.ElasticNetProximal),
        new("40x12x16d-parallel-loop", KernelGen.Consumer.ParallelLoopShape.NClasses, KernelGen.Consumer.ParallelLoopShape.MaxPerClass, KernelGen.Consumer.ParallelLoopShape.Features, KernelGen.Consumer.ParallelLoopShape.Epsilon, KernelGen.Consumer.ParallelLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelLoopShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelLoopShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelLoopShape.ElasticNetProximal, KernelGen.Consumer.ParallelLoopShape.ElasticNetProximal) { Parallel = true },
        new("80x9x16d-parallel-stack-loop", KernelGen.Consumer.ParallelStackLoopShape.NClasses, KernelGen.Consumer.ParallelStackLoopShape.MaxPerClass, KernelGen.Consumer.ParallelStackLoopShape.Features, KernelGen.Consumer.ParallelStackLoopShape.Epsilon, KernelGen.Consumer.ParallelStackLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelStackLoopShape.PrototypeDiversityLoss, KernelGen.Consumer.ParallelStackLoopShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelStackLoopShape.SparseRelevanceProximal, KernelGen.Consumer.ParallelStackLoopShape.ElasticNetProximal, KernelGen.Consumer.ParallelStackLoopShape.ElasticNetProximal) { Parallel = true },
    ];

    public static Kernels<float> FloatShape(string shape) => Float.Single(k => k.Shape == shape);

    public static Kernels<double> DoubleShape(string shape) => Double.Single(k => k.Shape == shape);

    public static TheoryData<string> FloatShapes() => new(Float.Select(k => k.Shape));

    public static TheoryData<string> DoubleShapes() => new(Double.Select(k => k.Shape));
}
