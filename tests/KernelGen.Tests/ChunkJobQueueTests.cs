using System.Globalization;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>What a parallel kernel leaves in the thread pool's queue while the pool is slow to start its helpers.</summary>
public class ChunkJobQueueTests
{
    private readonly struct Constant : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass) => endClass - firstClass;
    }

    private const int Cores = 4, NClasses = 64, ChunkClasses = 4;

    /// <summary>
    /// With every pool worker held, no helper starts, and the caller computes every chunk itself: a thousand calls then
    /// leave at most one item per helper queued, not one per call (the pool's queue grew, allocating, for the first few
    /// thousand calls where its threads woke late).
    /// </summary>
    /// <remarks>
    /// The pool's queue is counted in a process of its own that sees <see cref="Cores"/> cores, whatever this machine
    /// has. The count is process-wide, and in the test process the runner and the host it reports to queue items of
    /// their own: under load, one landed between the two counts (2 counted where the job can leave at most 1).
    /// </remarks>
    [Fact]
    public void Calls_while_the_pool_is_held_queue_each_helper_once()
    {
        string[] lines = ChildProcess.OutputLines([typeof(ChunkJobQueueTests).Assembly.Location, QueueArgument], Cores);

        int helpers = Math.Min(Cores, NClasses / ChunkClasses) - 1;
        Assert.Equal([$"cores {Cores}", "workers held"], lines[..2]);
        long queued = long.Parse(Assert.Single(lines[2..]).Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(queued <= helpers, $"{queued} items queued by 1000 calls; at most {helpers} expected");
    }

    /// <summary>The argument that makes the test assembly, started as a program, print <see cref="QueuedByHeldCalls"/>.</summary>
    internal const string QueueArgument = "--queued-by-held-calls";

    /// <summary>
    /// The core count, whether every pool worker was held, and how many items the pool's queue gained over 1000 calls
    /// while they were.
    /// </summary>
    internal static IEnumerable<string> QueuedByHeldCalls()
    {
        // One holder per worker the pool starts at once (its minimum, which it starts on demand without delay) or has
        // already; a worker it adds later takes the queued items, which only lowers the count.
        using var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out int minimum, out _);
        int held = 0, workers = Math.Max(minimum, ThreadPool.ThreadCount);
        for (int i = 0; i < workers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => { Interlocked.Increment(ref held); release.Wait(); }, null);
        }

        try
        {
            yield return $"cores {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)}";
            if (!SpinWait.SpinUntil(() => Volatile.Read(ref held) == workers, TimeSpan.FromSeconds(30)))
            {
                yield return $"{Volatile.Read(ref held)} of {workers} workers held";
                yield break;
            }

            yield return "workers held";
            long before = ThreadPool.PendingWorkItemCount;
            for (int call = 0; call < 1000; call++)
            {
                double sum = ChunkJob<Constant>.Sum(new Constant(), NClasses, ChunkClasses);
                if (sum != NClasses)
                {
                    yield return $"call {call} summed {sum}";
                    yield break;
                }
            }

            yield return $"queued {(ThreadPool.PendingWorkItemCount - before).ToString(CultureInfo.InvariantCulture)}";
        }
        finally
        {
            release.Set();
        }
    }
}
