using System.Diagnostics;
using KernelGen.Testing;

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

        Assert.Equal(3, lines.Length);
        Assert.All(lines[..2], line => Assert.StartsWith("InvalidOperationException: KernelGen could not compile Shape4x3x64f_", line, StringComparison.Ordinal));
        Assert.Equal("second call compiled again: True", lines[2]);
    }
}
