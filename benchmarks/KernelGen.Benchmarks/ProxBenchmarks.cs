using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace KernelGen.Benchmarks;

/// <summary>
/// The elastic-net prox on 64, 12×64 and 1000×512 floats: the generated fused pass, a TensorPrimitives
/// composition (five passes), a plain scalar loop, and TensorPrimitives.Abs over the same length as the
/// single-pass floor.
/// </summary>
[MemoryDiagnoser]
public class ProxBenchmarks
{
    private const float L1 = 0.05f, L2 = 0.1f, Lr = 0.5f;
    private float[] _x = null!, _y = null!, _tmp = null!;

    [Params(64, 768, 512_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _x = Enumerable.Range(0, Length).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        _y = new float[Length];
        _tmp = new float[Length];
    }

    [Benchmark(Baseline = true)]
    public void AbsFloor() => TensorPrimitives.Abs(_x, _y);

    [Benchmark]
    public int Generated() => Length == 512_000
        ? Reg1000x8x512f.ElasticNetProximal(_x, _y, L1, L2, Lr)
        : Reg4x3x64f.ElasticNetProximal(_x, _y, L1, L2, Lr);

    [Benchmark]
    public int Reference() => Regularizers.ElasticNetProximal(_x, _y, L1, L2, Lr);

    [Benchmark]
    public void TensorPrimitivesComposition()
    {
        // sign(x)·max(|x| − t, 0)/(1 + b), one operation per pass.
        TensorPrimitives.Abs(_x, _tmp);
        TensorPrimitives.Subtract(_tmp, L1 * Lr, _tmp);
        TensorPrimitives.Max(_tmp, 0f, _tmp);
        TensorPrimitives.CopySign(_tmp, _x, _tmp);
        TensorPrimitives.Divide(_tmp, 1 + L2 * Lr, _y);
    }

    [Benchmark]
    public int ScalarLoop()
    {
        float t = L1 * Lr, d = 1 + L2 * Lr;
        int nonZero = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            float a = MathF.Abs(_x[i]);
            float y = a <= t ? 0 : MathF.CopySign(a - t, _x[i]) / d;
            _y[i] = y;
            if (y != 0) nonZero++;
        }

        return nonZero;
    }
}
