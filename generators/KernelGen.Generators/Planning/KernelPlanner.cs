using System;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Planning;

/// <summary>
/// Analyses a shape into its <see cref="KernelPlan"/>, and a class size into the <see cref="UnrolledPlan"/> of the runtime
/// file's code: which path, which distance strategy, where the exps run, how many blocks overlap, how
/// determinants are folded, which tables and scratch, which vector widths, what the cores take. The only place these
/// are decided; the writers render them.
/// </summary>
internal static class KernelPlanner
{
    /// <summary>
    /// Label bookkeeping (<see cref="KernelPlan.LabelInts"/>) up to this many ints lives on the stack; beyond, it is
    /// rented. 4 KiB, a page: a kernel may be called deep in a user's stack.
    /// </summary>
    internal const int StackInts = 1024;

    /// <summary>
    /// Loop-path class matrices up to this many doubles live on the stack; beyond, they are rented. 3 KiB: the three
    /// m × m matrices of a class of up to 11 members.
    /// </summary>
    internal const int StackDoubles = 384;

    /// <summary>
    /// Largest <c>MaxPrototypes</c> for which the class-major fast path keeps its tables (built once, at type
    /// initialisation): <c>MaxPrototypes</c> and <c>NClasses + 1 + MaxPrototypes</c> ints, at most about 80 KiB together
    /// at this bound, held for the life of the process.
    /// </summary>
    internal const int MaxClassMajorTable = 8192;

    /// <summary>
    /// Scratch budget for a group's distances, in doubles (2 KiB of stack; the gradient's coefficients take as much
    /// again). It binds classes of 5 to 8 members (6, 4, 3 and 2 blocks a group); 512 and 1024 were no faster
    /// (docs/benchmarks.md, Findings).
    /// </summary>
    internal const int MaxGroupScratch = 256;

    /// <summary>
    /// Most blocks per group: enough blocks' chains in flight to overlap, with the group's scratch still small. It binds
    /// classes of 2 to 4 members; for 1000 × 3 × 64 a cap of 4 or 8 is fastest and 16 slower (docs/benchmarks.md,
    /// Findings).
    /// </summary>
    internal const int MaxGroupBlocks = 8;

    /// <summary>
    /// At most this many pairs per class (twelve accumulators per block) fit the registers for
    /// <see cref="DistanceStrategy.BlockInRegisters"/>. No more than <see cref="KernelPlan.Lanes"/>: a lone class of such a
    /// size keeps its pairs' entries in one vector (<see cref="UnrolledPlan.LoneEntriesInRegister"/>).
    /// </summary>
    internal const int MaxPairsInRegisters = 3;

    /// <summary>
    /// At most this many pairs per class (24 accumulators per block) fit AVX-512's 32 vector registers for
    /// <see cref="DistanceStrategy.BlockInRegistersWithAvx512"/>; with 16 they spill and the block goes class by class
    /// (docs/benchmarks.md, Findings).
    /// </summary>
    internal const int MaxPairsInAvx512Registers = 6;

    /// <summary>
    /// From this many members a factorisation takes its kernel entries' exps in a loop over the pairs, eight lanes at
    /// a time where 512-bit vectors are accelerated; smaller classes take them in straight-line code, four lanes each.
    /// </summary>
    internal const int ExpLoopMembers = 5;

    private static readonly (string Name, int Bytes)[] s_widths = [("Vector512", 64), ("Vector256", 32), ("Vector128", 16)];

    public static KernelPlan Plan(ShapeSpec spec)
    {
        int m = spec.MaxPerClass;
        int pairs = UnrolledPlan.PairCountOf(m);
        int elementBytes = spec.IsDouble ? 8 : 4;
        var widths = s_widths.Where(w => w.Bytes / elementBytes <= spec.Features).ToArray();
        FactorisationPath path = PathFor(m);
        UnrolledPlan? unrolled = path == FactorisationPath.Unrolled ? PlanUnrolled(m) : null;
        int groupBlocks = GroupBlocks(spec.NClasses, pairs);
        int chunkClasses = ChunkClasses(spec, path, groupBlocks);
        bool singlePass = path == FactorisationPath.Unrolled && spec.NClasses <= KernelPlan.Lanes;

        return new KernelPlan(
            spec.IsDouble,
            spec.NClasses,
            m,
            spec.Features,
            spec.Epsilon,
            path,
            unrolled,
            groupBlocks,
            singlePass,
            unrolled is { FromEntries: true } && !singlePass,
            ProductIsSafe(m, spec.Epsilon) ? DeterminantFolding.Product : DeterminantFolding.LogPerPivot,
            m >= 2 && spec.MaxPrototypes <= MaxClassMajorTable,
            KernelPlan.LabelInts(spec.NClasses, spec.MaxPrototypes) > StackInts ? ScratchSource.Rented : ScratchSource.Stack,
            KernelPlan.MatrixDoublesFor(m) > StackDoubles ? ScratchSource.Rented : ScratchSource.Stack,
            ShapeLimits.TinyCoefficient(spec.IsDouble),
            widths.Select(w => w.Name).ToEquatableArray(),
            widths.Length == 0 ? 0 : widths[0].Bytes,
            widths.Any(w => spec.Features % (w.Bytes / elementBytes) != 0),
            chunkClasses,
            spec.Parallel,
            path == FactorisationPath.Loop || (path == FactorisationPath.Unrolled && !singlePass),
            path == FactorisationPath.Loop && chunkClasses == 0);
    }

    /// <summary>
    /// How classes of up to <paramref name="maxPerClass"/> members are factorised: the planner's decision, which the
    /// parser also reads to report KG0007 (the loop path) on the declaration.
    /// </summary>
    public static FactorisationPath PathFor(int maxPerClass) =>
        maxPerClass < 2 ? FactorisationPath.None
        : maxPerClass <= ShapeLimits.MaxUnrolledPerClass ? FactorisationPath.Unrolled
        : FactorisationPath.Loop;

    /// <summary>
    /// Whether a <c>Parallel</c> shape's kernels split into chunks (<see cref="KernelPlan.SplitsIntoChunks"/>): the
    /// planner's decision, which the parser also reads to report KG0015 (too small to split) on the declaration.
    /// </summary>
    public static bool SplitsIntoChunks(ShapeSpec spec) => Plan(spec).SplitsIntoChunks;

    /// <summary>
    /// The runtime file (<c>Unrolled.g.cs</c>): one plan per class size the unrolled path takes, 2 …
    /// <see cref="ShapeLimits.MaxUnrolledPerClass"/>, in order.
    /// </summary>
    public static EquatableArray<UnrolledPlan> PlanRuntimeFile() =>
        Enumerable.Range(2, ShapeLimits.MaxUnrolledPerClass - 1).Select(PlanUnrolled).ToEquatableArray();

    /// <summary>The decisions of the unrolled code for classes of <paramref name="m"/> members (2 … <see cref="ShapeLimits.MaxUnrolledPerClass"/>).</summary>
    public static UnrolledPlan PlanUnrolled(int m)
    {
        int pairs = UnrolledPlan.PairCountOf(m);
        return new UnrolledPlan(
            m,
            pairs <= MaxPairsInRegisters ? DistanceStrategy.BlockInRegisters
            : pairs <= MaxPairsInAvx512Registers ? DistanceStrategy.BlockInRegistersWithAvx512
            : DistanceStrategy.PerClass,
            m >= ExpLoopMembers);
    }

    /// <summary>
    /// Classes per parallel chunk when <c>Parallel = true</c> and the shape is large enough to split; 0 otherwise.
    /// Unrolled chunks are whole groups, so each chunk runs exactly the serial code over its classes.
    /// </summary>
    private static int ChunkClasses(ShapeSpec spec, FactorisationPath path, int groupBlocks) =>
        !spec.Parallel || path == FactorisationPath.None ? 0
        : ShapeLimits.ParallelChunkClasses(spec.NClasses, spec.MaxPerClass, spec.Features, path == FactorisationPath.Unrolled ? KernelPlan.ClassesPerGroup(groupBlocks) : 1);

    /// <summary>
    /// Whether determinants can be multiplied and folded into the log rarely; otherwise every pivot gets its own log.
    /// Below: a product just above <see cref="KernelPlan.FoldBelow"/> times a block's four determinants (each at least
    /// ε^(m−1)) must stay above 1e-300, clear of the smallest normal double (about 2.2e-308). Above: a product just
    /// below <see cref="KernelPlan.FoldAbove"/> times four determinants (each at most (1 + ε)^m, the product of its
    /// diagonal by Hadamard's inequality) must stay below 1e300.
    /// </summary>
    private static bool ProductIsSafe(int maxPerClass, double epsilon) =>
        Math.Log10(KernelPlan.FoldBelow) + KernelPlan.Lanes * (maxPerClass - 1) * Math.Log10(epsilon) > -300
        && Math.Log10(KernelPlan.FoldAbove) + KernelPlan.Lanes * maxPerClass * Math.Log10(1 + epsilon) < 300;

    /// <summary>
    /// Blocks per group: as many as fit <see cref="MaxGroupScratch"/>, at most <see cref="MaxGroupBlocks"/> and at most
    /// the shape has. A group's distances are all computed before any of its blocks is factorised (and, with the
    /// gradient, every block's coefficients before any gradient row), so the blocks' exp → pivots → product chains are
    /// independent instructions the core overlaps, instead of each waiting behind the next block's distance or row code.
    /// </summary>
    private static int GroupBlocks(int nClasses, int pairs) =>
        pairs == 0 ? 1
        : Math.Max(1, Math.Min(Math.Min(MaxGroupBlocks, (nClasses + KernelPlan.Lanes - 1) / KernelPlan.Lanes), MaxGroupScratch / (pairs * KernelPlan.Lanes)));
}
