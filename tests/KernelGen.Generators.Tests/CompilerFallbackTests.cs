using System.Diagnostics;
using System.Text.Json.Nodes;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Where dynamic code is not supported (NativeAOT), or the compiler's switch is off (the package's build file turns it
/// off in a trimmed app), <c>KernelCompiler.Compile</c> returns the reference engine for the shape and options asked
/// for, and says so. A process reads both switches once, at start, from its runtimeconfig: this runs the test assembly
/// as a program under a copy of its runtimeconfig with one switch turned off.
/// </summary>
public class CompilerFallbackTests
{
    [Theory]
    [InlineData("System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported", "dynamic code supported: False, compiler switch: True")]
    [InlineData(CompilerFallback.CompilerSwitch, "dynamic code supported: True, compiler switch: False")]
    public void With_a_switch_off_the_compiler_returns_the_reference_engine_with_the_shape_and_options_asked_for(string switchName, string switches)
    {
        string[] lines = RunWithSwitchOff(switchName);

        Assert.Equal(
        [
            // Without this line the rest would prove nothing: the switch must have reached the process.
            switches,
            "Single 4x3x64 epsilon 1E-06 parallel False: Reference, compiled False, cached True, reference's bits True",
            "Double 40x12x16 epsilon 0.001 parallel True: Reference, compiled False, cached True, reference's bits True",
            // Two threads that ask for a new shape at the same instant share the cache's one entry: one engine a shape.
            $"raced shapes given two engines: 0 of {CompilerFallback.RacedShapes}",
        ], lines);
    }

    private static string[] RunWithSwitchOff(string switchName)
    {
        string assembly = typeof(CompilerFallbackTests).Assembly.Location;
        string directory = Path.GetDirectoryName(assembly)!;
        string name = Path.GetFileNameWithoutExtension(assembly);
        JsonNode config = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, name + ".runtimeconfig.json")))!;
        JsonObject properties = config["runtimeOptions"]!["configProperties"] as JsonObject ?? [];
        properties[switchName] = false;
        config["runtimeOptions"]!["configProperties"] = properties;

        string runtimeConfig = Path.Combine(Path.GetTempPath(), $"{name}.{Guid.NewGuid():N}.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, config.ToJsonString());
        try
        {
            return ChildProcess.OutputLines(new ProcessStartInfo("dotnet",
                ["exec", "--runtimeconfig", runtimeConfig, "--depsfile", Path.Combine(directory, name + ".deps.json"), assembly, CompilerFallback.Argument]));
        }
        finally
        {
            File.Delete(runtimeConfig);
        }
    }
}
