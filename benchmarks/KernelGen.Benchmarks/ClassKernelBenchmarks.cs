using System.Globalization;
using BenchmarkDotNet.Attributes;
using KernelGen.Compiler;

namespace KernelGen.Benchmarks;

/// <summary>
/// The class kernels (<c>ClassDiversityLoss</c>): one class of 3 × 64 and of 8 × 64, loss and loss + gradient, beside
/// the full 4 × 3 × 64 and 1000 × 8 × 64 calls they stand in for after an online step, and the two classes such a step
/// moves (w⁺'s and w⁻'s); the compiled and reference engines on one class. One process that sees one core
/// (<c>DOTNET_PROCESSOR_COUNT=1</c>), so the full 1000-class call is the serial one-core time; <c>-- report</c> prints
/// the ratios from one run, <c>-- paired</c> measures them in alternating slices (<see cref="PairedRatios"/>). The floor
/// (<see cref="Baselines.OneClassFloor"/>) is the same arithmetic for one 3 × 64 class by hand, in registers. The full
/// call and one class also run on copies of their data placed on cache lines and 8 bytes past them
/// (<see cref="CacheLinePlacement"/>), since the allocator's placement moves the full call's time.
/// </summary>
[Config(typeof(OneCoreConfig))]
[MemoryDiagnoser]
public class ClassKernelBenchmarks
{
    private readonly Problem _small = new(4, 3, 64);
    private readonly Problem _large = new(1000, 8, 64);
    private readonly PrototypeRegularizer<float> _reference3 = Regularizers.Create<float>(4, 3, 64);
    private readonly PrototypeRegularizer<float> _reference8 = Regularizers.Create<float>(1000, 8, 64);

    // Compiled only in the processes that measure them (SetupCompiled): compiling runs thousands of Roslyn methods,
    // and tiering them up would hold back every other benchmark's own tier-up in a process that sees one core.
    private PrototypeRegularizer<float> _compiled3 = null!;
    private PrototypeRegularizer<float> _compiled8 = null!;

    // The small problem's data at the start of a cache line and 8 bytes past one (PlacementRatios).
    private readonly CacheLinePlacement _onCacheLine;
    private readonly CacheLinePlacement _pastCacheLine;

    public ClassKernelBenchmarks()
    {
        _onCacheLine = new(_small, 0);
        _pastCacheLine = new(_small, 8);
    }

    // Class-major labels: a class's rows are a slice of the prototypes and of the gradient.
    private ReadOnlySpan<float> Class3 => _small.Prototypes.AsSpan(1 * 3 * 64, 3 * 64);

    private Span<float> Class3Gradient => _small.Gradient.AsSpan(1 * 3 * 64, 3 * 64);

    private ReadOnlySpan<float> Class8(int c) => _large.Prototypes.AsSpan(c * 8 * 64, 8 * 64);

    private Span<float> Class8Gradient(int c) => _large.Gradient.AsSpan(c * 8 * 64, 8 * 64);

    [GlobalSetup]
    public void Setup() => Baselines.BaselineCheck.OneClassFloor(Class3);

    [GlobalSetup(Targets = [nameof(CompiledClass3x64LossAndGradient), nameof(CompiledClass8x64LossAndGradient)])]
    public void SetupCompiled()
    {
        _compiled3 = KernelCompiler.Compile<float>(4, 3, 64);
        _compiled8 = KernelCompiler.Compile<float>(1000, 8, 64);
    }

    [Benchmark]
    public float Full4x3x64Loss() => Reg4x3x64f.PrototypeDiversityLoss(_small.Prototypes, _small.Labels);

    [Benchmark]
    public float Full4x3x64LossAndGradient() => Reg4x3x64f.PrototypeDiversityLoss(_small.Prototypes, _small.Labels, _small.Gradient);

    [Benchmark]
    public float Class3x64Loss() => Reg4x3x64f.ClassDiversityLoss(Class3);

    [Benchmark]
    public float Class3x64LossAndGradient() => Reg4x3x64f.ClassDiversityLoss(Class3, Class3Gradient);

    /// <summary>The same arithmetic for this one shape by hand, in registers (<see cref="Baselines.OneClassFloor"/>).</summary>
    [Benchmark]
    public float FloorClass3x64LossAndGradient() => Baselines.OneClassFloor.LossAndGradient(Class3, Class3Gradient, 1f);

    // The floor less one part, for -- paired only (FloorPartRatios): what each part of one class's call costs.
    public float FloorWithoutDivisions() => Baselines.OneClassFloor.LossAndGradient<Baselines.FloorParts.NoDivisions>(Class3, Class3Gradient, 1f);

    public float FloorWithoutLog() => Baselines.OneClassFloor.LossAndGradient<Baselines.FloorParts.NoLog>(Class3, Class3Gradient, 1f);

    public float FloorWithoutRows() => Baselines.OneClassFloor.LossAndGradient<Baselines.FloorParts.NoRows>(Class3, Class3Gradient, 1f);

    /// <summary>The full call with its data on cache lines (<see cref="CacheLinePlacement"/>): where the allocator puts it moves the full call's time.</summary>
    [Benchmark]
    public float Full4x3x64OnCacheLine() => Reg4x3x64f.PrototypeDiversityLoss(_onCacheLine.Prototypes, _small.Labels, _onCacheLine.Gradient);

    /// <summary>The full call with its data 8 bytes past cache lines.</summary>
    [Benchmark]
    public float Full4x3x64PastCacheLine() => Reg4x3x64f.PrototypeDiversityLoss(_pastCacheLine.Prototypes, _small.Labels, _pastCacheLine.Gradient);

    /// <summary>One class with its data on cache lines.</summary>
    [Benchmark]
    public float Class3x64OnCacheLine() => Reg4x3x64f.ClassDiversityLoss(_onCacheLine.Prototypes.Slice(1 * 3 * 64, 3 * 64), _onCacheLine.Gradient.Slice(1 * 3 * 64, 3 * 64));

    /// <summary>One class with its data 8 bytes past cache lines.</summary>
    [Benchmark]
    public float Class3x64PastCacheLine() => Reg4x3x64f.ClassDiversityLoss(_pastCacheLine.Prototypes.Slice(1 * 3 * 64, 3 * 64), _pastCacheLine.Gradient.Slice(1 * 3 * 64, 3 * 64));

    [Benchmark]
    public float CompiledClass3x64LossAndGradient() => _compiled3.ClassDiversityLoss(Class3, Class3Gradient);

    [Benchmark]
    public float ReferenceClass3x64LossAndGradient() => _reference3.ClassDiversityLoss(Class3, Class3Gradient);

    [Benchmark]
    public float Full1000x8x64Loss() => Reg1000x8x64f.PrototypeDiversityLoss(_large.Prototypes, _large.Labels);

    [Benchmark]
    public float Full1000x8x64LossAndGradient() => Reg1000x8x64f.PrototypeDiversityLoss(_large.Prototypes, _large.Labels, _large.Gradient);

    [Benchmark]
    public float Class8x64Loss() => Reg1000x8x64f.ClassDiversityLoss(Class8(17));

    [Benchmark]
    public float Class8x64LossAndGradient() => Reg1000x8x64f.ClassDiversityLoss(Class8(17), Class8Gradient(17));

    /// <summary>What an online step needs: the terms and rows of w⁺'s class and of w⁻'s.</summary>
    [Benchmark]
    public float TwoClasses8x64LossAndGradient() =>
        Reg1000x8x64f.ClassDiversityLoss(Class8(17), Class8Gradient(17)) + Reg1000x8x64f.ClassDiversityLoss(Class8(503), Class8Gradient(503));

    /// <summary>
    /// The same class by its row indices into the whole matrices (labels in any order): its rows copied into scratch
    /// and its gradient rows back.
    /// </summary>
    [Benchmark]
    public float Class8x64ByRowIndexLossAndGradient() => Reg1000x8x64f.Regularizer.ClassDiversityLossAt(_large.Prototypes, s_rows17, _large.Gradient, 1f);

    /// <summary>Eight rows apart from each other, as a class's are under labels in any order: eight copies each way.</summary>
    [Benchmark]
    public float Class8x64ByScatteredRowIndexLossAndGradient() => Reg1000x8x64f.Regularizer.ClassDiversityLossAt(_large.Prototypes, s_scatteredRows, _large.Gradient, 1f);

    // Class 17's rows under class-major labels (one copy each way), and eight rows 1000 apart.
    private static readonly int[] s_rows17 = [.. Enumerable.Range(17 * 8, 8)];
    private static readonly int[] s_scatteredRows = [.. Enumerable.Range(0, 8).Select(i => 17 + 1000 * i)];

    [Benchmark]
    public float CompiledClass8x64LossAndGradient() => _compiled8.ClassDiversityLoss(Class8(17), Class8Gradient(17));

    [Benchmark]
    public float ReferenceClass8x64LossAndGradient() => _reference8.ClassDiversityLoss(Class8(17), Class8Gradient(17));

    /// <summary>
    /// The class kernels' ratios, each a label, its target and the benchmarks over and under the line: one list for
    /// <c>-- report</c> (medians of one run) and <c>-- paired</c> (<see cref="PairedRatios"/>).
    /// </summary>
    internal static readonly (string Label, string Target, string Numerator, string Denominator)[] Ratios =
    [
        ("one class 3×64 / full 4×3×64, loss + gradient", "≤ 0.40", nameof(Class3x64LossAndGradient), nameof(Full4x3x64LossAndGradient)),
        ("hand-written one-class floor 3×64 / full 4×3×64", "—", nameof(FloorClass3x64LossAndGradient), nameof(Full4x3x64LossAndGradient)),
        ("one class 3×64 / its hand-written floor", "—", nameof(Class3x64LossAndGradient), nameof(FloorClass3x64LossAndGradient)),
        ("one class 3×64 / full 4×3×64, loss", "—", nameof(Class3x64Loss), nameof(Full4x3x64Loss)),
        ("two classes 8×64 / full 1000×8×64, loss + gradient, 1 core", "≤ 0.0040 (1/250)", nameof(TwoClasses8x64LossAndGradient), nameof(Full1000x8x64LossAndGradient)),
        ("one class 8×64 / full 1000×8×64, loss, 1 core", "—", nameof(Class8x64Loss), nameof(Full1000x8x64Loss)),
        ("one class 3×64, compiled / generated", "≤ 1.15", nameof(CompiledClass3x64LossAndGradient), nameof(Class3x64LossAndGradient)),
        ("one class 8×64, compiled / generated", "≤ 1.15", nameof(CompiledClass8x64LossAndGradient), nameof(Class8x64LossAndGradient)),
        ("one class 8×64 by row index, consecutive / its slice", "—", nameof(Class8x64ByRowIndexLossAndGradient), nameof(Class8x64LossAndGradient)),
        ("one class 8×64 by row index, rows apart / its slice", "—", nameof(Class8x64ByScatteredRowIndexLossAndGradient), nameof(Class8x64LossAndGradient)),
        ("one class 3×64, reference / generated", "stated", nameof(ReferenceClass3x64LossAndGradient), nameof(Class3x64LossAndGradient)),
        ("one class 8×64, reference / generated", "stated", nameof(ReferenceClass8x64LossAndGradient), nameof(Class8x64LossAndGradient)),
    ];

    /// <summary>
    /// The floor less one part over the whole floor, for <c>-- paired</c>: where one class's time goes. Without the
    /// divisions the LDLᵀ's chain is shorter by two divides' latency; without the log or the rows the call does less work.
    /// </summary>
    internal static readonly (string Label, string Target, string Numerator, string Denominator)[] FloorPartRatios =
    [
        ("floor without its two divisions / floor", "—", nameof(FloorWithoutDivisions), nameof(FloorClass3x64LossAndGradient)),
        ("floor without the log / floor", "—", nameof(FloorWithoutLog), nameof(FloorClass3x64LossAndGradient)),
        ("floor without the rows / floor", "—", nameof(FloorWithoutRows), nameof(FloorClass3x64LossAndGradient)),
    ];

    /// <summary>
    /// The prototypes and gradient at the start of a cache line against 8 bytes past one: where the allocator puts the
    /// arrays is outside the benchmark's control and moves the full call's time.
    /// </summary>
    internal static readonly (string Label, string Target, string Numerator, string Denominator)[] PlacementRatios =
    [
        ("full 4×3×64, data on a cache line / 8 bytes past one", "—", nameof(Full4x3x64OnCacheLine), nameof(Full4x3x64PastCacheLine)),
        ("one class 3×64, data on a cache line / 8 bytes past one", "—", nameof(Class3x64OnCacheLine), nameof(Class3x64PastCacheLine)),
        ("one class 3×64 / full 4×3×64, data on cache lines", "—", nameof(Class3x64OnCacheLine), nameof(Full4x3x64OnCacheLine)),
        ("one class 3×64 / full 4×3×64, data 8 bytes past cache lines", "—", nameof(Class3x64PastCacheLine), nameof(Full4x3x64PastCacheLine)),
    ];

    /// <summary>A ratio as the reports print it: five significant places for the small ones.</summary>
    internal static string FormatRatio(double ratio) => ratio.ToString(ratio < 0.01 ? "F5" : "F3", CultureInfo.InvariantCulture);

    /// <summary>The class kernels' targets from one run's medians (<c>-- report</c>).</summary>
    internal static void PrintRatios(Func<string, double?> median)
    {
        foreach (var (label, target, numerator, denominator) in Ratios.Concat(PlacementRatios))
        {
            string ratio = median(numerator) is double x && median(denominator) is double y ? FormatRatio(x / y) : "n/a";
            Console.WriteLine($"| {label} | {target} | {ratio} |");
        }
    }
}
