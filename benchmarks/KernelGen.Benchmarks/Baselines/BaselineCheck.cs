using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// Checks in each benchmark's setup that the baselines compute what they claim, so a fast but wrong baseline can
/// never make it into a published ratio.
/// </summary>
internal static class BaselineCheck
{
    /// <summary>The floor's output, in whatever order it writes pairs, must be the same-class squared distances.</summary>
    public static void DistanceFloor(Problem problem, float[] distances)
    {
        Baselines.DistanceFloor.SquaredDistances(problem.Prototypes, problem.Count, problem.MaxPerClass, problem.Features, distances);
        var expected = new List<double>();
        for (int start = 0; start < problem.Count; start += problem.MaxPerClass)
        {
            int n = Math.Min(problem.MaxPerClass, problem.Count - start);
            for (int b = 1; b < n; b++)
            {
                for (int a = 0; a < b; a++)
                {
                    double sum = 0;
                    for (int f = 0; f < problem.Features; f++)
                    {
                        double t = (double)problem.Prototypes[(start + a) * problem.Features + f] - problem.Prototypes[(start + b) * problem.Features + f];
                        sum += t * t;
                    }

                    expected.Add(sum);
                }
            }
        }

        var actual = distances.Take(expected.Count).Select(d => (double)d).Order().ToArray();
        var sorted = expected.Order().ToArray();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (Math.Abs(actual[i] - sorted[i]) > 1e-5 * sorted[i] + 1e-6)
            {
                throw new InvalidOperationException($"DistanceFloor is wrong: {actual[i]} where {sorted[i]} was expected.");
            }
        }
    }

    /// <summary>The prosemble port (float32 throughout) must agree with the reference to float32 accuracy.</summary>
    public static void ProsemblePort(Problem problem)
    {
        float port = Baselines.ProsemblePort.Loss(problem.Prototypes, problem.Labels, 1f, problem.NClasses, problem.MaxPerClass);
        float reference = Regularizers.PrototypeDiversityLoss(problem.Prototypes, problem.Labels, 1f, problem.NClasses, problem.MaxPerClass);
        if (Math.Abs(port - reference) > 1e-3 * Math.Abs(reference) + 1e-3)
        {
            throw new InvalidOperationException($"ProsemblePort is wrong: {port} where the reference gives {reference}.");
        }
    }

    /// <summary>
    /// The one-class floor must write the generated class kernel's rows and term bit for bit (else it would not be a
    /// floor for the same arithmetic): on the benchmark's class and on random classes at three bandwidths and four
    /// spreads, the widest of which underflows exps and flushes coefficients. Without AVX-512 there is no floor to
    /// check, and only its own benchmark fails.
    /// </summary>
    public static void OneClassFloor(ReadOnlySpan<float> benchmarkClass)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        var random = new Random(7);
        float[] spreads = [0.01f, 1f, 3f, 30f];
        for (int trial = 0; trial < 48; trial++)
        {
            float spread = spreads[trial % spreads.Length];
            float[] rows = trial == 0 ? benchmarkClass.ToArray() : Enumerable.Range(0, 3 * 64).Select(_ => (float)(random.NextDouble() - 0.5) * spread).ToArray();
            float sigma = trial == 0 ? 1f : new[] { 0.5f, 1f, 2f }[trial / spreads.Length % 3];
            float[] expected = new float[rows.Length], actual = new float[rows.Length];
            float expectedTerm = Reg4x3x64f.ClassDiversityLoss(rows, expected, sigma);
            float actualTerm = Baselines.OneClassFloor.LossAndGradient(rows, actual, sigma);
            if (BitConverter.SingleToInt32Bits(expectedTerm) != BitConverter.SingleToInt32Bits(actualTerm)
                || !MemoryMarshal.Cast<float, int>(expected).SequenceEqual(MemoryMarshal.Cast<float, int>(actual)))
            {
                throw new InvalidOperationException($"OneClassFloor differs from the generated class kernel (trial {trial}, spread {spread}, σ = {sigma}).");
            }
        }
    }
}
