using KernelGen;
using System.Diagnostics;

namespace DigitsLvq;

/// <summary>What one epoch did, for progress output.</summary>
/// <param name="KernelMicroseconds">The regularizer kernels' time per step: mini-batch, the diversity call and the prox; online, the two class calls alone (the prox is not timed).</param>
/// <param name="WholeCallMicroseconds">Online only: the time per step of the whole diversity call, made beside the class calls for comparison.</param>
public sealed record EpochReport(int Epoch, int Epochs, double Cost, double Diversity, double TrainAccuracy, int NonZero, double KernelMicroseconds, double? WholeCallMicroseconds = null);

/// <summary>The trained model and the number of steps that trained it; the kernels' time is in each epoch's <see cref="EpochReport"/>.</summary>
public sealed record TrainingResult(GrlvqModel Model, int Steps);

/// <summary>
/// Mini-batch proximal gradient descent on mean μ + α·diversity, μ = (d⁺ − d⁻)/(d⁺ + d⁻): a gradient step on the
/// prototypes and r, then the soft-threshold prox on r, which leaves exact zeros. The diversity loss, its gradient
/// and the prox come from a <see cref="PrototypeRegularizer{T}"/>: by default the <see cref="DigitsShape"/> kernels
/// generated at compile time, or any other engine of the same shape.
/// </summary>
public static class GrlvqTrainer
{
    private const int F = GrlvqModel.Features;

    public static TrainingResult Train(DigitsData train, TrainingOptions options, Action<EpochReport>? progress = null, PrototypeRegularizer<float>? kernels = null)
    {
        kernels ??= DigitsShape.Regularizer;
        var random = new Random(options.Seed);
        GrlvqModel model = Initialise(train, random);
        float[] w = model.Prototypes, r = model.Relevances;
        int[] labels = model.Labels;

        float[] gradW = new float[w.Length], gradDiversity = new float[w.Length], gradR = new float[F];
        float[] lambda = new float[F];
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        int steps = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double costSum = 0, diversitySum = 0;
            int batches = 0;
            long epochKernelTicks = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int end = Math.Min(order.Length, start + options.BatchSize);
                Array.Clear(gradW);
                Array.Clear(gradR);
                float s = UpdateLambda(r, lambda);
                double cost = 0;
                for (int b = start; b < end; b++)
                {
                    int i = order[b];
                    cost += AccumulateSample(train.Sample(i), train.Y[i], w, labels, lambda, r, s, gradW, gradR).Mu;
                }

                float inv = 1f / (end - start);
                costSum += cost * inv;

                // The regularizer kernels: diversity loss and gradient on the prototypes (timed).
                long t0 = Stopwatch.GetTimestamp();
                float diversity = 0;
                if (options.Diversity)
                {
                    diversity = kernels.PrototypeDiversityLoss(w, labels, gradDiversity, options.Sigma);
                }

                long t1 = Stopwatch.GetTimestamp();
                diversitySum += diversity;

                for (int k = 0; k < w.Length; k++)
                {
                    w[k] -= options.LearningRate * (gradW[k] * inv + (options.Diversity ? options.Alpha * gradDiversity[k] : 0f));
                }

                for (int j = 0; j < F; j++)
                {
                    r[j] -= options.RelevanceLearningRate * gradR[j] * inv;
                }

                // Proximal step: exact zeros for small relevances (timed with the diversity kernel).
                long t2 = Stopwatch.GetTimestamp();
                int nonZero = kernels.SparseRelevanceProximal(r, options.L1, options.RelevanceLearningRate);
                long t3 = Stopwatch.GetTimestamp();
                epochKernelTicks += (t1 - t0) + (t3 - t2);

                if (nonZero > 0) KeepUnitNorm(r);

                batches++;
                steps++;
            }

            progress?.Invoke(new EpochReport(epoch, options.Epochs, costSum / batches, diversitySum / batches,
                model.Accuracy(train), model.NonZeroRelevances, Microseconds(epochKernelTicks) / batches));
        }

        return new TrainingResult(model, steps);
    }

    /// <summary>Three prototypes per class at the class mean plus small noise; r uniform with ‖r‖ = 1.</summary>
    internal static GrlvqModel Initialise(DigitsData train, Random random)
    {
        int p = DigitsData.Classes * GrlvqModel.PerClass;
        var w = new float[p * F];
        var labels = new int[p];
        for (int c = 0; c < DigitsData.Classes; c++)
        {
            var mean = new double[F];
            int n = 0;
            for (int i = 0; i < train.Count; i++)
            {
                if (train.Y[i] != c) continue;
                n++;
                ReadOnlySpan<float> x = train.Sample(i);
                for (int j = 0; j < F; j++) mean[j] += x[j];
            }

            for (int k = 0; k < GrlvqModel.PerClass; k++)
            {
                int row = c * GrlvqModel.PerClass + k;
                labels[row] = c;
                for (int j = 0; j < F; j++)
                {
                    w[row * F + j] = (float)(mean[j] / Math.Max(n, 1) + 0.01 * (random.NextDouble() - 0.5));
                }
            }
        }

        var r = Enumerable.Repeat(1f / MathF.Sqrt(F), F).ToArray();
        return new GrlvqModel(w, labels, r);
    }

    /// <summary>
    /// Rescales r to ‖r‖ = 1. λ does not depend on the scale of r, and at unit norm the L1 threshold stays relative to
    /// it; an L2 weight would only rescale r, which this undoes (so the trainers take none).
    /// </summary>
    internal static void KeepUnitNorm(float[] r)
    {
        float norm = MathF.Sqrt(r.Sum(v => v * v));
        for (int j = 0; j < r.Length; j++) r[j] /= norm;
    }

    internal static float UpdateLambda(float[] r, float[] lambda)
    {
        float s = 0;
        for (int j = 0; j < F; j++) s += r[j] * r[j];
        // At unit norm (or all zero, after a prox that zeroed every relevance) s is finite exactly when every r_j is.
        if (!float.IsFinite(s)) throw new TrainingDivergedException("the relevances are no longer finite numbers");
        for (int j = 0; j < F; j++) lambda[j] = s > 0 ? r[j] * r[j] / s : 0;
        return s;
    }

    /// <summary>μ for one sample and its winners w⁺ and w⁻ (rows), adding its gradient with respect to them and r.</summary>
    internal static (double Mu, int Plus, int Minus) AccumulateSample(ReadOnlySpan<float> x, int y, float[] w, int[] labels, float[] lambda, float[] r, float s,
        float[] gradW, float[] gradR)
    {
        int plus = -1, minus = -1;
        float dPlus = float.PositiveInfinity, dMinus = float.PositiveInfinity;
        for (int k = 0; k < labels.Length; k++)
        {
            float d = GrlvqModel.Distance(x, w.AsSpan(k * F, F), lambda);
            if (labels[k] == y)
            {
                if (d < dPlus) { dPlus = d; plus = k; }
            }
            else if (d < dMinus)
            {
                dMinus = d;
                minus = k;
            }
        }

        if (plus < 0 || minus < 0)
        {
            // Every distance to that side's prototypes is NaN or has overflowed to +∞.
            throw new TrainingDivergedException($"no prototype {(plus < 0 ? $"of the sample's class {y}" : "of another class")} is at a finite distance from a training sample");
        }

        float sum = dPlus + dMinus;
        if (sum <= 0) return (0, plus, minus);
        float mu = (dPlus - dMinus) / sum;
        float gPlus = 2 * dMinus / (sum * sum), gMinus = -2 * dPlus / (sum * sum);
        AddWinner(x, w, plus, dPlus, gPlus, lambda, r, s, gradW, gradR);
        AddWinner(x, w, minus, dMinus, gMinus, lambda, r, s, gradW, gradR);
        return (mu, plus, minus);
    }

    /// <summary>∂d/∂w = −2λ⊙(x − w); ∂d/∂r_k = (2 r_k / Σr²)·((x_k − w_k)² − d).</summary>
    internal static void AddWinner(ReadOnlySpan<float> x, float[] w, int k, float d, float g, float[] lambda, float[] r, float s,
        float[] gradW, float[] gradR)
    {
        int row = k * F;
        for (int j = 0; j < F; j++)
        {
            float t = x[j] - w[row + j];
            gradW[row + j] += g * -2 * lambda[j] * t;
            if (s > 0) gradR[j] += g * 2 * r[j] / s * (t * t - d);
        }
    }

    internal static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
