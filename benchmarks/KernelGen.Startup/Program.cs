using System.Diagnostics;
using System.Globalization;
using KernelGen;

namespace KernelGen.Startup;

/// <summary>The shape whose first calls are measured.</summary>
[Shapes(4, 3, 64)]
internal static partial class Reg4x3x64;

/// <summary>
/// What a fresh process pays before the kernels run at full speed: the first call of the 4×3×64 loss+gradient, then
/// calls 2–1001 and 1002–20001 against the steady state, measured in new processes (the parent starts one child per
/// run and reports medians across them). Run: <c>dotnet run -c Release --project benchmarks/KernelGen.Startup</c>.
/// </summary>
internal static class Program
{
    private const int Batch = 10;

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child")
        {
            Child();
            return 0;
        }

        int runs = args.Length > 1 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var results = new List<double[]>();
        for (int r = 0; r < runs; r++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
            if (!Environment.ProcessPath!.EndsWith("KernelGen.Startup", StringComparison.Ordinal))
            {
                // Run as `dotnet KernelGen.Startup.dll`: the child needs the same.
                start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KernelGen.Startup.dll"));
            }

            start.ArgumentList.Add("--child");
            using Process child = Process.Start(start)!;
            string output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            results.Add(output.Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        }

        double Median(int i) => results.Select(x => x[i]).Order().ElementAt(results.Count / 2);
        double steady = Median(3);
        Console.WriteLine($"fresh process, 4×3×64 float loss + gradient, median of {runs} processes ({RuntimeInformation()}{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "" : ", NativeAOT")}):");
        Console.WriteLine($"  first call:          {Median(0) / 1000:F2} ms, of which compiling {Median(4) / 1000:F2} ms ({Median(5):F0} methods)");
        Console.WriteLine($"  calls 2–1001:        {Median(1):F0} ns per call, {Median(1) / steady:F2}× steady state");
        Console.WriteLine($"  calls 1002–20001:    {Median(2):F0} ns per call, {Median(2) / steady:F2}× steady state");
        Console.WriteLine($"  steady state:        {steady:F0} ns per call (after 1 s and 200 000 calls)");
        return 0;
    }

    private static string RuntimeInformation() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, TieredCompilation {(AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out bool on) ? on.ToString() : "default")}";

    /// <summary>
    /// Prints: first-call µs, median ns per call over calls 2–1001, over 1002–20001, in steady state, then the JIT's
    /// time (µs) and method count during the first call (<see cref="System.Runtime.JitInfo"/>; 0 under NativeAOT).
    /// </summary>
    private static void Child()
    {
        var random = new Random(7);
        float[] prototypes = new float[12 * 64];
        for (int i = 0; i < prototypes.Length; i++) prototypes[i] = (float)random.NextDouble();
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        float[] gradient = new float[prototypes.Length];

        TimeSpan jit0 = System.Runtime.JitInfo.GetCompilationTime();
        long methods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        long t0 = Stopwatch.GetTimestamp();
        Reg4x3x64.PrototypeDiversityLoss(prototypes, labels, gradient, 0.5f);
        double first = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        double jit = (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalMicroseconds;
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methods0;

        double early = MedianPerCall(prototypes, labels, gradient, 1000);
        double late = MedianPerCall(prototypes, labels, gradient, 19000);
        Thread.Sleep(1000);
        for (int i = 0; i < 200_000; i++) Reg4x3x64.PrototypeDiversityLoss(prototypes, labels, gradient, 0.5f);
        Thread.Sleep(200);
        double steady = MedianPerCall(prototypes, labels, gradient, 20000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {early} {late} {steady} {jit} {methods}"));
    }

    /// <summary>Median time per call over <paramref name="calls"/> calls, timed in batches of ten (one clock read costs about as much as a call).</summary>
    private static double MedianPerCall(float[] prototypes, int[] labels, float[] gradient, int calls)
    {
        var batches = new double[calls / Batch];
        for (int b = 0; b < batches.Length; b++)
        {
            long t = Stopwatch.GetTimestamp();
            for (int i = 0; i < Batch; i++) Reg4x3x64.PrototypeDiversityLoss(prototypes, labels, gradient, 0.5f);
            batches[b] = Stopwatch.GetElapsedTime(t).TotalNanoseconds / Batch;
        }

        Array.Sort(batches);
        return batches[batches.Length / 2];
    }
}
