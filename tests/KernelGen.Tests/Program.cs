using KernelGen.Testing;

namespace KernelGen.Tests;

/// <summary>The test assembly started as a program: runs an allocation suite in a process of its own (see <see cref="Allocations"/>).</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [Allocations.Argument, AllocationTests.Suite])
        {
            return Allocations.Run(AllocationTests.Cases, Console.Out);
        }

        Console.Error.WriteLine($"usage: {Allocations.Argument} {AllocationTests.Suite}");
        return 2;
    }
}
