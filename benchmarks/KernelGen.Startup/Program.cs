using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using KernelGen;

namespace KernelGen.Startup;

/// <summary>The shape whose first calls are measured.</summary>
[Shapes(4, 3, 64)]
internal static partial class Reg4x3x64;

/// <summary>A shape of the loop path (more than 8 prototypes per class).</summary>
[Shapes(2, 16, 12)]
internal static partial class Reg2x16x12;

/// <summary>
/// What a fresh process pays before the kernels run at full speed, for each of the 4×3×64 float loss + gradient, one
/// class's term and rows, the elastic-net prox over one relevance row, the reference engine's loss + gradient, and a
/// loop-path shape's loss + gradient: the first call, then calls 2–1001 and
/// 1002–20001 against the steady state, each kernel in processes of its own (the parent starts one child per kernel
/// and run and reports medians across them). Run: <c>dotnet run -c Release --project benchmarks/KernelGen.Startup</c>.
/// </summary>
internal static class Program
{
    private const int Batch = 100;

    /// <summary>The kernels measured, each with what a child calls.</summary>
    private static readonly (string Name, Func<Action> Prepare)[] s_kernels =
    [
        ("4 × 3 × 64 loss + gradient", PrepareFull),
        ("one class's term and rows (3 × 64)", PrepareClass),
        ("elastic-net prox, 64 values", PrepareProx),
        ("reference engine's 4 × 3 × 64 loss + gradient", PrepareReference),
        ("2 × 16 × 12 loss + gradient (loop path)", PrepareLoops),
    ];

    public static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "--child")
        {
            Child(s_kernels[int.Parse(args[1], CultureInfo.InvariantCulture)].Prepare());
            return 0;
        }

        if (args.Length != 0 && !(args.Length == 2 && args[0] == "--runs"))
        {
            Console.Error.WriteLine("usage: KernelGen.Startup [--runs N]");
            return 2;
        }

        int runs = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        Console.WriteLine($"fresh processes, float, median of {runs} processes per kernel ({RuntimeInformation()}{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "" : ", NativeAOT")}):");
        for (int kernel = 0; kernel < s_kernels.Length; kernel++)
        {
            var results = new List<double[]>();
            for (int r = 0; r < runs; r++)
            {
                results.Add(RunChild(kernel));
            }

            double Median(int i) => results.Select(x => x[i]).Order().ElementAt(results.Count / 2);
            double steady = Median(3);
            Console.WriteLine($"{s_kernels[kernel].Name}:");
            Console.WriteLine($"  first call:          {Median(0) / 1000:F2} ms, of which compiling {Median(4) / 1000:F2} ms ({Median(5):F0} methods)");
            Console.WriteLine($"  calls 2–1001:        {Median(1):F0} ns per call, {Median(1) / steady:F2}× steady state");
            Console.WriteLine($"  calls 1002–20001:    {Median(2):F0} ns per call, {Median(2) / steady:F2}× steady state");
            Console.WriteLine($"  steady state:        {steady:F0} ns per call (after 1 s and 200 000 calls)");
        }

        return 0;
    }

    /// <summary>Runs one child for <paramref name="kernel"/> and returns the numbers it prints.</summary>
    private static double[] RunChild(int kernel)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Run as `dotnet KernelGen.Startup.dll`: the child needs the same (an apphost or a NativeAOT binary, on any
            // platform, is the program itself).
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KernelGen.Startup.dll"));
        }

        start.ArgumentList.Add("--child");
        start.ArgumentList.Add(kernel.ToString(CultureInfo.InvariantCulture));
        using Process child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return [.. output.Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
    }

    private static string RuntimeInformation() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, TieredCompilation {(AppContext.TryGetSwitch("System.Runtime.TieredCompilation", out bool on) ? on.ToString() : "default")}";

    /// <summary><paramref name="length"/> values in [0, 1), the same for every kernel and run.</summary>
    private static float[] Values(int length)
    {
        var random = new Random(7);
        float[] values = new float[length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        return values;
    }

    /// <summary>Class-major labels: every class full.</summary>
    private static int[] ClassMajor(int nClasses, int maxPerClass) => [.. Enumerable.Range(0, nClasses * maxPerClass).Select(i => i / maxPerClass)];

    private static Action PrepareFull()
    {
        float[] prototypes = Values(Reg4x3x64.MaxPrototypes * Reg4x3x64.Features), gradient = new float[prototypes.Length];
        int[] labels = ClassMajor(Reg4x3x64.NClasses, Reg4x3x64.MaxPerClass);
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Reg4x3x64.PrototypeDiversityLoss(prototypes, labels, gradient, 0.5f);
    }

    private static Action PrepareClass()
    {
        float[] rows = new float[Reg4x3x64.MaxPerClass * Reg4x3x64.Features], prototypes = Values(rows.Length);
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Reg4x3x64.ClassDiversityLoss(prototypes, rows, 0.5f);
    }

    private static Action PrepareReference()
    {
        float[] prototypes = Values(Reg4x3x64.MaxPrototypes * Reg4x3x64.Features), gradient = new float[prototypes.Length];
        int[] labels = ClassMajor(Reg4x3x64.NClasses, Reg4x3x64.MaxPerClass);
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(Reg4x3x64.NClasses, Reg4x3x64.MaxPerClass, Reg4x3x64.Features);
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => reference.PrototypeDiversityLoss(prototypes, labels, gradient, 0.5f);
    }

    private static Action PrepareLoops()
    {
        float[] prototypes = Values(Reg2x16x12.MaxPrototypes * Reg2x16x12.Features), gradient = new float[prototypes.Length];
        int[] labels = ClassMajor(Reg2x16x12.NClasses, Reg2x16x12.MaxPerClass);
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Reg2x16x12.PrototypeDiversityLoss(prototypes, labels, gradient, 2f);
    }

    private static Action PrepareProx()
    {
        float[] relevances = Values(Reg4x3x64.Features), destination = new float[Reg4x3x64.Features];
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] () => Reg4x3x64.ElasticNetProximal(relevances, destination, 0.01f, 0.001f, 0.1f);
    }

    /// <summary>
    /// Prints: first-call µs (the call through the delegate, compiled fully optimised with the kernel, so that a
    /// caller's tier-0 code does not slow the early calls), median ns per call over calls 2–1001, over 1002–20001, in
    /// steady state, then the JIT's time (µs) and method count during the first call (<see cref="System.Runtime.JitInfo"/>; 0 under NativeAOT).
    /// </summary>
    private static void Child(Action call)
    {
        TimeSpan jit0 = System.Runtime.JitInfo.GetCompilationTime();
        long methods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        long t0 = Stopwatch.GetTimestamp();
        call();
        double first = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        double jit = (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalMicroseconds;
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methods0;

        double early = MedianPerCall(call, 1000);
        double late = MedianPerCall(call, 19000);
        Thread.Sleep(1000);
        for (int i = 0; i < 200_000; i++) call();
        Thread.Sleep(200);
        double steady = MedianPerCall(call, 20000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {early} {late} {steady} {jit} {methods}"));
    }

    /// <summary>Median time per call over <paramref name="calls"/> calls, timed in batches of a hundred (this VM's clock counts in steps of 100 ns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // the harness's loop at full speed from its first call, as the kernels are
    private static double MedianPerCall(Action call, int calls)
    {
        var batches = new double[calls / Batch];
        for (int b = 0; b < batches.Length; b++)
        {
            long t = Stopwatch.GetTimestamp();
            for (int i = 0; i < Batch; i++) call();
            batches[b] = Stopwatch.GetElapsedTime(t).TotalNanoseconds / Batch;
        }

        Array.Sort(batches);
        return batches[batches.Length / 2];
    }
}
