using System.Collections.Concurrent;
using KernelGen.Internal;

namespace KernelGen.Tests;

/// <summary>The parallel runner on its own: every chunk once, sums in chunk order, errors on the caller's thread.</summary>
public class ChunkJobTests
{
    /// <summary>Chunk c's sum is 10¹⁶ for c = 0 and 1 for the others: added in any other order the ones would survive.</summary>
    private readonly struct OrderSensitive : IClassRange
    {
        public double LogDeterminants(int firstClass, int endClass) => firstClass == 0 ? 1e16 : 1;
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

    [Fact]
    public void Chunk_sums_are_added_in_chunk_order()
    {
        double inOrder = 0;
        for (int c = 0; c < 50; c++)
        {
            inOrder += c == 0 ? 1e16 : 1;
        }

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(inOrder, ChunkJob<OrderSensitive>.Sum(default, 500, 10));
        }

        Assert.Equal(1e16, inOrder);   // the ones were absorbed one by one: a different order would differ
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

    [Fact]
    public void A_chunk_that_throws_surfaces_on_the_caller_and_the_next_call_works()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChunkJob<Failing>.Sum(new Failing(40), 100, 10));
        Assert.Equal("chunk 40", error.Message);
        Assert.Equal(10, ChunkJob<Failing>.Sum(new Failing(-1), 100, 10));
    }
}
