using System.Diagnostics;
using KernelGen;

namespace DigitsLvq;

/// <summary>
/// GRLVQ one sample at a time, as a model that keeps learning from a stream would train: each step moves the sample's
/// w⁺ (nearest prototype of its class) and w⁻ (nearest prototype of another class), takes the diversity step for
/// the two classes they belong to through the class kernels (<see cref="PrototypeRegularizer{T}.ClassDiversityLoss(ReadOnlySpan{T}, Span{T}, T)"/>),
/// and applies the soft-threshold prox to r. No other prototype changes, so no other class's diversity term does.
/// </summary>
/// <remarks>
/// <para>Step sizes follow the mini-batch trainer's per sample: a mini-batch step moves by lr × the batch's mean
/// gradient, so each sample's gradient by lr / batch; here each step does the same, and the prox's step is
/// relevance-lr / batch, so an epoch shrinks r as far as the mini-batch epoch does. The diversity step is scaled by
/// classes / 2: a mini-batch step moves every class, a step here only two, so each class gets as much diversity
/// push per epoch on average.</para>
/// <para>Beside the two class calls each step also makes the whole call (every class's term and gradient), whose
/// loss is the epoch's reported diversity and whose time is the comparison: what a trainer without class kernels
/// would pay per step.</para>
/// </remarks>
public static class OnlineTrainer
{
    private const int F = GrlvqModel.Features;
    private const int PerClass = GrlvqModel.PerClass;

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> passes over <paramref name="train"/>, one step per sample.</summary>
    /// <returns>The model and the number of steps.</returns>
    public static TrainingResult Train(DigitsData train, TrainingOptions options, Action<EpochReport>? progress = null, PrototypeRegularizer<float>? kernels = null)
    {
        kernels ??= DigitsShape.Regularizer;
        var random = new Random(options.Seed);
        GrlvqModel model = GrlvqTrainer.Initialise(train, random);
        float[] w = model.Prototypes, r = model.Relevances;
        int[] labels = model.Labels;
        float lr = options.LearningRate / options.BatchSize, relevanceLr = options.RelevanceLearningRate / options.BatchSize;
        float diversityLr = lr * options.Alpha * DigitsData.Classes / 2;

        float[] gradW = new float[w.Length], gradR = new float[F], lambda = new float[F];
        // The class calls write each class's rows where the whole call would put them, so a class's rows of w, of the
        // sample's gradient and of the diversity gradient share one offset. Only the rows of the two classes a step
        // moves are fresh, and only those are read; the rest hold earlier steps' rows.
        float[] gradDiversity = new float[w.Length], gradWhole = new float[w.Length];
        float[]? stepDiversity = options.Diversity ? gradDiversity : null;
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        int steps = 0;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double costSum = 0, diversitySum = 0;
            long epochClassTicks = 0, epochWholeTicks = 0;
            foreach (int i in order)
            {
                float s = GrlvqTrainer.UpdateLambda(r, lambda);
                Array.Clear(gradR);
                var (mu, plus, minus) = GrlvqTrainer.AccumulateSample(train.Sample(i), train.Y[i], w, labels, lambda, r, s, gradW, gradR);
                costSum += mu;
                // Class c owns the PerClass rows from row c × PerClass (Initialise's class-major labels): the class calls
                // and Step slice there. With labels in another order, use ClassDiversityLossAt with the class's row indices.
                int classPlus = labels[plus], classMinus = labels[minus];

                if (options.Diversity)
                {
                    // The two classes the step moves, each its own slice of the class-major prototypes (timed).
                    long t0 = Stopwatch.GetTimestamp();
                    ClassDiversity(kernels, w, gradDiversity, classPlus, options.Sigma);
                    ClassDiversity(kernels, w, gradDiversity, classMinus, options.Sigma);
                    long t1 = Stopwatch.GetTimestamp();
                    diversitySum += kernels.PrototypeDiversityLoss(w, labels, gradWhole, options.Sigma);
                    long t2 = Stopwatch.GetTimestamp();
                    epochClassTicks += t1 - t0;
                    epochWholeTicks += t2 - t1;
                }

                Step(w, gradW, stepDiversity, classPlus, lr, diversityLr);
                Step(w, gradW, stepDiversity, classMinus, lr, diversityLr);

                for (int j = 0; j < F; j++)
                {
                    r[j] -= relevanceLr * gradR[j];
                }

                int nonZero = kernels.SparseRelevanceProximal(r, options.L1, relevanceLr);
                if (nonZero > 0) GrlvqTrainer.KeepUnitNorm(r);

                steps++;
            }

            progress?.Invoke(new EpochReport(epoch, options.Epochs, costSum / order.Length, diversitySum / order.Length,
                model.Accuracy(train), model.NonZeroRelevances, GrlvqTrainer.Microseconds(epochClassTicks) / order.Length,
                GrlvqTrainer.Microseconds(epochWholeTicks) / order.Length));
        }

        return new TrainingResult(model, steps);
    }

    /// <summary>
    /// Class <paramref name="c"/>'s diversity term, writing its gradient rows into the same rows of
    /// <paramref name="gradient"/> (shaped like the prototypes, as the whole call's): the class's rows of the
    /// class-major prototypes, and of the gradient, passed as their own slices. Other rows are left as they are.
    /// </summary>
    public static float ClassDiversity(PrototypeRegularizer<float> kernels, float[] prototypes, float[] gradient, int c, float sigma) =>
        kernels.ClassDiversityLoss(prototypes.AsSpan(c * PerClass * F, PerClass * F), gradient.AsSpan(c * PerClass * F, PerClass * F), sigma);

    /// <summary>
    /// Moves class <paramref name="c"/>'s rows by the sample's gradient (non-zero only on its winner) and, unless
    /// <paramref name="gradDiversity"/> is null, the class's diversity rows, then clears the sample's gradient there for
    /// the next step. No other row changes.
    /// </summary>
    internal static void Step(float[] w, float[] gradW, float[]? gradDiversity, int c, float lr, float diversityLr)
    {
        int start = c * PerClass * F;
        for (int k = start; k < start + PerClass * F; k++)
        {
            w[k] -= lr * gradW[k] + (gradDiversity is null ? 0f : diversityLr * gradDiversity[k]);
            gradW[k] = 0;
        }
    }
}
