using BenchmarkDotNet.Attributes;
using KernelGen.Benchmarks.Baselines;

namespace KernelGen.Benchmarks;

/// <summary>The diversity loss per shape: generated kernel, reference, prosemble port and the distance floor, in one run.</summary>
[MemoryDiagnoser]
public class DiversityBenchmarks
{
    private Problem _problem = null!;
    private float[] _distances = null!;

    [Params("4x3x64f", "10x3x64f", "100x8x256f", "4x3x64d")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _problem = Shape switch
        {
            "4x3x64f" or "4x3x64d" => new Problem(4, 3, 64),
            "10x3x64f" => new Problem(10, 3, 64),
            "100x8x256f" => new Problem(100, 8, 256),
            _ => throw new ArgumentOutOfRangeException(nameof(Shape)),
        };
        _distances = new float[_problem.NClasses * _problem.MaxPerClass * _problem.MaxPerClass];
        BaselineCheck.DistanceFloor(_problem, _distances);
        BaselineCheck.ProsemblePort(_problem);
    }

    [Benchmark(Baseline = true)]
    public float DistanceFloor()
    {
        Baselines.DistanceFloor.SquaredDistances(_problem.Prototypes, _problem.Count, _problem.MaxPerClass, _problem.Features, _distances);
        return _distances[0];
    }

    [Benchmark]
    public double Generated() => Shape switch
    {
        "4x3x64f" => Reg4x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        "10x3x64f" => Reg10x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        "100x8x256f" => Reg100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels),
        _ => Reg4x3x64d.PrototypeDiversityLoss(_problem.PrototypesDouble, _problem.Labels),
    };

    [Benchmark]
    public double GeneratedWithGradient() => Shape switch
    {
        "4x3x64f" => Reg4x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient),
        "10x3x64f" => Reg10x3x64f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient),
        "100x8x256f" => Reg100x8x256f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient),
        _ => Reg4x3x64d.PrototypeDiversityLoss(_problem.PrototypesDouble, _problem.Labels, _problem.GradientDouble),
    };

    [Benchmark]
    public double Reference() => Shape.EndsWith('d')
        ? Regularizers.PrototypeDiversityLoss(_problem.PrototypesDouble, _problem.Labels, 1.0, _problem.NClasses, _problem.MaxPerClass)
        : Regularizers.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, 1f, _problem.NClasses, _problem.MaxPerClass);

    [Benchmark]
    public double ReferenceWithGradient() => Shape.EndsWith('d')
        ? Regularizers.PrototypeDiversityLoss(_problem.PrototypesDouble, _problem.Labels, _problem.GradientDouble, 1.0, _problem.NClasses, _problem.MaxPerClass)
        : Regularizers.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient, 1f, _problem.NClasses, _problem.MaxPerClass);

    [Benchmark]
    public double ProsemblePort() => Baselines.ProsemblePort.Loss(_problem.Prototypes, _problem.Labels, 1f, _problem.NClasses, _problem.MaxPerClass);
}

/// <summary>1000 × 8 × 512: generated and reference only (the prosemble port's P×P×F tensor would be 33 GB).</summary>
[MemoryDiagnoser]
public class LargeShapeBenchmarks
{
    private readonly Problem _problem = new(1000, 8, 512);
    private readonly float[] _distances = new float[1000 * 64];

    [GlobalSetup]
    public void Setup() => BaselineCheck.DistanceFloor(_problem, _distances);

    [Benchmark(Baseline = true)]
    public float DistanceFloor()
    {
        Baselines.DistanceFloor.SquaredDistances(_problem.Prototypes, _problem.Count, 8, 512, _distances);
        return _distances[0];
    }

    [Benchmark]
    public float Generated() => Reg1000x8x512f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels);

    [Benchmark]
    public float GeneratedWithGradient() => Reg1000x8x512f.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient);

    [Benchmark]
    public float Reference() => Regularizers.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, 1f, 1000, 8);

    [Benchmark]
    public float ReferenceWithGradient() => Regularizers.PrototypeDiversityLoss(_problem.Prototypes, _problem.Labels, _problem.Gradient, 1f, 1000, 8);
}
