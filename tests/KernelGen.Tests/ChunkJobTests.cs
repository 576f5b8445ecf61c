using System.Collections.Concurrent;
using System.Globalization;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>The parallel runner on its own: every chunk once, sums in chunk order, errors on the caller's thread.</summary>
public class ChunkJobTests
{
    /// <summary>Chunk c's sum is <c>sums[c]</c>.</summary>
    private readonly struct Given(double[] sums, int chunkClasses) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass) => sums[firstClass / chunkClasses];
    }

    private readonly struct Recording(ConcurrentBag<(int, int)> chunks) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass)
        {
            chunks.Add((firstClass, endClass));
            Thread.SpinWait(2000);
            return endClass - firstClass;
        }
    }

    /// <summary>Records each chunk with uneven costs, so that participants run out of home chunks at different times and take others'.</summary>
    private readonly struct Uneven(ConcurrentBag<int> firstClasses, int chunkClasses) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass)
        {
            firstClasses.Add(firstClass);
            Thread.SpinWait(firstClass / chunkClasses % 3 == 0 ? 20_000 : 500);
            return endClass - firstClass;
        }
    }

    private readonly struct Failing(int failingChunkStart) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass) =>
            firstClass == failingChunkStart ? throw new InvalidOperationException("chunk " + firstClass) : 1;
    }

    /// <summary>
    /// Every chunk throws, naming itself. Chunk 1 lets the others throw: it is the caller's next chunk after chunk 0, so
    /// it starts only once chunk 0's exception is recorded, and chunk 0's is the first whatever the threads' timing.
    /// </summary>
    private readonly struct AllFailing(ManualResetEventSlim firstRecorded) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass)
        {
            if (firstClass == 1)
            {
                firstRecorded.Set();
            }
            else if (firstClass != 0)
            {
                firstRecorded.Wait(TimeSpan.FromSeconds(10));
            }

            throw new InvalidOperationException("chunk " + firstClass);
        }
    }

    /// <summary>
    /// A pool that cannot run a helper's share yet: a chunk on any thread but the caller's is held until the caller has
    /// computed a chunk of its own (should it never, the first held chunk gives up after a while and
    /// releases the rest), and every chunk is recorded with its thread.
    /// </summary>
    private readonly struct HeldHelpers(int caller, ManualResetEventSlim callerComputed, ConcurrentBag<(int Thread, int FirstClass)> chunks) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass)
        {
            int thread = Environment.CurrentManagedThreadId;
            if (thread != caller && !callerComputed.Wait(TimeSpan.FromSeconds(10)))
            {
                callerComputed.Set();   // the caller computed nothing: stop holding the other chunks
            }

            chunks.Add((thread, firstClass));
            if (thread == caller)
            {
                callerComputed.Set();
            }

            return endClass - firstClass;
        }
    }

    /// <summary>
    /// The caller's first chunk waits until another thread has computed one (or gives up after 30 s), and every chunk
    /// records its thread: a call that queued no helper, and so ran every chunk on the caller, shows as the wait given up.
    /// </summary>
    private readonly struct WaitsForAHelper(int caller, ManualResetEventSlim helperComputed, ConcurrentBag<int> threads) : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass)
        {
            int thread = Environment.CurrentManagedThreadId;
            bool callersFirst = thread == caller && !threads.Contains(caller);
            threads.Add(thread);
            if (callersFirst)
            {
                helperComputed.Wait(TimeSpan.FromSeconds(30));
            }
            else if (thread != caller)
            {
                helperComputed.Set();
            }

            return endClass - firstClass;
        }
    }

    private const double TwoTo53 = 9007199254740992;   // 2⁵³: its neighbours are 2 apart

    /// <summary>
    /// Chunk sums for six chunks, two sets, chosen so that no order of addition but chunk order gives the chunk-order
    /// bits on both: each set puts 2⁵³-sized sums, whose neighbours are 2 apart, next to sums of 1 to 3, so every
    /// addition that meets a half-way case rounds to even, and the result depends on which partial sums met.
    /// <see cref="No_other_order_of_addition_gives_the_chunk_order_sums"/> proves it over every order.
    /// </summary>
    private static readonly double[][] s_orderSensitiveSums =
    [
        [1, TwoTo53, 1, 1, -TwoTo53, 3],
        [2, 3, TwoTo53 + 2, 3, TwoTo53, TwoTo53 + 2],
    ];

    private const int OrderChunks = 6, OrderChunkClasses = 10, OrderClasses = OrderChunks * OrderChunkClasses - 3;   // the last chunk short

    /// <summary>
    /// A pool thread queued by a call that has already returned must find the job closed and leave: joining would count
    /// it into the next call's helpers after that call reset the count, and it would read the next call's fields while
    /// they are written. Run as the pool would run such a late work item, on the caller's thread right after the call.
    /// </summary>
    [Fact]
    public void A_helper_that_starts_after_the_call_returned_does_not_join()
    {
        var chunks = new ConcurrentBag<(int, int)>();
        Assert.Equal(40, ChunkJob<Recording>.Sum(new Recording(chunks), 40, 5));
        Assert.Equal(8, chunks.Count);

        var jobField = typeof(ChunkJob<Recording>).GetField("t_job", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        object? job = jobField.GetValue(null);
        if (Environment.ProcessorCount == 1)
        {
            // One core: the chunks ran in a loop and no job exists to be joined.
            Assert.Null(job);
            return;
        }

        var item = Assert.IsAssignableFrom<IThreadPoolWorkItem>(job);
        int Field(string name) => (int)typeof(ChunkJob<Recording>).GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(job)!;
        int joined = Field("_joined"), state = Field("_state");
        item.Execute();
        Assert.Equal(joined, Field("_joined"));
        Assert.Equal(state, Field("_state"));
        Assert.Equal(8, chunks.Count);
    }

    [Fact]
    public void Chunk_sums_are_added_in_chunk_order()
    {
        foreach (double[] sums in s_orderSensitiveSums)
        {
            for (int call = 0; call < 20; call++)
            {
                Assert.Equal(InOrderBits(sums), Hex(RunnerSum(sums)));
            }
        }
    }

    /// <summary>
    /// The same in a process that sees one core, where the runner adds the chunks in a loop of its own, and in one that
    /// sees four, where the parallel job adds them whatever cores this machine has: a process reads its core count once,
    /// at start, so the test assembly is started again for each.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Chunk_sums_are_added_in_chunk_order_whatever_the_cores(int cores)
    {
        Assert.Equal(
            [cores.ToString(CultureInfo.InvariantCulture), .. s_orderSensitiveSums.Select(InOrderBits)],
            ChildProcess.OutputLines([typeof(ChunkJobTests).Assembly.Location, ChunkOrderArgument], cores));
    }

    /// <summary>The argument that makes the test assembly, started as a program, print <see cref="ChunkOrderSums"/>.</summary>
    internal const string ChunkOrderArgument = "--chunk-order";

    /// <summary>The core count this process sees, then the runner's sum of each order-sensitive set, as bits.</summary>
    internal static IEnumerable<string> ChunkOrderSums() =>
        [
            Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            .. s_orderSensitiveSums.Select(sums => Hex(RunnerSum(sums))),
        ];

    /// <summary>The runner's total of <paramref name="sums"/>, one per chunk.</summary>
    private static double RunnerSum(double[] sums) => ChunkJob<Given>.Sum(new Given(sums, OrderChunkClasses), OrderClasses, OrderChunkClasses);

    private static string InOrderBits(double[] sums)
    {
        double total = 0d;
        foreach (double sum in sums)
        {
            total += sum;
        }

        return Hex(total);
    }

    private static string Hex(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>
    /// The oracle above, checked: every way to add six chunk sums (every binary tree over them, 945 up to the order of
    /// an addition's two operands) other than ((((s₀ + s₁) + s₂) + s₃) + s₄) + s₅ gives other bits on one of the sets,
    /// so a runner that adds in completion order, per participant, in reverse or pairwise cannot pass it.
    /// </summary>
    [Fact]
    public void No_other_order_of_addition_gives_the_chunk_order_sums()
    {
        Sum chunkOrder = new Leaf(0);
        for (int c = 1; c < OrderChunks; c++)
        {
            chunkOrder = new Add(chunkOrder, new Leaf(c));
        }

        List<Sum> orders = Orders((1 << OrderChunks) - 1);
        Assert.Equal(945, orders.Count);
        Assert.Single(orders, o => o.Key == chunkOrder.Key);
        foreach (Sum order in orders.Where(o => o.Key != chunkOrder.Key))
        {
            Assert.True(
                s_orderSensitiveSums.Any(sums => BitConverter.DoubleToInt64Bits(order.Value(sums)) != BitConverter.DoubleToInt64Bits(chunkOrder.Value(sums))),
                $"{order.Key} gives the chunk-order bits on every set");
        }
    }

    /// <summary>One way to add chunk sums; <see cref="Key"/> is the same for two trees that differ only in operand order.</summary>
    private abstract record Sum
    {
        public abstract string Key { get; }

        public abstract double Value(double[] sums);
    }

    private sealed record Leaf(int Chunk) : Sum
    {
        public override string Key => Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public override double Value(double[] sums) => sums[Chunk];
    }

    private sealed record Add(Sum Left, Sum Right) : Sum
    {
        public override string Key => string.CompareOrdinal(Left.Key, Right.Key) < 0 ? $"({Left.Key}+{Right.Key})" : $"({Right.Key}+{Left.Key})";

        public override double Value(double[] sums) => Left.Value(sums) + Right.Value(sums);
    }

    /// <summary>Every binary tree over the chunks in <paramref name="chunks"/> (a bit set), each once up to operand order.</summary>
    private static List<Sum> Orders(int chunks)
    {
        int lowest = chunks & -chunks;
        if (chunks == lowest)
        {
            return [new Leaf(System.Numerics.BitOperations.TrailingZeroCount(lowest))];
        }

        // The operand holding the lowest chunk is the left one, so each pair of operands is counted once.
        var orders = new List<Sum>();
        int rest = chunks & ~lowest;
        for (int others = rest; ; others = (others - 1) & rest)
        {
            int left = lowest | others, right = chunks & ~left;
            if (right != 0)
            {
                foreach (Sum l in Orders(left))
                {
                    orders.AddRange(Orders(right).Select(r => new Add(l, r)));
                }
            }

            if (others == 0)
            {
                break;
            }
        }

        return orders;
    }

    [Fact]
    public void Every_class_is_in_exactly_one_chunk_and_the_last_chunk_is_short()
    {
        var chunks = new ConcurrentBag<(int, int)>();
        double total = ChunkJob<Recording>.Sum(new Recording(chunks), 103, 8);
        Assert.Equal(103, total);
        Assert.Equal(Enumerable.Range(0, 13).Select(c => (8 * c, Math.Min(8 * c + 8, 103))), chunks.OrderBy(c => c.Item1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(103)]
    public void Uneven_chunks_taken_from_other_home_ranges_are_each_computed_once(int nClasses)
    {
        const int chunkClasses = 8;
        int chunks = (nClasses + chunkClasses - 1) / chunkClasses;
        for (int call = 0; call < 20; call++)
        {
            var firstClasses = new ConcurrentBag<int>();
            Assert.Equal(nClasses, ChunkJob<Uneven>.Sum(new Uneven(firstClasses, chunkClasses), nClasses, chunkClasses));
            Assert.Equal(Enumerable.Range(0, chunks).Select(c => c * chunkClasses), firstClasses.Order());
        }
    }

    /// <summary>
    /// The caller never waits for the pool: it takes chunks itself from the start, so a call whose helpers are all held
    /// (a busy or starved pool) still has its caller computing, and every chunk is computed once.
    /// </summary>
    [Fact]
    public void The_caller_computes_chunks_itself_while_the_helpers_cannot_run()
    {
        for (int call = 0; call < 5; call++)
        {
            var chunks = new ConcurrentBag<(int Thread, int FirstClass)>();
            using var callerComputed = new ManualResetEventSlim();
            int caller = Environment.CurrentManagedThreadId;
            Assert.Equal(60, ChunkJob<HeldHelpers>.Sum(new HeldHelpers(caller, callerComputed, chunks), 60, 6));
            Assert.Equal(Enumerable.Range(0, 10).Select(c => 6 * c), chunks.Select(c => c.FirstClass).Order());
            Assert.Contains(chunks, c => c.Thread == caller);
        }
    }

    /// <summary>
    /// With more than one core a call's chunks are shared with a pool thread, every call: the caller does not go on alone
    /// while the pool is free. With one core they run in a loop on the caller, and nothing waits for a helper.
    /// </summary>
    [Fact]
    public void A_call_with_chunks_to_share_is_helped_by_a_pool_thread()
    {
        int caller = Environment.CurrentManagedThreadId;
        for (int call = 0; call < 3; call++)
        {
            var threads = new ConcurrentBag<int>();
            using var helperComputed = new ManualResetEventSlim(initialState: Environment.ProcessorCount == 1);
            Assert.Equal(60, ChunkJob<WaitsForAHelper>.Sum(new WaitsForAHelper(caller, helperComputed, threads), 60, 6));
            Assert.Equal(10, threads.Count);
            if (Environment.ProcessorCount == 1)
            {
                Assert.All(threads, t => Assert.Equal(caller, t));
                continue;
            }

            Assert.True(helperComputed.IsSet, $"call {call}: no other thread computed a chunk");
            Assert.Contains(threads, t => t != caller);
        }
    }

    [Fact]
    public void A_chunk_that_throws_surfaces_on_the_caller_and_the_next_call_works()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChunkJob<Failing>.Sum(new Failing(40), 100, 10));
        Assert.Equal("chunk 40", error.Message);
        Assert.Equal(10, ChunkJob<Failing>.Sum(new Failing(-1), 100, 10));
    }

    /// <summary>
    /// Where several chunks throw, the caller gets the first exception, not whichever a later chunk left: chunk 0, the
    /// caller's own first chunk, has its exception recorded before any other chunk throws (on one core, the chunks run
    /// in order and the first stops the call).
    /// </summary>
    [Fact]
    public void Of_several_chunks_that_throw_the_first_to_throw_surfaces()
    {
        // Chunks of one class, so that chunks 0 and 1 are both the caller's own on any number of cores up to 50.
        using var firstRecorded = new ManualResetEventSlim();
        var error = Assert.Throws<InvalidOperationException>(() => ChunkJob<AllFailing>.Sum(new AllFailing(firstRecorded), 100, 1));
        Assert.Equal("chunk 0", error.Message);
    }
}
