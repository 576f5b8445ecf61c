using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The test assembly started as a program: runs an allocation suite in a process of its own (see <see cref="Allocations"/>),
/// reports what the run-time compiler returns without dynamic code (see <see cref="CompilerFallback"/>) or does when it
/// cannot compile (see <see cref="CompilerFailure"/>), or prints the
/// widest accelerated vector (see <see cref="Reruns.WidestVectorArgument"/>).
/// </summary>
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

        if (args is [Reruns.WidestVectorArgument])
        {
            Console.WriteLine(Reruns.WidestVectorBits);
            return 0;
        }

        if (args is [CompilerFallback.Argument])
        {
            return CompilerFallback.Run(Console.Out);
        }

        if (args is [CompilerFailure.Argument])
        {
            return CompilerFailure.Run(Console.Out);
        }

        Console.Error.WriteLine($"usage: {Allocations.Argument} {EngineAllocations.Suite}|{ClassKernelAllocations.Suite}|{TensorAllocations.Suite}, {CompilerFallback.Argument}, {CompilerFailure.Argument} or {Reruns.WidestVectorArgument}");
        return 2;
    }
}
