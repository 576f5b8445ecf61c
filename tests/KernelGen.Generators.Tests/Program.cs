using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>The test assembly started as a program: runs an allocation suite in a process of its own (see <see cref="Allocations"/>).</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [Allocations.Argument, EngineAllocations.Suite])
        {
            return Allocations.Run(EngineAllocations.Cases, Console.Out);
        }

        if (args is [Allocations.Argument, ClassKernelAllocations.Suite])
        {
            return Allocations.Run(ClassKernelAllocations.Cases, Console.Out);
        }

        if (args is [Allocations.Argument, TensorAllocations.Suite])
        {
            return Allocations.Run(TensorAllocations.Cases, Console.Out);
        }

        Console.Error.WriteLine($"usage: {Allocations.Argument} {EngineAllocations.Suite}|{ClassKernelAllocations.Suite}|{TensorAllocations.Suite}");
        return 2;
    }
}
