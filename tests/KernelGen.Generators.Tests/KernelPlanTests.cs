using KernelGen.Generators.Emitting;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using KernelGen.Generators.Planning;

namespace KernelGen.Generators.Tests;

/// <summary>The analysis step on its own: every decision the writers render, per shape, read from the plan.</summary>
public class KernelPlanTests
{
    private static KernelPlan Plan(int nClasses, int maxPerClass, int features, bool isDouble = false, double epsilon = 1e-6, bool parallel = false) =>
        KernelPlanner.Plan(new ShapeSpec("X.g.cs", null, EquatableArray<TypeDeclarationSpec>.Empty, new TypeDeclarationSpec("partial class", "X", ""), true,
            nClasses, maxPerClass, features, isDouble, epsilon, parallel));

    [Fact]
    public void Parallel_1000_by_8_by_64_splits_into_chunks_of_whole_groups()
    {
        KernelPlan plan = Plan(1000, 8, 64, parallel: true);
        Assert.True(plan.SplitsIntoChunks);
        Assert.Equal(8, plan.GroupBlocks * KernelPlan.Lanes);
        // 28 pairs × 64 features + 8³ = 2304 units a class: 2¹⁵ units is 15 classes, rounded up to whole groups of 8.
        Assert.Equal(16, plan.ChunkClasses);
        Assert.Equal(0, plan.ChunkClasses % (plan.GroupBlocks * KernelPlan.Lanes));
    }

    /// <summary>
    /// A shape splits from three chunks of work, the class counts the README gives. 8 × 64: 2304 units a class make 16
    /// classes a chunk, so 32 classes (two chunks) stay serial and 33 split into 16 + 16 + 1. 3 × 64: 219 units a class
    /// make 150 classes, rounded up to whole groups of 32 (160), so 320 stay serial and 321 spread over three chunks
    /// of at most 128 (107 each, rounded up to whole groups).
    /// </summary>
    [Theory]
    [InlineData(8, 64, 33, 16)]
    [InlineData(3, 64, 321, 128)]
    public void Parallel_shapes_split_from_three_chunks(int m, int features, int firstToSplit, int chunkClasses)
    {
        Assert.Equal(3, ShapeLimits.ParallelMinChunks);
        Assert.False(Plan(firstToSplit - 1, m, features, parallel: true).SplitsIntoChunks);
        KernelPlan plan = Plan(firstToSplit, m, features, parallel: true);
        Assert.True(plan.SplitsIntoChunks);
        Assert.Equal(chunkClasses, plan.ChunkClasses);
    }

    /// <summary>
    /// From 32 members a loop-path class is a chunk of its own: the shape ParallelTests compiles to see chunks start at
    /// every class.
    /// </summary>
    [Fact]
    public void Parallel_loop_path_classes_of_32_members_are_a_chunk_each()
    {
        KernelPlan plan = Plan(3, 32, 3, isDouble: true, parallel: true);
        Assert.True(plan.SplitsIntoChunks);
        Assert.Equal(FactorisationPath.Loop, plan.Path);
        Assert.Equal(1, plan.ChunkClasses);
    }

    /// <summary>
    /// An unrolled parallel plan's chunks are whole groups at every class size, so each chunk runs the serial code over
    /// its classes; 1000 × 8 × 64 above rounds to a group either way.
    /// </summary>
    [Theory]
    [InlineData(2, 64)]
    [InlineData(3, 64)]
    [InlineData(4, 16)]
    [InlineData(5, 32)]
    [InlineData(6, 8)]
    [InlineData(7, 64)]
    [InlineData(8, 64)]
    public void Unrolled_parallel_chunks_are_whole_groups_at_every_class_size(int m, int features)
    {
        KernelPlan plan = Plan(5000, m, features, parallel: true);
        Assert.True(plan.SplitsIntoChunks);
        Assert.Equal(FactorisationPath.Unrolled, plan.Path);
        Assert.True(plan.ChunkClasses % (plan.GroupBlocks * KernelPlan.Lanes) == 0,
            $"5000x{m}x{features}: chunks of {plan.ChunkClasses} classes, groups of {plan.GroupBlocks * KernelPlan.Lanes}");
    }

    /// <summary>
    /// A loop-path class's kernel, factor and inverse (3·m² doubles) are on the stack only within its budget of 384
    /// doubles: m = 11 (363) fits, m = 12 (432) rents.
    /// </summary>
    [Fact]
    public void Loop_matrices_are_rented_exactly_past_the_stack_budget()
    {
        Assert.Equal(384, KernelPlanner.StackDoubles);
        Assert.Equal(ScratchSource.Stack, Plan(2, 11, 16).MatrixScratch);
        Assert.Equal(ScratchSource.Rented, Plan(2, 12, 16).MatrixScratch);
        Assert.Equal(ScratchSource.Rented, Plan(40, 12, 16, isDouble: true, parallel: true).MatrixScratch);
        // The shapes the suites run on the stack path: serial, and split over the cores.
        Assert.Equal(ScratchSource.Stack, Plan(5, 10, 12).MatrixScratch);
        KernelPlan parallel = Plan(80, 9, 16, isDouble: true, parallel: true);
        Assert.Equal((FactorisationPath.Loop, ScratchSource.Stack, true), (parallel.Path, parallel.MatrixScratch, parallel.SplitsIntoChunks));
    }

    [Fact]
    public void The_label_bookkeeping_and_the_class_major_table_switch_exactly_at_their_limits()
    {
        Assert.Equal(1024, KernelPlanner.StackInts);
        Assert.Equal(8192, KernelPlanner.MaxClassMajorTable);
        // NClasses + 1 + MaxPrototypes ints: 1024 on the stack, 1025 rented.
        Assert.Equal(ScratchSource.Stack, Plan(341, 2, 4).LabelScratch);
        Assert.Equal(ScratchSource.Rented, Plan(512, 1, 4).LabelScratch);
        // MaxPrototypes 8192 keeps the table, 8193 does not.
        Assert.True(Plan(4096, 2, 4).ClassMajorTable);
        Assert.False(Plan(2731, 3, 4).ClassMajorTable);
    }

    [Fact]
    public void Parallel_loop_path_chunks_are_single_classes_aligned_to_nothing()
    {
        // 66 pairs × 16 features + 12³ = 2784 units a class: 12 classes of work a chunk, so 40 classes are four chunks,
        // spread evenly: 10 each, not 12 + 12 + 12 + 4.
        KernelPlan plan = Plan(40, 12, 16, isDouble: true, parallel: true);
        Assert.Equal(FactorisationPath.Loop, plan.Path);
        Assert.Equal(10, plan.ChunkClasses);
    }

    /// <summary>
    /// Spreading the classes never makes more chunks than the work does: the chunk size is the classes over the chunks
    /// rounded up, then up to whole groups. Rounded down, 41 loop-path classes (12 a chunk of work: four chunks) would
    /// be chunks of 10, five of them, and 49 classes of 8 members in 48 features (1344 + 512 = 1856 units a class, 18
    /// classes of work, so chunks of 24 in groups of 8: three chunks) would be chunks of 16, four of them.
    /// </summary>
    [Theory]
    [InlineData(41, 12, 16, true, 11)]     // ⌈41 / 4⌉ = 11: chunks of 11, 11, 11 and 8
    [InlineData(49, 8, 48, false, 24)]     // ⌈49 / 3⌉ = 17, up to whole groups of 8: 24, 24 and 1
    public void Parallel_chunks_are_never_more_than_the_work_makes(int nClasses, int maxPerClass, int features, bool isDouble, int chunkClasses)
    {
        KernelPlan plan = Plan(nClasses, maxPerClass, features, isDouble, parallel: true);
        Assert.Equal(chunkClasses, plan.ChunkClasses);
        Assert.Equal(0, plan.ChunkClasses % (plan.Path == FactorisationPath.Loop ? 1 : plan.GroupClasses));
    }

    /// <summary>
    /// A shape a little over three chunks of work is four even chunks, not three full ones and a sliver: 3 pairs × 16
    /// features + 3³ = 75 units a class is 437 classes a chunk, 448 in whole groups of 32, so 1400 classes are
    /// 352 + 352 + 352 + 344, not 448 + 448 + 448 + 56.
    /// </summary>
    [Fact]
    public void Parallel_chunks_spread_the_classes_evenly()
    {
        KernelPlan plan = Plan(1400, 3, 16, isDouble: true, parallel: true);
        Assert.Equal((FactorisationPath.Unrolled, 32), (plan.Path, plan.GroupBlocks * KernelPlan.Lanes));
        Assert.Equal(352, plan.ChunkClasses);
    }

    [Theory]
    [InlineData(4, 3, 64)]      // one block
    [InlineData(10, 3, 64)]     // 3 pairs × 64 + 27 = 219 units a class: 150 classes before a second chunk
    [InlineData(100, 1, 64)]    // no pairs: nothing to split
    [InlineData(16, 8, 64)]     // 2304 units a class: one chunk of exactly 16 classes, so nothing to split either
    [InlineData(32, 8, 64)]     // two chunks of 16: the caller is done before a parked pool thread wakes
    [InlineData(50, 6, 32)]     // 696 units a class, 48 classes a chunk (whole groups of 16): two chunks
    public void Parallel_shapes_too_small_to_split_keep_the_serial_kernels(int nClasses, int maxPerClass, int features)
    {
        KernelPlan parallel = Plan(nClasses, maxPerClass, features, parallel: true);
        Assert.False(parallel.SplitsIntoChunks);
        Assert.True(parallel.ParallelRequested);     // the regularizer still reports what was asked
        Assert.Equal(Plan(nClasses, maxPerClass, features), parallel with { ParallelRequested = false });
    }

    /// <summary>
    /// A single pass returns its one block's result as the whole sum, with no range: the planner never makes one of a
    /// shape it splits, at any class size or element type (a chunk is whole groups of at least four classes), and no
    /// lone class keeps more pairs in its one register than it has lanes.
    /// </summary>
    [Fact]
    public void A_single_pass_is_the_unrolled_path_of_one_block_and_never_a_chunk()
    {
        for (int nClasses = 1; nClasses <= 2 * KernelPlan.Lanes; nClasses++)
        {
            for (int m = 1; m <= ShapeLimits.MaxUnrolledPerClass + 2; m++)
            {
                KernelPlan plan = Plan(nClasses, m, 4096, isDouble: m % 2 == 0, parallel: true);
                Assert.Equal(plan.Path == FactorisationPath.Unrolled && nClasses <= KernelPlan.Lanes, plan.SinglePass);
                Assert.False(plan.SinglePass && (plan.SplitsIntoChunks || plan.RangedCores), $"{nClasses}x{m}");
            }
        }

        Assert.True(KernelPlanner.MaxPairsInRegisters <= KernelPlan.Lanes);
    }

    [Fact]
    public void Large_shapes_stay_on_one_thread_unless_asked()
    {
        Assert.False(Plan(1000, 8, 64).SplitsIntoChunks);
        Assert.True(Plan(1000, 8, 64, parallel: true).SplitsIntoChunks);
    }

    [Fact]
    public void Four_by_three_by_64_float_is_unrolled_in_registers_in_one_pass_with_a_table()
    {
        KernelPlan plan = Plan(4, 3, 64);
        Assert.Equal(FactorisationPath.Unrolled, plan.Path);
        Assert.Equal(new UnrolledPlan(3, DistanceStrategy.BlockInRegisters, ExpsInLoop: false), plan.Unrolled);
        Assert.True(plan.SinglePass);
        Assert.False(plan.GroupExpPass);
        Assert.Equal(1, plan.GroupBlocks);
        Assert.Equal(12, plan.Unrolled!.PerBlock);
        Assert.Equal(DeterminantFolding.Product, plan.Folding);
        Assert.True(plan.ClassMajorTable);
        Assert.Equal(ScratchSource.Stack, plan.LabelScratch);
        Assert.Equal(new[] { "Vector512", "Vector256", "Vector128" }, plan.VectorWidths.ToArray());
        Assert.False(plan.NeedsTailMask);
        Assert.Equal(1e-30, plan.TinyCoefficient);
    }

    [Fact]
    public void Three_by_five_by_17_double_is_unrolled_per_class_with_a_masked_tail_and_no_512_bit_vectors_wasted()
    {
        KernelPlan plan = Plan(3, 5, 17, isDouble: true);
        Assert.Equal(FactorisationPath.Unrolled, plan.Path);
        // Five members: ten pairs a class, class by class, the exps in a loop.
        Assert.Equal(new UnrolledPlan(5, DistanceStrategy.PerClass, ExpsInLoop: true), plan.Unrolled);
        Assert.Equal(40, plan.Unrolled!.PerBlock);
        Assert.Equal(new[] { "Vector512", "Vector256", "Vector128" }, plan.VectorWidths.ToArray());
        Assert.True(plan.NeedsTailMask);                  // 17 = 2·8 + 1
        Assert.Equal(1e-290, plan.TinyCoefficient);
    }

    [Theory]
    [InlineData(2, nameof(DistanceStrategy.BlockInRegisters), false)]
    [InlineData(3, nameof(DistanceStrategy.BlockInRegisters), false)]        // three pairs: twelve accumulators a block
    [InlineData(4, nameof(DistanceStrategy.BlockInRegistersWithAvx512), false)]  // six pairs: 24 accumulators, in 32 registers
    [InlineData(5, nameof(DistanceStrategy.PerClass), true)]                 // class by class; the exps in a loop
    [InlineData(8, nameof(DistanceStrategy.PerClass), true)]
    public void Each_class_size_has_one_plan_for_its_runtime_code(int m, string distances, bool expsInLoop)
    {
        UnrolledPlan plan = KernelPlanner.PlanUnrolled(m);
        Assert.Equal(new UnrolledPlan(m, Enum.Parse<DistanceStrategy>(distances), expsInLoop), plan);
        Assert.Equal(!expsInLoop, plan.FromEntries);
        // Class kernels take a lone class in scalars where the exps are straight-line code (the chain-bound sizes).
        Assert.Equal(!expsInLoop, plan.LoneInScalars);
        // Their row code compiles into its callers, and the rendered runtime code says so.
        Assert.Equal(!expsInLoop, plan.RowsInlined);
        var rows = new SourceWriter();
        GradientRowsWriter.Write(rows, plan);
        string attribute = rows.ToString().Split('\n').Select(line => line.Trim()).TakeWhile(line => !line.StartsWith("private static void ClassGradient", StringComparison.Ordinal)).Last();
        Assert.Equal(expsInLoop ? Literals.Optimized : Literals.InlinedOptimized, attribute);
        // Inlined, it takes its coefficients as values, one per pair; called, from the scratch.
        Assert.Equal(!expsInLoop, plan.CoefficientsByValue);
        string signature = rows.ToString().Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("private static void ClassGradient", StringComparison.Ordinal));
        Assert.EndsWith(
            expsInLoop ? "int n, ref double coefficients)" : $"int n, {string.Join(", ", Pairs.Of(m).Select(p => $"double c{p.A}{p.B}"))})",
            signature.Substring(0, signature.IndexOf(')') + 1));
        Assert.Equal(m * (m - 1) / 2, plan.PairCount);
        // A lone class's entries stay in their register where its pairs fit one vector, and the rendered lone
        // factorisation takes them so.
        Assert.Equal(distances == nameof(DistanceStrategy.BlockInRegisters) && !expsInLoop, plan.LoneEntriesInRegister);
        var factorisations = new SourceWriter();
        FactorisationWriter.Write(factorisations, plan);
        Assert.Equal(
            plan.LoneInScalars ? (plan.LoneEntriesInRegister ? "Vector256<double> entries" : "ref double d") : null,
            factorisations.ToString().Split('\n').Select(line => line.Trim())
                .Where(line => line.StartsWith($"public static double LoneFactorise{m}(", StringComparison.Ordinal))
                .Select(line => line.Substring(line.IndexOf('(') + 1).Split(',')[0]).SingleOrDefault());
        // The lone class's core is called, never compiled into the user's method (where its pieces would be called).
        if (plan.LoneInScalars)
        {
            var lone = new SourceWriter();
            LoneClassWriter.Write(lone, plan);
            Assert.Equal(Literals.CalledOptimized, lone.ToString().Split('\n').Select(line => line.Trim()).TakeWhile(line => !line.StartsWith("public static bool LoneClass", StringComparison.Ordinal)).Last());
        }

        // A shape of that class size calls exactly that code.
        Assert.Equal(plan, Plan(7, m, 16).Unrolled);
    }

    [Fact]
    public void Only_the_unrolled_path_has_an_unrolled_plan()
    {
        Assert.Null(Plan(5, 1, 16).Unrolled);
        Assert.Null(Plan(2, 9, 12).Unrolled);
        Assert.Equal(FactorisationPath.Loop, Plan(2, 9, 12).Path);
    }

    [Fact]
    public void Only_the_single_threaded_loop_path_gradient_core_takes_the_count()
    {
        Assert.True(Plan(2, 16, 12).ClearsWholeGradient);                                 // clears the whole gradient first
        Assert.False(Plan(40, 12, 16, isDouble: true, parallel: true).ClearsWholeGradient);  // chunks clear their own classes' rows
        Assert.True(Plan(2, 16, 12, parallel: true).ClearsWholeGradient);                 // too small to split: the serial core
        Assert.False(Plan(4, 3, 64).ClearsWholeGradient);                                 // unrolled: rows are stored whole
        Assert.False(Plan(5, 1, 16).ClearsWholeGradient);                                 // no core
    }

    [Fact]
    public void Only_several_blocks_of_small_classes_take_their_exps_in_one_group_pass()
    {
        Assert.True(Plan(10, 3, 64).GroupExpPass);       // three blocks of up to three members
        Assert.True(Plan(9, 2, 8, isDouble: true).GroupExpPass);
        Assert.True(Plan(100, 4, 16).GroupExpPass);
        Assert.False(Plan(4, 3, 64).GroupExpPass);       // one block: its straight-line exps head its only chain
        Assert.False(Plan(20, 6, 64).GroupExpPass);      // five or more: each factorisation loops over its own exps
        Assert.False(Plan(3, 20, 9, isDouble: true).GroupExpPass);   // the loop path has no blocks
    }

    [Fact]
    public void Narrow_rows_leave_out_the_widths_that_do_not_fit()
    {
        Assert.Equal(new[] { "Vector128" }, Plan(2, 3, 4).VectorWidths.ToArray());
        Assert.Empty(Plan(2, 3, 3).VectorWidths.ToArray());
        Assert.Equal(new[] { "Vector256", "Vector128" }, Plan(2, 3, 8).VectorWidths.ToArray());

        // The widest in bytes, for the class kernels' runtime entry, which picks a width itself.
        Assert.Equal(16, Plan(2, 3, 4).WidestVectorBytes);
        Assert.Equal(0, Plan(2, 3, 3).WidestVectorBytes);
        Assert.Equal(32, Plan(2, 3, 8).WidestVectorBytes);
        Assert.Equal(64, Plan(4, 3, 64).WidestVectorBytes);
        Assert.Equal(32, Plan(4, 3, 4, isDouble: true).WidestVectorBytes);
    }

    [Fact]
    public void Large_classes_loop_and_rent_their_matrices()
    {
        KernelPlan plan = Plan(3, 20, 9, isDouble: true);
        Assert.Equal(FactorisationPath.Loop, plan.Path);
        Assert.Equal(ScratchSource.Rented, plan.MatrixScratch);
        Assert.Equal(ScratchSource.Stack, Plan(2, 9, 12).MatrixScratch);
    }

    [Fact]
    public void Many_classes_overlap_eight_blocks_and_rent_the_label_bookkeeping()
    {
        KernelPlan plan = Plan(300, 4, 8);
        Assert.False(plan.SinglePass);
        Assert.Equal(8, plan.GroupBlocks);
        Assert.Equal(ScratchSource.Rented, plan.LabelScratch);
        Assert.True(plan.ClassMajorTable);
        Assert.False(Plan(3000, 3, 4).ClassMajorTable);   // 9000 prototypes: past the table limit
        Assert.Equal(2, Plan(100, 8, 256).GroupBlocks);    // 28 pairs: 112 doubles a block, two fit the 256-double budget
        Assert.Equal(6, Plan(100, 5, 64).GroupBlocks);     // 10 pairs: 40 doubles a block, six fit it and a seventh (280) does not
    }

    /// <summary>
    /// A group takes every block the shape has, up to the caps, the last block counted though it holds fewer than four
    /// classes: 5 classes are two blocks (4 + 1), 10 are three (4 + 4 + 2), both in one group; rounded down, the last
    /// block would be a group of its own, run after the others instead of overlapping them.
    /// </summary>
    [Fact]
    public void A_group_counts_the_last_block_of_fewer_than_four_classes()
    {
        Assert.Equal((2, 2 * 4), (Plan(5, 2, 8).GroupBlocks, Plan(5, 2, 8).GroupScratch));
        Assert.Equal((3, 3 * 12), (Plan(10, 3, 64).GroupBlocks, Plan(10, 3, 64).GroupScratch));
        Assert.Equal(1, Plan(3, 3, 64).GroupBlocks);
        Assert.Equal(8, Plan(29, 2, 8).GroupBlocks);   // 7¼ blocks: eight, at the cap
    }

    [Fact]
    public void A_tiny_epsilon_takes_one_log_per_pivot_and_one_member_classes_factorise_nothing()
    {
        Assert.Equal(DeterminantFolding.LogPerPivot, Plan(2, 4, 8, isDouble: true, epsilon: 1e-30).Folding);
        Assert.Equal(FactorisationPath.None, Plan(5, 1, 16).Path);
        Assert.False(Plan(5, 1, 16).ClassMajorTable);
    }

    [Fact]
    public void Determinants_are_multiplied_only_where_a_block_cannot_underflow_the_product()
    {
        // The worst case: a running product just above the fold threshold times four determinants of ε^(m−1) each (one
        // eigenvalue m, the rest 0). Multiplying is chosen only where that stays a normal double with room to spare, and
        // one log per pivot only where it does not.
        for (int m = 2; m <= ShapeLimits.MaxUnrolledPerClass; m++)
        {
            for (int k = 6; k <= 160; k++)
            {
                double epsilon = Math.Pow(10, -k / 4.0);
                double worst = KernelPlan.FoldBelow;
                for (int i = 0; i < KernelPlan.Lanes * (m - 1); i++) worst *= epsilon;
                DeterminantFolding folding = Plan(8, m, 8, isDouble: true, epsilon: epsilon).Folding;
                if (folding == DeterminantFolding.Product) Assert.True(worst >= 1e-300, $"m = {m}, ε = {epsilon}: the product can reach {worst}.");
                else Assert.True(worst < 1e-299, $"m = {m}, ε = {epsilon}: one log per pivot where the product stays at {worst} or more.");
            }
        }

        Assert.Equal(DeterminantFolding.Product, Plan(8, 8, 8, epsilon: 1e-6).Folding);
        Assert.Equal(DeterminantFolding.LogPerPivot, Plan(8, 8, 8, epsilon: 1e-10).Folding);
    }

    [Fact]
    public void Determinants_are_multiplied_only_where_a_block_cannot_overflow_the_product()
    {
        // The worst case above 1: a running product just below the upper fold threshold times four determinants of
        // (1 + ε)^m each (far-apart members: a diagonal matrix). Multiplying is chosen only where that stays below
        // 1e300, and one log per pivot only where it does not.
        for (int m = 2; m <= ShapeLimits.MaxUnrolledPerClass; m++)
        {
            for (int k = 0; k <= 120; k++)
            {
                double epsilon = Math.Pow(10, k / 2.0);
                double worst = KernelPlan.FoldAbove;
                for (int i = 0; i < KernelPlan.Lanes * m; i++) worst *= 1 + epsilon;
                DeterminantFolding folding = Plan(8, m, 8, isDouble: true, epsilon: epsilon).Folding;
                if (folding == DeterminantFolding.Product) Assert.True(worst <= 1e300, $"m = {m}, ε = {epsilon}: the product can reach {worst}.");
                else Assert.True(worst > 1e299, $"m = {m}, ε = {epsilon}: one log per pivot where the product stays at {worst} or less.");
            }
        }

        // The number of classes plays no part: the product is folded as it grows.
        Assert.Equal(DeterminantFolding.Product, Plan(100_000, 2, 1, isDouble: true, epsilon: 1).Folding);
        Assert.Equal(DeterminantFolding.LogPerPivot, Plan(8, 2, 8, isDouble: true, epsilon: 1e30).Folding);
    }

    [Fact]
    public void One_member_classes_rent_the_label_bookkeeping_past_the_stack_budget()
    {
        // The label pass only checks the labels there, but a million classes must not take 8 MB of stack.
        Assert.Equal(ScratchSource.Stack, Plan(500, 1, 4).LabelScratch);
        Assert.Equal(ScratchSource.Rented, Plan(600, 1, 4).LabelScratch);
        Assert.Equal(ScratchSource.Rented, Plan(1 << 20, 1, 1).LabelScratch);
    }

    [Fact]
    public void Equal_shapes_give_equal_plans()
    {
        Assert.Equal(Plan(10, 3, 64), Plan(10, 3, 64));
        Assert.NotEqual(Plan(10, 3, 64), Plan(10, 3, 65));
    }

    /// <summary>
    /// A parallel shape's two entries hand the chunk runner the plan's chunk size, smaller than the class count, so that
    /// there are chunks to share among the cores. One chunk of every class would give the same bits on one thread, which
    /// no result can show, so the emitted call is read here.
    /// </summary>
    [Theory]
    [InlineData(100, 8, 64, false)]    // the unrolled parallel shape the suites run
    [InlineData(40, 12, 16, true)]     // the loop one
    public void A_parallel_entry_splits_its_classes_into_the_plans_chunks(int nClasses, int maxPerClass, int features, bool isDouble)
    {
        KernelPlan plan = Plan(nClasses, maxPerClass, features, isDouble, parallel: true);
        Assert.True(plan.SplitsIntoChunks);
        Assert.InRange(plan.ChunkClasses, 1, nClasses - 1);
        var w = new SourceWriter();
        EntryWriter.Write(w, plan);
        string text = w.ToString();
        Assert.Equal(2, text.Split("ClassChunks.Sum<").Length - 1);
        Assert.Equal(2, text.Split(", NClasses, ChunkClasses));").Length - 1);
    }

    /// <summary>
    /// Class-major labels take the plan's constant table and skip the label pass, with rows addressed by position. The
    /// general pass gives the same bits, only later, so the emitted entries are read here.
    /// </summary>
    [Theory]
    [InlineData(4, 3, 64, true)]       // labels on the stack
    [InlineData(1000, 8, 64, true)]    // rented labels
    [InlineData(2000, 8, 64, false)]   // past the table's size
    [InlineData(10, 1, 8, false)]      // no pairs to find
    public void Class_major_labels_skip_the_label_pass_where_the_plan_keeps_a_table(int nClasses, int maxPerClass, int features, bool table)
    {
        KernelPlan plan = Plan(nClasses, maxPerClass, features);
        Assert.Equal(table, plan.ClassMajorTable);
        var w = new SourceWriter();
        EntryWriter.Write(w, plan);
        string text = w.ToString();
        int entries = text.Split("LabelGroups.Group(protoLabels, groups, NClasses, MaxPerClass);").Length - 1;
        Assert.True(entries >= 2, "both entries group their labels");
        Assert.Equal(table ? entries : 0, text.Split("bool classMajor = LabelGroups.IsClassMajor(protoLabels, ClassMajorLabels);").Length - 1);
        Assert.Equal(table ? entries : 0, text.Split("if (!classMajor) LabelGroups.Group(").Length - 1);
        if (maxPerClass > 1)
        {
            Assert.Equal(table ? entries : 0, text.Split("ref int ends = ref classMajor ? ref MemoryMarshal.GetArrayDataReference(ClassMajorGroups)").Length - 1);
            Assert.Equal(table ? entries : 0, text.Split("ref int order = ref classMajor ? ref Unsafe.NullRef<int>()").Length - 1);
        }
    }
}
