using System.Diagnostics;
using System.Globalization;

namespace KernelGen.Testing;

/// <summary>A process a test starts and reads to its end: for what a process fixes once, at start (core count, runtimeconfig switches).</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> in a process that sees <paramref name="cores"/> cores, whatever
    /// this machine has, as <see cref="OutputLines(ProcessStartInfo)"/> does.
    /// </summary>
    public static string[] OutputLines(IEnumerable<string> arguments, int cores)
    {
        var start = new ProcessStartInfo("dotnet", arguments);
        start.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString(CultureInfo.InvariantCulture);
        return OutputLines(start);
    }

    /// <summary>Runs <paramref name="start"/> to its end and returns its output's non-empty lines; any exit code but 0 fails the test with its error output.</summary>
    public static string[] OutputLines(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using Process process = Process.Start(start)!;

        // Both streams read at once: a child that fills the error pipe while this reads its output would wait forever.
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Xunit.Assert.True(process.ExitCode == 0, $"{start.FileName} {string.Join(' ', start.ArgumentList.Select(Path.GetFileName))} exited with {process.ExitCode}: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
