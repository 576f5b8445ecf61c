using BenchmarkDotNet.Attributes;
using KernelGen.Compiler;

namespace KernelGen.Benchmarks;

/// <summary>4×3×64 float loss + gradient through each engine, in one run: the generated static call is the baseline.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly Problem _problem = new(4, 3, 64);
    private readonly PrototypeRegularizer<float> _generated = Reg4x3x64f.Regularizer;
    private readonly PrototypeRegularizer<float> _compiled = KernelCompiler.Compile<float>(4, 3, 64);
    private readonly PrototypeRegularizer<float> _reference = Regularizers.Create<float>(4, 3, 64);

    [Benchmark(Baseline = true)]
    public float GeneratedStatic() => Reg4x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    [Benchmark]
    public float GeneratedRegularizer() => _generated.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    [Benchmark]
    public float Compiled() => _compiled.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    [Benchmark]
    public float Reference() => _reference.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);
}
