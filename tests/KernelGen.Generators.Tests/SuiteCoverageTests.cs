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
        HashSet<int> unrolled = [.. Enumerable.Range(1, ShapeLimits.MaxUnrolledPerClass)];

        Assert.Superset(unrolled, GeneratedKernels.Float.Select(k => k.MaxPerClass).ToHashSet());
        Assert.Superset(unrolled, GeneratedKernels.Double.Select(k => k.MaxPerClass).ToHashSet());
        Assert.Contains(GeneratedKernels.Float, k => k.MaxPerClass > ShapeLimits.MaxUnrolledPerClass);
        Assert.Contains(GeneratedKernels.Double, k => k.MaxPerClass > ShapeLimits.MaxUnrolledPerClass);
    }
}
