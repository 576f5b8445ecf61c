using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// 1000 × 3 × 64 float loss + gradient on one core: the shape whose blocks the group cap
/// (<c>KernelPlanner.MaxGroupBlocks</c>) limits. To compare caps, run it once per cap, the generator rebuilt with each
/// (docs/benchmarks.md, Findings).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class GroupCapBenchmarks
{
    private readonly Problem _problem = new(1000, 3, 64);

    [Benchmark]
    public float LossAndGradient() => Reg1000x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);
}
