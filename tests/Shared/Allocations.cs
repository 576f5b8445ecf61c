using System.Diagnostics;
using System.Globalization;

namespace KernelGen.Testing;

/// <summary>
/// Measures what calls allocate on the GC heap on every thread they use, the parallel kernels' pool helpers included.
/// </summary>
/// <remarks>
/// <para>
/// The count is process-wide (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise), so it sees a pool thread's
/// allocation as well as the caller's. In the test process other test classes run at the same time, and the runner
/// reports results from threads of its own: a process-wide count there would also see them. So the calls are measured
/// in a process of their own, the test assembly started again with <see cref="Argument"/> (its <c>Main</c> hands the
/// suite to <see cref="Run"/>), where nothing but the calls runs: the main thread, a thread pool fixed at one worker
/// per core (each warmed up, none retiring), and the runtime's own threads, which allocate nothing on the GC heap once
/// setup's garbage is collected and finalized.
/// </para>
/// <para>
/// Every batch is checked, none is retried or discarded: code that allocates in one call in a hundred fails, and so
/// does a helper thread's allocation, which the calling thread's own count never sees.
/// </para>
/// </remarks>
public static class Allocations
{
    /// <summary>The command-line argument that makes a test assembly run an allocation suite and exit.</summary>
    public const string Argument = "--allocations";

    /// <summary>Batches measured per case.</summary>
    public const int Batches = 20;

    /// <summary>Runs of a case's calls in one batch.</summary>
    public const int RunsPerBatch = 10;

    /// <summary>Runs of a case's calls on the measuring thread before the first batch (lazy statics, pooled scratch and the JIT all done first).</summary>
    public const int WarmUpRuns = 40;

    private static readonly Dictionary<string, Lazy<IReadOnlyDictionary<string, Measured>>> s_results = [];

    /// <summary>
    /// The bytes each batch of each case of <paramref name="suite"/> allocated, measured once per test process in a
    /// child process (see the remarks on <see cref="Allocations"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, Measured> Measure(string suite)
    {
        Lazy<IReadOnlyDictionary<string, Measured>> result;
        lock (s_results)
        {
            if (!s_results.TryGetValue(suite, out result!))
            {
                result = new(() => InChildProcess(suite));
                s_results.Add(suite, result);
            }
        }

        return result.Value;
    }

    /// <summary>
    /// The child's side: builds the cases, runs each <see cref="WarmUpRuns"/> times, then measures every case in
    /// <see cref="Batches"/> batches of <see cref="RunsPerBatch"/> runs. Writes one line per case, <c>name: bytes,bytes,…</c>.
    /// </summary>
    public static int Run(Func<IReadOnlyList<(string Name, Action Calls)>> build, TextWriter output)
    {
        // A pool of exactly one worker per core, fixed before anything queues work: the pool creates them while the
        // cases are built and warmed up, and none after (a new thread's objects are the pool's allocation, and a new
        // thread has none of the pooled scratch the others hold).
        int workers = Environment.ProcessorCount;
        ThreadPool.GetMinThreads(out _, out int io);
        ThreadPool.GetMaxThreads(out _, out int ioMax);
        if (!ThreadPool.SetMinThreads(workers, io) || !ThreadPool.SetMaxThreads(workers, ioMax))
        {
            throw new InvalidOperationException($"cannot fix the thread pool at {workers} workers");
        }

        IReadOnlyList<(string Name, Action Calls)> cases = build();

        // Setup's garbage (inputs, the run-time compiler's work) collected and its finalizers run before the warm-up,
        // not mid-batch; and not after it either, since a full collection trims the array pools the warm-up filled.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Warm-up on this thread, then on every worker: each thread that may run a parallel kernel's chunk has run
        // every call as a caller, so holds the pooled scratch of every size a chunk rents.
        WarmUp(cases, WarmUpRuns);
        var everyWorker = new EveryWorker(workers);
        everyWorker.Run(() => WarmUp(cases, 2));

        // Batch b of every case, then batch b + 1. Before each round every worker runs an empty item, so none idles
        // long enough to retire (a pool thread exits after 20 s without work).
        long[][] bytes = [.. cases.Select(_ => new long[Batches])], callerBytes = [.. cases.Select(_ => new long[Batches])];
        for (int b = 0; b < Batches; b++)
        {
            everyWorker.Run(static () => { });
            for (int c = 0; c < cases.Count; c++)
            {
                Action calls = cases[c].Calls;
                long before = GC.GetTotalAllocatedBytes(precise: true), callerBefore = GC.GetAllocatedBytesForCurrentThread();
                for (int r = 0; r < RunsPerBatch; r++)
                {
                    calls();
                }

                callerBytes[c][b] = GC.GetAllocatedBytesForCurrentThread() - callerBefore;
                bytes[c][b] = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
        }

        // Written after every batch, so writing allocates in none.
        for (int c = 0; c < cases.Count; c++)
        {
            output.WriteLine($"{cases[c].Name}: {string.Join(",", bytes[c])} {CallerThread} {string.Join(",", callerBytes[c])}");
        }

        return 0;
    }

    private const string CallerThread = "on the calling thread";

    private static void WarmUp(IReadOnlyList<(string Name, Action Calls)> cases, int runs)
    {
        foreach (var (_, calls) in cases)
        {
            for (int i = 0; i < runs; i++)
            {
                calls();
            }
        }
    }

    /// <summary>
    /// Runs an action once on each pool worker: each item waits until all have started, so no worker runs two. Plain
    /// counters, not a <see cref="Barrier"/>: a worker leaving a barrier can still be in its wait (which creates a lock
    /// object the first time it blocks) when this thread has moved on to the next batch; here a worker's last act is
    /// its count.
    /// </summary>
    private sealed class EveryWorker(int workers) : IThreadPoolWorkItem
    {
        private Action _action = static () => { };
        private int _started, _finished, _go;

        public void Run(Action action)
        {
            _action = action;
            Volatile.Write(ref _started, 0);
            Volatile.Write(ref _finished, 0);
            Volatile.Write(ref _go, 0);
            for (int i = 0; i < workers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }

            Until(ref _started, workers);
            Volatile.Write(ref _go, 1);
            Until(ref _finished, workers);
        }

        void IThreadPoolWorkItem.Execute()
        {
            Interlocked.Increment(ref _started);
            Until(ref _go, 1);
            _action();
            Interlocked.Increment(ref _finished);
        }

        private static void Until(ref int counter, int value)
        {
            SpinWait spin = default;
            while (Volatile.Read(ref counter) != value)
            {
                spin.SpinOnce();
            }
        }
    }

    private static IReadOnlyDictionary<string, Measured> InChildProcess(string suite)
    {
        string assembly = typeof(Allocations).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly, Argument, suite]);

        // Every method compiled once, fully optimised, on the thread that first calls it: with tiered compilation the
        // background worker recompiles hot methods whenever their call counts come due, and what it allocates while
        // compiling (tens of bytes, now and then, in a short suite) would land in whichever batch is running.
        start.Environment["DOTNET_TieredCompilation"] = "0";
        var results = new Dictionary<string, Measured>();
        foreach (string line in ChildProcess.OutputLines(start))
        {
            int colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            string[] parts = line[(colon + 2)..].Split(" " + CallerThread + " ");
            results.Add(line[..colon], new(Parse(parts[0]), Parse(parts[1])));
        }

        return results;

        static long[] Parse(string bytes) => [.. bytes.Split(',').Select(b => long.Parse(b, CultureInfo.InvariantCulture))];
    }
}

/// <summary>The bytes each batch of one case allocated: in the whole process, and on the thread that made the calls.</summary>
public sealed record Measured(long[] Bytes, long[] OnCallingThread)
{
    /// <summary>Asserts that every batch allocated nothing, on any thread.</summary>
    public void AssertNone(string name)
    {
        Xunit.Assert.Equal(Allocations.Batches, Bytes.Length);
        Xunit.Assert.True(Bytes.All(b => b == 0),
            $"{name}: bytes allocated per batch of {Allocations.RunsPerBatch} runs: {string.Join(", ", Bytes)}; of them on the calling thread: {string.Join(", ", OnCallingThread)}");
    }
}
