using System.Diagnostics;
using KernelGen.Compiler;

namespace KernelGen.Benchmarks;

/// <summary>
/// What the run-time engine costs to start, in this (fresh) process: the first <see cref="KernelCompiler.Compile{T}"/>
/// (4×3×64 float, which includes the JIT compiling Roslyn), a second shape (10×3×64), and the first shape again (cached):
/// its first calls, and warm, what a service that asks for its shapes on every request pays.
/// Reported, not asserted: a benchmark, not a test.
/// </summary>
internal static class CompileLatency
{
    public static int Measure()
    {
        double Time(Action action)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        double first = Time(() => KernelCompiler.Compile<float>(4, 3, 64));
        double second = Time(() => KernelCompiler.Compile<float>(10, 3, 64));
        double cached = Time(() => KernelCompiler.Compile<float>(4, 3, 64));
        double[] again = Enumerable.Range(0, 101).Select(_ => Time(() => KernelCompiler.Compile<float>(4, 3, 64))).Order().ToArray();

        // Warm: past the JIT's tiering (a service that asks for its shapes on every request).
        const int Calls = 200_000;
        for (int i = 0; i < Calls; i++)
        {
            KernelCompiler.Compile<float>(4, 3, 64);
        }

        Thread.Sleep(500);
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        double warm = Time(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                KernelCompiler.Compile<float>(4, 3, 64);
            }
        });
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine($"KernelCompiler.Compile, fresh process: first shape (4×3×64 float) {first:F0} ms, a second shape (10×3×64) {second:F0} ms, " +
            $"the first again (cached) {cached * 1000:F1} µs the first time, then median {again[50] * 1000:F2} µs (max {again[^1] * 1000:F1} µs) over 101 calls; " +
            $"warm {warm * 1e6 / Calls:F0} ns and {(double)bytes / Calls:F0} B a call over {Calls:N0}; gen-2 collections so far: {GC.CollectionCount(2)}");
        return 0;
    }
}
