using KernelGen.Compiler;
using KernelGen.Consumer;
using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every engine of every shape the suites run (<see cref="Engines"/>, by the same names) as the
/// <see cref="PrototypeRegularizer{T}"/> whose class kernels the class tests call: a generated shape through its
/// <c>Regularizer</c>, which calls the very kernels its static members call, and the reference and compiled engines of
/// the same shape.
/// </summary>
public static class ClassKernelEngines
{
    private static readonly (string Shape, PrototypeRegularizer<float> Generated)[] s_generatedFloat =
    [
        ("2x2x2f", Shape2x2x2f.Regularizer),
        ("4x3x64f", Shape4x3x64f.Regularizer),
        ("3x4x8f", Shape3x4x8f.Regularizer),
        ("10x3x64f", Shape10x3x64f.Regularizer),
        ("5x1x16f", Shape5x1x16f.Regularizer),
        ("3x5x17f", Shape3x5x17f.Regularizer),
        ("1x8x33f", Shape1x8x33f.Regularizer),
        ("3x4x20f-tail", FourMemberTailShape.Regularizer),
        ("4x6x7f", SixMemberShape.Regularizer),
        ("6x7x10f", SevenMemberShape.Regularizer),
        ("2x16x12f-loop", LoopShape.Regularizer),
        ("5x10x12f-stack-loop", StackLoopShape.Regularizer),
        ("3x3x20f-nested", Outer<int>.Middle.Inner.Regularizer),
        ("300x4x8f-rented", RentedShape.Regularizer),
        ("3000x3x4f-no-table", NoTableShape.Regularizer),
        ("2x3x4f-global", GlobalShape.Regularizer),
        ("100x8x64f-parallel", ParallelShape.Regularizer),
        ("4x3x64f-parallel-small", SmallParallelShape.Regularizer),
    ];

    private static readonly (string Shape, PrototypeRegularizer<double> Generated)[] s_generatedDouble =
    [
        ("4x3x64d", Shape4x3x64d.Regularizer),
        ("2x6x5d", Shape2x6x5d.Regularizer),
        ("4x1x8d", OneMemberDoubleShape.Regularizer),
        ("3x2x4d", TwoMemberDoubleShape.Regularizer),
        ("5x5x6d", FiveMemberDoubleShape.Regularizer),
        ("3x7x9d", SevenMemberDoubleShape.Regularizer),
        ("3x20x9d-loop", LoopShapeDouble.Regularizer),
        ("2x4x8d-tiny-epsilon", TinyEpsilonShape.Regularizer),
        ("8x8x8d-small-epsilon", SmallEpsilonShape.Regularizer),
        ("2x4x16d-generic", GenericShape<string>.Regularizer),
        ("40x12x16d-parallel-loop", ParallelLoopShape.Regularizer),
        ("80x9x16d-parallel-stack-loop", ParallelStackLoopShape.Regularizer),
    ];

    private static readonly Lazy<Dictionary<string, PrototypeRegularizer<float>>> s_float = new(() => All(s_generatedFloat));

    private static readonly Lazy<Dictionary<string, PrototypeRegularizer<double>>> s_double = new(() => All(s_generatedDouble));

    /// <summary>The engine <see cref="Engines"/> names <paramref name="shape"/>.</summary>
    public static PrototypeRegularizer<float> Float(string shape) => s_float.Value[shape];

    /// <summary>The engine <see cref="Engines"/> names <paramref name="shape"/>.</summary>
    public static PrototypeRegularizer<double> Double(string shape) => s_double.Value[shape];

    /// <summary>Every float engine's name, in ordinal order.</summary>
    public static IEnumerable<string> FloatNames => s_float.Value.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every double engine's name, in ordinal order.</summary>
    public static IEnumerable<string> DoubleNames => s_double.Value.Keys.Order(StringComparer.Ordinal);

    public static TheoryData<string> FloatShapes() => new(FloatNames);

    /// <summary>The generated float shapes alone (whose compiled engine compiles the same emitted file).</summary>
    public static TheoryData<string> GeneratedFloatShapes() => new(s_generatedFloat.Select(g => g.Shape));

    public static TheoryData<string> DoubleShapes() => new(DoubleNames);

    private static Dictionary<string, PrototypeRegularizer<T>> All<T>((string Shape, PrototypeRegularizer<T> Generated)[] generated)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var all = new Dictionary<string, PrototypeRegularizer<T>>(StringComparer.Ordinal);
        foreach (var (shape, g) in generated)
        {
            all.Add(shape, g);
            all.Add("reference " + shape, Regularizers.Create<T>(g.NClasses, g.MaxPerClass, g.Features, g.Epsilon, g.Parallel));
            all.Add("compiled " + shape, KernelCompiler.Compile<T>(g.NClasses, g.MaxPerClass, g.Features, g.Epsilon, g.Parallel));
        }

        return all;
    }
}
