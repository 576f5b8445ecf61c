using System.Diagnostics;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>-- paired</c>: the class kernels' ratios, the one-class floor less each of its parts against the whole floor
/// (<see cref="ClassKernelBenchmarks.FloorPartRatios"/>) and the two calls with their data on a cache line and past one
/// (<see cref="ClassKernelBenchmarks.PlacementRatios"/>), measured in alternating slices of 10–20 ms, numerator and
/// denominator side by side, many times over; prints each ratio's median and quartiles over the slice pairs, from
/// per-call times less the harness's own cost per call (a delegate call and an add, measured the same way), as
/// BenchmarkDotNet subtracts its overhead. On a shared VM the speed of a core moves by a third between minutes as
/// neighbours come and go, and BenchmarkDotNet measures one benchmark after another, so a ratio of two of its medians
/// can compare a quiet minute with a busy one. Slices this short see the same conditions, and their ratios cancel what
/// slows both alike; a neighbour that slows one call more than the other still moves the ratio (docs/benchmarks.md).
/// </summary>
internal static class PairedRatios
{
    private const int Pairs = 61;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);
    private static readonly Func<float> s_empty = () => 0f;
    // Written and never read: a store the JIT must keep, so the measured calls' results are not dead code.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0052", Justification = "A sink: written so the calls it sums stay live.")]
    private static double s_sink;

    public static int Measure()
    {
        var b = new ClassKernelBenchmarks();
        b.Setup();
        b.SetupCompiled();
        var rows = ClassKernelBenchmarks.Ratios.Concat(ClassKernelBenchmarks.FloorPartRatios).Concat(ClassKernelBenchmarks.PlacementRatios).ToList();
        Settle(rows.SelectMany(row => new[] { row.Numerator, row.Denominator }).Distinct().Select(name => Bind(b, name)).Append(s_empty).ToList());
        Console.WriteLine($"{Pairs} pairs of 10–20 ms slices per ratio, order alternating; ratio of the per-call times less the harness's: median [quartiles]");
        Console.WriteLine();
        Console.WriteLine("| ratio | target | median | quartiles | per call (median) |");
        Console.WriteLine("|---|---|---:|---|---|");
        foreach (var (label, target, numerator, denominator) in rows)
        {
            Pair(label, target, Bind(b, numerator), Bind(b, denominator));
        }

        return 0;
    }

    private static void Pair(string name, string target, Func<float> numerator, Func<float> denominator)
    {
        long n = CallsPerSlice(numerator), d = CallsPerSlice(denominator), e = CallsPerSlice(s_empty);
        var ratios = new double[Pairs];
        var numeratorTimes = new double[Pairs];
        var denominatorTimes = new double[Pairs];
        for (int pair = 0; pair < Pairs; pair++)
        {
            // The harness's own cost per call, measured beside the pair and taken off both.
            double overhead = PerCall(s_empty, e);
            // Alternating which goes first, so that neither always follows the other's effect on caches and predictors.
            if (pair % 2 == 0)
            {
                numeratorTimes[pair] = PerCall(numerator, n) - overhead;
                denominatorTimes[pair] = PerCall(denominator, d) - overhead;
            }
            else
            {
                denominatorTimes[pair] = PerCall(denominator, d) - overhead;
                numeratorTimes[pair] = PerCall(numerator, n) - overhead;
            }

            ratios[pair] = numeratorTimes[pair] / denominatorTimes[pair];
        }

        Array.Sort(ratios);
        string F(double x) => ClassKernelBenchmarks.FormatRatio(x);
        Console.WriteLine($"| {name} | {target} | {F(ratios[Pairs / 2])} | {F(ratios[Pairs / 4])}–{F(ratios[3 * Pairs / 4])} | {Time(Median(numeratorTimes))} / {Time(Median(denominatorTimes))} |");
    }

    /// <summary>The benchmark method <paramref name="name"/> of <paramref name="benchmarks"/> as a call.</summary>
    private static Func<float> Bind(ClassKernelBenchmarks benchmarks, string name) =>
        (Func<float>)Delegate.CreateDelegate(typeof(Func<float>), benchmarks, name);

    /// <summary>
    /// Runs every call in turn until the JIT has compiled nothing for a second, three where the process sees one core
    /// (at most half a minute), so that the first ratio is measured as the last is: past tiered compilation. The
    /// benchmark methods go from tier 0 through an instrumented tier to tier 1 over the first seconds of their calls;
    /// half a second of warm-up per pair left the first ratio's numerator in a slower tier for about a second of its
    /// slices, and the recompiling ran beside it. With one core the runtime waits longer before it starts: the JIT was
    /// idle for 1.8 s with a benchmark method still in tier 0.
    /// </summary>
    private static void Settle(IReadOnlyList<Func<float>> calls)
    {
        long compiled = JitInfo.GetCompiledMethodCount();
        var idle = TimeSpan.FromSeconds(Environment.ProcessorCount == 1 ? 3 : 1);
        var quiet = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        while (quiet.Elapsed < idle && total.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var call in calls) Run(call, 100);
            long now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quiet.Restart();
            }
        }
    }

    /// <summary>Runs the call for half a second (past tiered compilation's first tiers), then finds how many calls take one slice.</summary>
    private static long CallsPerSlice(Func<float> call)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < WarmUp) Run(call, 1000);
        long calls = 16;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            Run(call, calls);
            if (watch.Elapsed >= Slice) return calls;
            calls *= 2;
        }
    }

    private static double PerCall(Func<float> call, long calls)
    {
        long start = Stopwatch.GetTimestamp();
        Run(call, calls);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
    }

    // Fully optimised from the first call and never instrumented: with dynamic PGO the loop would be specialised for
    // whichever delegate it saw most while warming up, and every other one would pay for the guess.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(Func<float> call, long calls)
    {
        float sum = 0;
        for (long i = 0; i < calls; i++) sum += call();
        s_sink += sum;
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private static string Time(double ns) =>
        ns >= 10_000 ? $"{ns / 1000:F1} µs" : $"{ns:F1} ns";
}
