using KernelGen.Internal;

namespace KernelGen.Tests;

/// <summary>Runs alone: it holds the thread pool's workers and counts the pool's queued items, which other tests would move.</summary>
[CollectionDefinition(nameof(ChunkJobQueueTests), DisableParallelization = true)]
public sealed class ChunkJobQueueCollection;

/// <summary>What a parallel kernel leaves in the thread pool's queue while the pool is slow to start its helpers.</summary>
[Collection(nameof(ChunkJobQueueTests))]
public class ChunkJobQueueTests
{
    private readonly struct Constant : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass) => endClass - firstClass;
    }

    /// <summary>
    /// With every pool worker held, no helper starts, and the caller computes every chunk itself: a thousand calls then
    /// leave at most one item per helper queued, not one per call (the pool's queue grew, allocating, for the first few
    /// thousand calls where its threads woke late).
    /// </summary>
    [Fact]
    public void Calls_while_the_pool_is_held_queue_each_helper_once()
    {
        Assert.True(Environment.ProcessorCount > 1, "the parallel path needs more than one core; run with DOTNET_PROCESSOR_COUNT unset");
        const int nClasses = 64, chunkClasses = 4;
        int helpers = Math.Min(Environment.ProcessorCount, nClasses / chunkClasses) - 1;

        // One holder per worker the pool has now; a worker it adds later takes the queued items, which only lowers the count.
        using var release = new ManualResetEventSlim();
        int held = 0, workers = ThreadPool.ThreadCount;
        for (int i = 0; i < workers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => { Interlocked.Increment(ref held); release.Wait(); }, null);
        }

        try
        {
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref held) == workers, TimeSpan.FromSeconds(30)), "the pool's workers were not all held");
            long before = ThreadPool.PendingWorkItemCount;
            for (int call = 0; call < 1000; call++)
            {
                Assert.Equal(nClasses, ChunkJob<Constant>.Sum(new Constant(), nClasses, chunkClasses));
            }

            long queued = ThreadPool.PendingWorkItemCount - before;
            Assert.True(queued <= helpers, $"{queued} items queued by 1000 calls; at most {helpers} expected");
        }
        finally
        {
            release.Set();
        }
    }
}
