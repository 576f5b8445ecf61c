using KernelGen.Compiler;

namespace KernelGen.Generators.Tests;

/// <summary>
/// What <see cref="KernelCompiler.Compile{T}"/> does when Roslyn cannot compile a shape: run by the test assembly started
/// as a program (see <see cref="CompilerFailureTests"/>), in a process of its own because it takes the framework's
/// assemblies from the compiler's references for the rest of that process.
/// </summary>
internal static class CompilerFailure
{
    public const string Argument = "--compiler-failure";

    /// <summary>
    /// Empties the list of the framework's assemblies the compiler reads on its first compile, so that no compile can
    /// succeed (nothing defines <c>System.Object</c>), asks twice for one shape and prints each exception's type and
    /// first line, then whether the second call threw the first call's exception again (as a failure kept in the cache
    /// would) or one of its own.
    /// </summary>
    public static int Run(TextWriter output)
    {
        AppContext.SetData("TRUSTED_PLATFORM_ASSEMBLIES", "");
        Exception first = Attempt(output), second = Attempt(output);
        output.WriteLine($"second call compiled again: {!ReferenceEquals(first, second)}");
        return 0;
    }

    private static Exception Attempt(TextWriter output)
    {
        try
        {
            KernelCompiler.Compile<float>(4, 3, 64);
        }
        catch (Exception e)
        {
            output.WriteLine($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return e;
        }

        throw new InvalidOperationException("The compile succeeded without the framework's assemblies.");
    }
}
