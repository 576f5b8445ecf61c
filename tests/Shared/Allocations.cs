namespace KernelGen.Testing;

/// <summary>Measures what a piece of code allocates on the calling thread.</summary>
public static class Allocations
{
    /// <summary>
    /// The fewest bytes any of <paramref name="batches"/> runs of <paramref name="calls"/> allocated on this thread,
    /// after two warm-up runs. Code that allocates per call allocates in every batch; the runtime's own one-off
    /// allocations on this thread (type loading, a tier-up or OSR transition landing mid-batch while other tests keep
    /// the JIT busy) land in one batch, not all, so the minimum stays an exact zero test without flaking.
    /// </summary>
    public static long PerBatch(Action calls, int batches = 5)
    {
        calls();
        calls();
        long fewest = long.MaxValue;
        for (int b = 0; b < batches; b++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            calls();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
