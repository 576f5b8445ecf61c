using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace KernelGen.Benchmarks;

/// <summary>
/// The large shapes, serial and <c>Parallel = true</c>, each in a process that sees one core
/// (<c>DOTNET_PROCESSOR_COUNT=1</c>) and one that sees every core, in one run: <c>-- report</c> takes the core ratios
/// from it, and <c>-- plot-cores</c> draws time against cores.
/// </summary>
[Config(typeof(CoresConfig))]
[MemoryDiagnoser]
public class ParallelBenchmarks
{
    private Problem _problem = null!;

    [Params("1000x8x64f", "100x8x256f")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _problem = Shape == "1000x8x64f" ? new Problem(1000, 8, 64) : new Problem(100, 8, 256);

    [Benchmark]
    public float SerialLoss() => Shape == "1000x8x64f"
        ? Reg1000x8x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels)
        : Reg100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels);

    [Benchmark]
    public float SerialLossAndGradient() => Shape == "1000x8x64f"
        ? Reg1000x8x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient)
        : Reg100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    [Benchmark]
    public float ParallelLoss() => Shape == "1000x8x64f"
        ? Par1000x8x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels)
        : Par100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels);

    [Benchmark]
    public float ParallelLossAndGradient() => Shape == "1000x8x64f"
        ? Par1000x8x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient)
        : Par100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    /// <summary>Two jobs: one core, and every core this machine has.</summary>
    private sealed class CoresConfig : ManualConfig
    {
        public CoresConfig()
        {
            Job basis = Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1);
            AddJob(basis.WithEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1").WithId("1core"));
            AddJob(basis.WithId("allcores"));
        }
    }
}
