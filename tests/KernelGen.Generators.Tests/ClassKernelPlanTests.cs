using KernelGen.Generators.Emitting;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using KernelGen.Generators.Planning;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Which cores take a class range (<see cref="KernelPlan.RangedCores"/>): the class kernels run a core on one class
/// alone, so every core that would otherwise walk all of the shape's classes takes one.
/// </summary>
public class ClassKernelPlanTests
{
    private static KernelPlan Plan(int nClasses, int maxPerClass, int features, bool parallel = false) =>
        KernelPlanner.Plan(new ShapeSpec("X.g.cs", null, EquatableArray<TypeDeclarationSpec>.Empty, new TypeDeclarationSpec("partial class", "X", ""), true,
            nClasses, maxPerClass, features, false, 1e-6, parallel));

    [Theory]
    [InlineData(4, 3, 64, false, false)]     // one block: it holds every class, or the lone one
    [InlineData(1, 8, 33, false, false)]
    [InlineData(5, 3, 64, false, true)]      // two blocks
    [InlineData(1000, 8, 64, false, true)]
    [InlineData(1000, 8, 64, true, true)]    // parallel chunks
    [InlineData(4, 3, 64, true, false)]      // parallel asked for, too small to split: the serial one-block core
    [InlineData(1, 16, 12, false, true)]     // the loop path walks classes even for one
    [InlineData(100, 1, 64, false, false)]   // no pairs: no cores
    public void Cores_take_a_class_range_unless_one_block_holds_every_class(int nClasses, int maxPerClass, int features, bool parallel, bool ranged) =>
        Assert.Equal(ranged, Plan(nClasses, maxPerClass, features, parallel).RangedCores);

    [Theory]
    [InlineData(4, 2, 8, true)]
    [InlineData(4, 3, 64, true)]
    [InlineData(300, 4, 8, true)]
    [InlineData(4, 3, 64, true, true)]       // parallel or not: the lone class is the same code
    [InlineData(1000, 5, 64, false)]         // exps in a loop: the class in a block's first lane
    [InlineData(1000, 8, 64, false, true)]
    [InlineData(1, 16, 12, false)]           // the loop path
    [InlineData(100, 1, 64, false)]          // no pairs
    public void A_lone_class_runs_in_scalars_where_its_chain_is_most_of_its_time(int nClasses, int maxPerClass, int features, bool scalars, bool parallel = false)
    {
        KernelPlan plan = Plan(nClasses, maxPerClass, features, parallel);
        Assert.Equal(scalars, plan.Unrolled is { LoneInScalars: true });
        // The emitted class kernel follows the plan: the runtime's LoneClass{m}, with the cores as its fallback.
        var w = new SourceWriter();
        ClassKernelWriter.WriteEntry(w, plan);
        Assert.Equal(scalars, w.ToString().Contains($"UnrolledRows.LoneClass{maxPerClass}<", StringComparison.Ordinal));
    }

    /// <summary>
    /// A size whose block keeps its pair sums in registers has at most a vector's lanes of pairs: a lone class of that
    /// size reduces them into one vector and keeps its entries there (<see cref="UnrolledPlan.LoneEntriesInRegister"/>),
    /// which four lanes cannot hold past four pairs.
    /// </summary>
    [Fact]
    public void Pairs_kept_in_registers_fill_at_most_one_vector()
    {
        UnrolledPlan[] inRegisters = [.. KernelPlanner.PlanRuntimeFile().Where(p => p.Distances == DistanceStrategy.BlockInRegisters)];
        Assert.NotEmpty(inRegisters);
        Assert.All(inRegisters, p => Assert.True(p.PairCount <= KernelPlan.Lanes, $"m = {p.Members}: {p.PairCount} pairs"));
    }
}
