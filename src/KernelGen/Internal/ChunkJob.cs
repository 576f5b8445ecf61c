using System.Runtime.ExceptionServices;

namespace KernelGen.Internal;

/// <summary>One chunk of classes' share of a parallel kernel (see <see cref="ChunkJob{TRange}"/>).</summary>
internal interface IClassRange
{
    /// <summary>Σ log det over classes <c>[firstClass, endClass)</c>; writes only their gradient rows.</summary>
    double LogDeterminants(int firstClass, int endClass);
}

/// <summary>
/// A parallel kernel's chunks of classes, shared between the calling thread and pool threads.
/// </summary>
/// <remarks>
/// <para>
/// <b>Deterministic.</b> The chunks are fixed by the shape and, for the reference engine, the labels' largest class
/// (<c>ShapeLimits.ParallelChunkClasses</c>), never by the machine; each chunk's sum is kept in its own slot and the
/// slots are added in chunk order by the caller. Which thread computes a chunk, and how many threads there are, changes
/// nothing in the result, to the bit.
/// </para>
/// <para>
/// <b>The same chunks on the same thread.</b> Each participant (the caller, then helpers in the order they join) owns
/// a contiguous home range of chunks and takes them from its front; one that runs out takes from the back of the
/// others' ranges. So with steady calls each core keeps writing the same gradient rows, which stay in its caches
/// (chunks handed out first-come, first-served would move them between cores on every call).
/// </para>
/// <para>
/// <b>No allocation per call.</b> Each calling thread keeps one job per range type (thread-static, so concurrent
/// callers never share one), and the job is itself the work item queued to the pool: no task, closure or delegate.
/// </para>
/// <para>
/// <b>Never waits for the pool.</b> The caller takes chunks too and only waits for chunks a helper has already taken,
/// so a busy or starved pool slows a call down but cannot deadlock it. A helper that starts after the call has ended
/// finds the job closed and returns; one that starts during a later call on the same thread helps with that one.
/// </para>
/// <para>
/// <b>At most one queued item per helper.</b> A call queues only the helpers that are not still queued from an earlier
/// call: where the pool is slow to start them, each call queuing its own would pile items up in the pool's queue, which
/// grows (allocating) as they do, and would leave a starved pool thousands of empty items to run.
/// </para>
/// <para>
/// <b>Errors on the caller's thread.</b> The kernels check everything before the job starts; should a chunk still
/// throw, the first exception is rethrown on the caller's thread: with helpers once every chunk has finished, and on
/// one core, where the caller runs the chunks in turn, at once (the chunks after it do not run).
/// </para>
/// </remarks>
internal sealed class ChunkJob<TRange> : IThreadPoolWorkItem
    where TRange : struct, IClassRange
{
    // _state: the number of helpers inside Work(), plus Closed while no call is running.
    private const int Closed = 1 << 30;

    [ThreadStatic]
    private static ChunkJob<TRange>? t_job;

    // A home range's counters, (next << 32) | end, each on its own cache line: its owner and thieves update it.
    private const int RangeStride = 8;

    private TRange _range;
    private int _nClasses, _chunkClasses, _participants;
    private int _joined, _done;
    private int _state = Closed;
    private double[] _partials = [];
    private long[] _ranges = [];
    private Exception? _error;

    // Items queued to the pool that have not yet started.
    private int _queued;

    /// <summary>Σ over chunks of <paramref name="range"/>'s log-determinants, in chunk order.</summary>
    public static double Sum(in TRange range, int nClasses, int chunkClasses)
    {
        int chunks = (nClasses + chunkClasses - 1) / chunkClasses;
        if (Math.Min(Environment.ProcessorCount, chunks) <= 1)
        {
            // One core: the same chunks and the same order of additions as the parallel path, so the same bits.
            double total = 0d;
            for (int c = 0; c < chunks; c++)
            {
                total += range.LogDeterminants(c * chunkClasses, Math.Min((c + 1) * chunkClasses, nClasses));
            }

            return total;
        }

        return (t_job ??= new ChunkJob<TRange>()).Run(in range, nClasses, chunkClasses, chunks);
    }

    /// <summary>Pool threads join here.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        // Before reading the state: a call that still counts this item as queued has already opened the job.
        Interlocked.Decrement(ref _queued);
        int state = Volatile.Read(ref _state);
        while (true)
        {
            if (state >= Closed)
            {
                return;
            }

            int seen = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (seen == state)
            {
                break;
            }

            state = seen;
        }

        Work(Interlocked.Increment(ref _joined));
        Interlocked.Decrement(ref _state);
    }

    private double Run(in TRange range, int nClasses, int chunkClasses, int chunks)
    {
        int participants = Math.Min(Environment.ProcessorCount, chunks);
        if (_partials.Length < chunks)
        {
            _partials = new double[chunks];
        }

        if (_ranges.Length < participants * RangeStride)
        {
            _ranges = new long[participants * RangeStride];
        }

        for (int p = 0; p < participants; p++)
        {
            _ranges[p * RangeStride] = Pack(Share(p, participants, chunks), Share(p + 1, participants, chunks));
        }

        _range = range;
        _nClasses = nClasses;
        _chunkClasses = chunkClasses;
        _participants = participants;
        _joined = 0;
        _done = 0;
        _error = null;

        // Open: the fields above are published before any helper can join. A full fence, so that an item still queued
        // from an earlier call, counted below, reads the job open when it starts.
        Interlocked.Exchange(ref _state, 0);
        for (int i = Volatile.Read(ref _queued) + 1; i < participants; i++)
        {
            Interlocked.Increment(ref _queued);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        Work(0);
        SpinWait spin = default;
        while (Volatile.Read(ref _done) < chunks)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        // Close, then wait out helpers that joined but have not yet seen that no chunk is left.
        Interlocked.Add(ref _state, Closed);
        while (Volatile.Read(ref _state) != Closed)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        double total = 0d;
        for (int c = 0; c < chunks; c++)
        {
            total += _partials[c];
        }

        _range = default;
        if (_error is { } error)
        {
            _error = null;
            ExceptionDispatchInfo.Throw(error);
        }

        return total;
    }

    /// <summary>Participant <paramref name="me"/>'s share: its home range from the front, then the others' from the back.</summary>
    /// <remarks>A helper that joins after every home range is owned (<paramref name="me"/> ≥ participants) only takes from the back.</remarks>
    private void Work(int me)
    {
        int participants = _participants;
        int chunk;
        if (me < participants)
        {
            while (Take(me, first: true, out chunk))
            {
                Compute(chunk);
            }
        }

        for (int k = 1; k <= participants; k++)
        {
            int victim = (me + k) % participants;
            while (Take(victim, first: false, out chunk))
            {
                Compute(chunk);
            }
        }
    }

    private void Compute(int chunk)
    {
        try
        {
            _partials[chunk] = _range.LogDeterminants(chunk * _chunkClasses, Math.Min((chunk + 1) * _chunkClasses, _nClasses));
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
        }

        Interlocked.Increment(ref _done);
    }

    /// <summary>Claims the first (or last) chunk left in <paramref name="owner"/>'s home range, if any.</summary>
    private bool Take(int owner, bool first, out int chunk)
    {
        ref long slot = ref _ranges[owner * RangeStride];
        long seen = Volatile.Read(ref slot);
        while (true)
        {
            (int next, int end) = Unpack(seen);
            if (next >= end)
            {
                chunk = -1;
                return false;
            }

            long before = Interlocked.CompareExchange(ref slot, first ? Pack(next + 1, end) : Pack(next, end - 1), seen);
            if (before == seen)
            {
                chunk = first ? next : end - 1;
                return true;
            }

            seen = before;
        }
    }

    /// <summary>The first chunk of participant <paramref name="p"/>'s home range (the ranges differ in length by at most one).</summary>
    private static int Share(int p, int participants, int chunks) => (int)((long)p * chunks / participants);

    private static long Pack(int next, int end) => ((long)next << 32) | (uint)end;

    private static (int Next, int End) Unpack(long range) => ((int)(range >> 32), (int)range);
}
