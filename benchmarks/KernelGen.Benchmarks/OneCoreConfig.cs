using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace KernelGen.Benchmarks;

/// <summary>
/// One process that sees one core (<c>DOTNET_PROCESSOR_COUNT=1</c>). Ten warm-up iterations (about five seconds): a
/// process that sees one core tiers the benchmark methods up seconds after it starts, and with three the first measured
/// iterations could still run a method's unoptimised first tier, far slower than its steady state (docs/benchmarks.md).
/// </summary>
internal sealed class OneCoreConfig : ManualConfig
{
    public OneCoreConfig() =>
        AddJob(Job.Default.WithWarmupCount(10).WithIterationCount(15).WithLaunchCount(1).WithEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1").WithId("1core"));
}
