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
        KernelPlanner.Plan(new ShapeSpec("X.g.cs", null, EquatableArray<TypeDeclarationSpec>.Empty, new TypeDeclarationSpec("class", "X", ""), true,
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
}
