using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KernelGen.Benchmarks;

/// <summary>
/// What a user pays at build time, end to end: a consumer console project rebuilt with <c>dotnet build</c> after a
/// one-line edit, with no <c>[Shapes]</c> class, one <c>[Shapes(4, 3, 64)]</c>, and the 100-shape mix of
/// <see cref="BuildCost"/>. Uses the built runtime library and generator (Release). Each is rebuilt twice per round:
/// with the compiler server (<c>dotnet build</c>'s default, warm after the first build, as an edit-build loop has it)
/// and without it (<c>UseSharedCompilation=false</c>, as this machine's environment sets it for every build: a fresh
/// compiler process per build). The added time is the median over rounds of the rebuild's time minus the empty project's in
/// the same round and mode: paired within a round, the machine's drift (it is shared) cancels.
/// </summary>
internal static class ConsumerRebuild
{
    private const int Rebuilds = 9;

    public static int Measure()
    {
        string root = FindRepository();
        string runtime = Path.Combine(root, "src", "KernelGen", "bin", "Release", "net10.0", "KernelGen.dll");
        string generator = Path.Combine(root, "generators", "KernelGen.Generators", "bin", "Release", "netstandard2.0", "KernelGen.Generators.dll");
        if (!File.Exists(runtime) || !File.Exists(generator))
        {
            Console.Error.WriteLine($"Build the solution in Release first ({runtime}, {generator}).");
            return 1;
        }

        var variants = new (string Name, string Shapes)[]
        {
            ("no [Shapes]", ""),
            ("one [Shapes(4, 3, 64)]", "[Shapes(4, 3, 64)] public static partial class Shape0 { }\n"),
            ("100 mixed [Shapes]", BuildCost.MixedShapes()),
        };

        // The variants are rebuilt in turn, round after round, so drift in the machine's speed (it is shared) hits
        // all three alike; each variant's figure is its median.
        // An explicit property in both modes: the environment variable UseSharedCompilation (set on this machine)
        // would otherwise decide the first mode silently.
        var modes = new (string Name, string Property)[]
        {
            ("compiler server", "-p:UseSharedCompilation=true"),
            ("no compiler server", "-p:UseSharedCompilation=false"),
        };

        var directories = variants.Select(v => CreateProject(runtime, generator, v.Shapes)).ToArray();
        var times = modes.Select(_ => variants.Select(_ => new List<double>()).ToArray()).ToArray();
        foreach (string dir in directories)
        {
            Run(dir, "build " + modes[0].Property);
        }

        int edit = 2;
        for (int i = 0; i < Rebuilds; i++)
        {
            for (int m = 0; m < modes.Length; m++)
            {
                for (int v = 0; v < variants.Length; v++)
                {
                    File.AppendAllText(Path.Combine(directories[v], "Program.cs"), $"Console.WriteLine({edit++});\n");
                    var watch = Stopwatch.StartNew();
                    Run(directories[v], "build --no-restore " + modes[m].Property);
                    times[m][v].Add(watch.Elapsed.TotalSeconds);
                }
            }
        }

        Console.WriteLine($"UseSharedCompilation in the environment: {Environment.GetEnvironmentVariable("UseSharedCompilation") ?? "(not set)"}");
        for (int m = 0; m < modes.Length; m++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                double median = Median(times[m][v]);
                var added = times[m][v].Select((t, round) => t - times[m][0][round]).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"consumer rebuild after a one-line edit, {modes[m].Name}, {variants[v].Name}: median {median:F2} s over {Rebuilds} (range {times[m][v].Min():F2}–{times[m][v].Max():F2} s); added, paired by round: median {Median(added):+0.00;-0.00} s (range {added.Min():+0.00;-0.00} to {added.Max():+0.00;-0.00} s)"));
            }
        }

        foreach (string dir in directories)
        {
            Directory.Delete(dir, recursive: true);
        }

        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string CreateProject(string runtime, string generator, string shapes)
    {
        string dir = Path.Combine(Path.GetTempPath(), "kernelgen-rebuild-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <!-- What the KernelGen package brings: the runtime library, its one dependency, the generator. -->
                <Reference Include="KernelGen" HintPath="{runtime}" />
                <PackageReference Include="System.Numerics.Tensors" Version="{typeof(System.Numerics.Tensors.Tensor).Assembly.GetName().Version!.ToString(3)}" />
                <Analyzer Include="{generator}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Shapes.cs"), "using KernelGen;\nnamespace Consumer;\n" + shapes);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "Console.WriteLine(1);\n");
        return dir;
    }

    private static void Run(string directory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments + " -nologo -v q") { WorkingDirectory = directory, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {arguments} failed in {directory}:\n{output}");
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KernelGen.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("KernelGen.sln not found above " + AppContext.BaseDirectory);
    }
}
