using System.Diagnostics;
using System.Globalization;

namespace KernelGen.Benchmarks;

/// <summary>
/// <c>-- paired</c>: the class kernels' ratios measured in alternating slices of about 10 ms, numerator and denominator
/// side by side, many times over; prints each ratio's median and quartiles over the slice pairs. On a shared VM the
/// speed of a core moves by a third between minutes as neighbours come and go, and BenchmarkDotNet measures one
/// benchmark after another, so a ratio of two of its medians can compare a quiet minute with a busy one. Slices this
/// short see the same conditions, and their ratios cancel what both see.
/// </summary>
internal static class PairedRatios
{
    private const int Rounds = 61;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);
    private static double s_sink;

    public static int Measure()
    {
        var b = new ClassKernelBenchmarks();
        b.Setup();
        Console.WriteLine($"{Rounds} pairs of {Slice.TotalMilliseconds:F0} ms slices per ratio, order alternating; ratio of the per-call times: median [quartiles]");
        Console.WriteLine();
        Console.WriteLine("| ratio | target | median | quartiles | per call (median) |");
        Console.WriteLine("|---|---|---:|---|---|");
        Pair("one class 3×64 / full 4×3×64, loss + gradient", "≤ 0.40", b.Class3x64LossAndGradient, b.Full4x3x64LossAndGradient);
        Pair("hand-written one-class floor 3×64 / full 4×3×64", "—", b.FloorClass3x64LossAndGradient, b.Full4x3x64LossAndGradient);
        Pair("one class 3×64 / its hand-written floor", "—", b.Class3x64LossAndGradient, b.FloorClass3x64LossAndGradient);
        Pair("two classes 8×64 / full 1000×8×64, loss + gradient", "≤ 0.0040", b.TwoClasses8x64LossAndGradient, b.Full1000x8x64LossAndGradient);
        Pair("one class 3×64, compiled / generated", "≤ 1.15", b.CompiledClass3x64LossAndGradient, b.Class3x64LossAndGradient);
        Pair("one class 8×64, compiled / generated", "≤ 1.15", b.CompiledClass8x64LossAndGradient, b.Class8x64LossAndGradient);
        Pair("one class 3×64, reference / generated", "stated", b.ReferenceClass3x64LossAndGradient, b.Class3x64LossAndGradient);
        Pair("one class 8×64, reference / generated", "stated", b.ReferenceClass8x64LossAndGradient, b.Class8x64LossAndGradient);
        return s_sink == 12345.678 ? 1 : 0;
    }

    private static void Pair(string name, string target, Func<float> numerator, Func<float> denominator)
    {
        long n = CallsPerSlice(numerator), d = CallsPerSlice(denominator);
        var ratios = new double[Rounds];
        var numeratorTimes = new double[Rounds];
        var denominatorTimes = new double[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            // Alternating which goes first, so that neither always follows the other's effect on caches and predictors.
            if (round % 2 == 0)
            {
                numeratorTimes[round] = PerCall(numerator, n);
                denominatorTimes[round] = PerCall(denominator, d);
            }
            else
            {
                denominatorTimes[round] = PerCall(denominator, d);
                numeratorTimes[round] = PerCall(numerator, n);
            }

            ratios[round] = numeratorTimes[round] / denominatorTimes[round];
        }

        Array.Sort(ratios);
        string F(double x) => x.ToString(x < 0.01 ? "F5" : "F3", CultureInfo.InvariantCulture);
        Console.WriteLine($"| {name} | {target} | {F(ratios[Rounds / 2])} | {F(ratios[Rounds / 4])}–{F(ratios[3 * Rounds / 4])} | {Time(Median(numeratorTimes))} / {Time(Median(denominatorTimes))} |");
    }

    /// <summary>Warms the call up, then finds how many calls take about one slice.</summary>
    private static long CallsPerSlice(Func<float> call)
    {
        for (int i = 0; i < 1000; i++) s_sink += call();
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
