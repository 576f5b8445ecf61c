using System.Diagnostics;

namespace KernelGen.Generators.Tests;

/// <summary>
/// A compile that fails throws the compiler's errors to the caller and is not cached: the next call for the same shape
/// compiles again rather than throwing the first failure forever.
/// </summary>
public class CompilerFailureTests
{
    [Fact]
    public void A_failed_compile_throws_each_time_it_is_asked_for_and_is_tried_again()
    {
        string assembly = typeof(CompilerFailureTests).Assembly.Location;

        string[] lines = ChildProcess.OutputLines(new ProcessStartInfo("dotnet", ["exec", assembly, CompilerFailure.Argument]));

        string failure = "InvalidOperationException: KernelGen could not compile Shape4x3x64f_3EB0C6F7A0B5ED8D:";
        Assert.Equal([failure, failure, "second call compiled again: True"], lines);
    }
}
