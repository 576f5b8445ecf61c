using BenchmarkDotNet.Attributes;
using KernelGen.Compiler;

namespace KernelGen.Benchmarks;

/// <summary>
/// Where splitting a call over the cores starts to pay: 8 × 64 float loss + gradient of 2 to 16 chunks, serial and
/// <c>parallel: true</c>, on every core (32 classes are two chunks, which <c>ShapeLimits.ParallelMinChunks</c> keeps
/// serial: both rows run the serial code). Each call also comes after a stretch of other work on the caller's thread,
/// as in a training loop, where the pool's threads have parked again between calls and each call pays their wake-up;
/// back to back, they would still be spinning from the last call. <see cref="Work"/> alone is the stretch's cost.
/// </summary>
[MemoryDiagnoser]
public class SplitBenchmarks
{
    private Problem _problem = null!;
    private PrototypeRegularizer<float> _serial = null!;
    private PrototypeRegularizer<float> _parallel = null!;

    /// <summary>16 classes of 8 × 64 make one chunk (<c>ShapeLimits.ParallelChunkClasses</c>).</summary>
    [Params(32, 48, 64, 96, 128, 256)]
    public int NClasses { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _problem = new Problem(NClasses, 8, 64);
        _serial = KernelCompiler.Compile<float>(NClasses, 8, 64);
        _parallel = KernelCompiler.Compile<float>(NClasses, 8, 64, parallel: true);
    }

    [Benchmark]
    public double Work() => OtherWork();

    [Benchmark]
    public float Serial() => (float)OtherWork() + _serial.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient, 4f);

    [Benchmark]
    public float Parallel() => (float)OtherWork() + _parallel.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient, 4f);

    /// <summary>About 100 µs of dependent arithmetic: long enough for an idle pool thread to park.</summary>
    private static double OtherWork()
    {
        double x = 1;
        for (int i = 0; i < 40_000; i++)
        {
            x = x * 0.999999 + 1e-7;
        }

        return x;
    }
}
