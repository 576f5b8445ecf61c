using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using KernelGen.Internal;

namespace KernelGen.Benchmarks;

/// <summary>
/// Latency of the links in a loss call's dependency chain (distance sums → exp → LDLᵀ → product → log), each
/// measured as 16 dependent calls. Each invocation starts from the previous one's result (stored in a field), so
/// invocations cannot overlap either and the time is pure latency: divide the mean by 16 for one link.
/// </summary>
public class LatencyBenchmarks
{
    private Vector256<double> _x = Vector256.Create(0.3, 1.7, 5.2, 12.9);
    private Vector256<double> _e = Vector256.Create(0.3, 1.7, 5.2, 12.9);
    private double _y = 0.73;

    /// <summary>16 dependent fused multiply-adds on Vector256&lt;double&gt;: the unit every other link is made of.</summary>
    [Benchmark(Baseline = true)]
    public Vector256<double> FusedMultiplyAdd16()
    {
        Vector256<double> v = _x, a = Vector256.Create(0.999);
        for (int i = 0; i < 16; i++)
        {
            v = Vector256.FusedMultiplyAdd(v, a, a);
        }

        return _x = v;
    }

    /// <summary>16 dependent exp(−x) on four doubles with the kernels' own exp, as a block computes its kernel entries.</summary>
    [Benchmark]
    public Vector256<double> Exp16()
    {
        Vector256<double> v = _e;
        for (int i = 0; i < 16; i++)
        {
            v = SimdMath.NegExp(v);
        }

        return _e = v;
    }

    /// <summary>16 dependent logs of a scalar, as the call ends (the +2 keeps the argument away from 1 and 0).</summary>
    [Benchmark]
    public double Log16()
    {
        double v = _y;
        for (int i = 0; i < 16; i++)
        {
            v = ManagedMath.Log(v + 2);
        }

        return _y = v;
    }
}
