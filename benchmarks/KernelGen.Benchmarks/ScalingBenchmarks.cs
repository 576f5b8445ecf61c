using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>Loss time against the number of prototypes P (maxPerClass 8, features 64): generated and reference.</summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private Problem _problem = null!;

    [Params(12, 100, 1_000, 10_000, 100_000)]
    public int P { get; set; }

    [GlobalSetup]
    public void Setup() => _problem = new Problem((P + 7) / 8, 8, 64, P);

    [Benchmark]
    public float Generated() => P switch
    {
        12 => Scale12.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        100 => Scale100.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        1_000 => Scale1000.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        10_000 => Scale10000.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        _ => Scale100000.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
    };

    [Benchmark]
    public float Reference() => Regularizers.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, 1f, _problem.NClasses, 8);
}

/// <summary>
/// The prosemble port against P. Its P×P×F float tensor is 4·P²·64 bytes: 256 MB at P = 1000 and 25.6 GB at
/// P = 10 000, beyond this 24 GiB machine, so the run stops at 1000.
/// </summary>
[MemoryDiagnoser]
public class ProsemblePortScalingBenchmarks
{
    private Problem _problem = null!;

    [Params(12, 100, 1_000)]
    public int P { get; set; }

    [GlobalSetup]
    public void Setup() => _problem = new Problem((P + 7) / 8, 8, 64, P);

    [Benchmark]
    public float ProsemblePort() => Baselines.ProsemblePort.Loss(_problem.Prototypes, _problem.Labels, 1f, _problem.NClasses, 8);
}
