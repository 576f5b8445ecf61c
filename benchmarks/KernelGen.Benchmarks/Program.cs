using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace KernelGen.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project benchmarks/KernelGen.Benchmarks -- --filter '*'</c> runs every benchmark;
    /// <c>-- plot [results-dir]</c> draws docs/scaling.png from the scaling run; <c>-- plot-cores [results-dir]</c> draws
    /// docs/cores.png from the parallel run; <c>-- report [results-dir]</c> prints the
    /// goal ratios (of medians) from the CSV reports; <c>-- build-cost</c> times the generator and a consumer project's rebuild with 0, 1 and 100 shapes;
    /// <c>-- compile-latency</c> times the run-time compiler in a fresh process; <c>-- paired</c> measures the class
    /// kernels' ratios, the one-class floor's parts and the data's placement in alternating slices (<see cref="PairedRatios"/>).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "plot")
        {
            return ScalingPlot.Draw(args.Length > 1 ? args[1] : "BenchmarkDotNet.Artifacts/results", args.Length > 2 ? args[2] : "docs/scaling.png");
        }

        if (args.Length > 0 && args[0] == "plot-cores")
        {
            return CoresPlot.Draw(args.Length > 1 ? args[1] : "BenchmarkDotNet.Artifacts/results", args.Length > 2 ? args[2] : "docs/cores.png");
        }

        if (args.Length > 0 && args[0] == "build-cost")
        {
            return BuildCost.Measure() | ConsumerRebuild.Measure();
        }

        if (args.Length > 0 && args[0] == "compile-latency")
        {
            return CompileLatency.Measure();
        }

        if (args.Length > 0 && args[0] == "paired")
        {
            return PairedRatios.Measure();
        }

        if (args.Length > 0 && args[0] == "report")
        {
            return RatioReport.Print(args.Length > 1 ? args[1] : "BenchmarkDotNet.Artifacts/results");
        }

        // Medians next to means: the targets are ratios of medians from one run.
        var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
