using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>
/// The test assembly started as a program: runs an allocation suite in a process of its own (see
/// <see cref="Allocations"/>), the parallel runner's chunk-order sums in one started with a core count of its own, or
/// the pool's queue under held workers in one where nothing else queues.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [Allocations.Argument, AllocationTests.Suite])
        {
            return Allocations.Run(AllocationTests.Cases, Console.Out);
        }

        // The child processes that print lines for a test to read.
        IEnumerable<string>? lines = args switch
        {
            [ChunkJobTests.ChunkOrderArgument] => ChunkJobTests.ChunkOrderSums(),
            [ChunkJobQueueTests.QueueArgument] => ChunkJobQueueTests.QueuedByHeldCalls(),
            _ => null,
        };
        if (lines is not null)
        {
            foreach (string line in lines)
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        Console.Error.WriteLine($"usage: {Allocations.Argument} {AllocationTests.Suite} | {ChunkJobTests.ChunkOrderArgument} | {ChunkJobQueueTests.QueueArgument}");
        return 2;
    }
}
