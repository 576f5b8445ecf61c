using System.Diagnostics;
using KernelGen;

namespace DigitsLvq.Tests;

/// <summary>
/// The kernels of <paramref name="inner"/>, recording what a trainer passes them: the rows of each class call, and for
/// each whole call the prototypes it saw, the class calls made since the previous whole call, and the length of the
/// gradient it was asked to write (none for the loss-only overload); the σ of every diversity call; and what each
/// soft-threshold prox wrote. With
/// <paramref name="classRows"/>, the class calls write that value into every gradient row instead of the class's rows,
/// so that what a trainer does with them can be read off the prototypes; <paramref name="wholeRows"/> does the same for
/// the whole call's gradient. With <paramref name="classCallTime"/> and
/// <paramref name="wholeCallTime"/>, each class call and each whole call takes at least that long, and with
/// <paramref name="proxTime"/> each soft-threshold prox, so that a trainer's timings can be told apart.
/// </summary>
internal sealed class RecordingRegularizer(PrototypeRegularizer<float> inner, float? classRows = null, TimeSpan classCallTime = default, TimeSpan wholeCallTime = default, float? wholeRows = null, TimeSpan proxTime = default)
    : PrototypeRegularizer<float>(inner.NClasses, inner.MaxPerClass, inner.Features, inner.Epsilon, inner.Parallel)
{
    private readonly List<float[]> _pendingClassCalls = [];

    /// <summary>
    /// One entry per whole call: the prototypes it was given, the rows of the class calls before it, and the length of
    /// the gradient it was given, null when it was asked for the loss alone.
    /// </summary>
    public List<(float[] Prototypes, float[][] ClassCalls, int? GradientLength)> WholeCalls { get; } = [];

    /// <summary>The loss each whole call returned, in order.</summary>
    public List<float> WholeCallLosses { get; } = [];

    /// <summary>The σ each diversity call, class or whole, was given, in order.</summary>
    public List<float> Sigmas { get; } = [];

    /// <summary>The relevances each soft-threshold prox wrote, in order.</summary>
    public List<float[]> ProxOutputs { get; } = [];

    public override RegularizerEngine Engine => inner.Engine;

    public override float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, float sigmaDiv)
    {
        Sigmas.Add(sigmaDiv);
        Record(prototypes, gradientLength: null);
        Wait(wholeCallTime);
        float loss = inner.PrototypeDiversityLoss(prototypes, protoLabels, sigmaDiv);
        WholeCallLosses.Add(loss);
        return loss;
    }

    public override float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, Span<float> gradient, float sigmaDiv)
    {
        Sigmas.Add(sigmaDiv);
        Record(prototypes, gradient.Length);
        Wait(wholeCallTime);
        float loss = inner.PrototypeDiversityLoss(prototypes, protoLabels, gradient, sigmaDiv);
        if (wholeRows is float value) gradient.Fill(value);
        WholeCallLosses.Add(loss);
        return loss;
    }

    public override float ClassDiversityLoss(ReadOnlySpan<float> classPrototypes, float sigmaDiv)
    {
        Sigmas.Add(sigmaDiv);
        _pendingClassCalls.Add(classPrototypes.ToArray());
        Wait(classCallTime);
        return inner.ClassDiversityLoss(classPrototypes, sigmaDiv);
    }

    public override float ClassDiversityLoss(ReadOnlySpan<float> classPrototypes, Span<float> classGradient, float sigmaDiv)
    {
        Sigmas.Add(sigmaDiv);
        _pendingClassCalls.Add(classPrototypes.ToArray());
        Wait(classCallTime);
        float term = inner.ClassDiversityLoss(classPrototypes, classGradient, sigmaDiv);
        if (classRows is float value) classGradient.Fill(value);
        return term;
    }

    public override int SparseRelevanceProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float lr)
    {
        Wait(proxTime);
        int nonZero = inner.SparseRelevanceProximal(relevances, destination, l1Weight, lr);
        ProxOutputs.Add(destination.ToArray());
        return nonZero;
    }

    public override int ElasticNetProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float l2Weight, float lr) =>
        inner.ElasticNetProximal(relevances, destination, l1Weight, l2Weight, lr);

    // Spins rather than sleeps: Thread.Sleep counts whole milliseconds, so a tenth of one would not wait at all.
    private static void Wait(TimeSpan time)
    {
        long end = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
        }
    }

    /// <summary>
    /// Each step's prototypes before and after it: a trainer's step makes its diversity calls on the prototypes it
    /// starts from, and the next step's whole call (or, after the last step, the trained model) sees them after it.
    /// </summary>
    public IEnumerable<(int Step, float[] Before, float[] After)> Steps(float[] final) =>
        WholeCalls.Select((call, step) => (step, call.Prototypes, step + 1 < WholeCalls.Count ? WholeCalls[step + 1].Prototypes : final));

    /// <summary>
    /// Over the steps after the first, the prototype entries whose pixel the previous step's prox zeroed (λ = 0 there
    /// for the step): how many there were, and the first of them that the step moved (null when none did).
    /// </summary>
    public (int Pruned, string? FirstMoved) PrunedEntries(float[] final, int features)
    {
        int pruned = 0;
        foreach (var (step, before, after) in Steps(final).Skip(1))
        {
            float[] relevances = ProxOutputs[step - 1];
            for (int k = 0; k < before.Length; k++)
            {
                if (relevances[k % features] != 0f)
                {
                    continue;
                }

                pruned++;
                if (after[k] != before[k])
                {
                    return (pruned, $"step {step}: pixel {k % features} of row {k / features} moved, but its relevance is 0");
                }
            }
        }

        return (pruned, null);
    }

    private void Record(ReadOnlySpan<float> prototypes, int? gradientLength)
    {
        WholeCalls.Add((prototypes.ToArray(), [.. _pendingClassCalls], gradientLength));
        _pendingClassCalls.Clear();
    }
}
