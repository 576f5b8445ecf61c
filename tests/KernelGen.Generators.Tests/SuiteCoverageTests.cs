namespace KernelGen.Generators.Tests;

/// <summary>
/// The shapes the engine suites run reach every path a class size selects: each size from 1 to the unrolled limit,
/// which has factorisation and row code of its own in the runtime file, and the loop path beyond it, in float and in
/// double. A size no shape declares would be checked only as text, by the snapshots.
/// </summary>
public class SuiteCoverageTests
{
    [Fact]
    public void The_suites_run_every_unrolled_class_size_and_the_loop_path_in_both_element_types()
    {
        int[] unrolled = [.. Enumerable.Range(1, ShapeLimits.MaxUnrolledPerClass)];

        // Named on failure: the class sizes no consumer shape (tests/KernelGen.Consumer) of that element type declares.
        Assert.Equal([], unrolled.Except(GeneratedKernels.Float.Select(k => k.MaxPerClass)).Select(m => $"float, maxPerClass {m}"));
        Assert.Equal([], unrolled.Except(GeneratedKernels.Double.Select(k => k.MaxPerClass)).Select(m => $"double, maxPerClass {m}"));
        Assert.Contains(GeneratedKernels.Float, k => k.MaxPerClass > ShapeLimits.MaxUnrolledPerClass);
        Assert.Contains(GeneratedKernels.Double, k => k.MaxPerClass > ShapeLimits.MaxUnrolledPerClass);
    }
}
