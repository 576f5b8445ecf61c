using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>The generated kernels reject bad input like the reference: same ParamName, nothing written.</summary>
public class GeneratedValidationTests
{
    private const float Sentinel = -777f;

    public static TheoryData<string, string> BadCalls() => new()
    {
        { "prototypes", "prototypes not P × Features" },
        { "prototypes", "prototypes of another feature count" },
        { "protoLabels", "more labels than MaxPrototypes" },
        { "protoLabels", "label ≥ NClasses" },
        { "protoLabels", "negative label" },
        { "protoLabels", "class over MaxPerClass" },
        { "sigmaDiv", "sigma 0" },
        { "sigmaDiv", "sigma NaN" },
        { "sigmaDiv", "sigma ∞" },
        { "gradient", "gradient too short" },
        { "relevances", "relevances not a multiple of Features" },
        { "relevances", "relevances empty" },
        { "relevances", "relevances longer than MaxPrototypes × Features" },
        { "destination", "destination too short" },
        { "destination", "destination overlaps partially" },
        { "l1Weight", "l1 negative" },
        { "l2Weight", "l2 NaN" },
        { "lr", "lr 0" },
        { "lr", "lr ∞" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Bad_input_names_the_parameter_and_writes_nothing(string param, string what)
    {
        const int F = Shape4x3x64f.Features;
        float[] w = Enumerable.Range(0, 6 * F).Select(i => (float)Math.Sin(i)).ToArray();
        int[] labels = [0, 0, 1, 1, 2, 3];
        float[] gradient = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        float[] relevances = Enumerable.Range(0, 2 * F).Select(i => i * 0.01f).ToArray();
        float[] relevancesBefore = (float[])relevances.Clone();
        float[] destination = Enumerable.Repeat(Sentinel, relevances.Length).ToArray();
        float[] big = new float[13 * F];

        Action call = what switch
        {
            "prototypes not P × Features" => () => Shape4x3x64f.PrototypeDiversityLoss(w.AsSpan(1), labels, gradient.AsSpan(1)),
            "prototypes of another feature count" => () => Shape4x3x64f.PrototypeDiversityLoss(w.AsSpan(0, 6 * 32), labels, 1f),
            "more labels than MaxPrototypes" => () => Shape4x3x64f.PrototypeDiversityLoss(new float[13 * F], new int[13], new float[13 * F]),
            "label ≥ NClasses" => () => Shape4x3x64f.PrototypeDiversityLoss(w, [0, 0, 1, 1, 2, 4], gradient),
            "negative label" => () => Shape4x3x64f.PrototypeDiversityLoss(w, [0, 0, 1, -1, 2, 3], gradient),
            "class over MaxPerClass" => () => Shape4x3x64f.PrototypeDiversityLoss(w, [0, 0, 0, 0, 2, 3], gradient),
            "sigma 0" => () => Shape4x3x64f.PrototypeDiversityLoss(w, labels, gradient, 0f),
            "sigma NaN" => () => Shape4x3x64f.PrototypeDiversityLoss(w, labels, gradient, float.NaN),
            "sigma ∞" => () => Shape4x3x64f.PrototypeDiversityLoss(w, labels, float.PositiveInfinity),
            "gradient too short" => () => Shape4x3x64f.PrototypeDiversityLoss(w, labels, gradient.AsSpan(0, w.Length - 1)),
            "relevances not a multiple of Features" => () => Shape4x3x64f.ElasticNetProximal(relevances.AsSpan(1), destination.AsSpan(1), 0.1f, 0.1f),
            "relevances empty" => () => Shape4x3x64f.SparseRelevanceProximal(Span<float>.Empty, 0.1f),
            "relevances longer than MaxPrototypes × Features" => () => Shape4x3x64f.SparseRelevanceProximal(big, 0.1f),
            "destination too short" => () => Shape4x3x64f.SparseRelevanceProximal(relevances, destination.AsSpan(F), 0.1f),
            "destination overlaps partially" => () => Shape4x3x64f.SparseRelevanceProximal(relevances.AsSpan(0, F), relevances.AsSpan(1, F), 0.1f),
            "l1 negative" => () => Shape4x3x64f.ElasticNetProximal(relevances, destination, -1f, 0f),
            "l2 NaN" => () => Shape4x3x64f.ElasticNetProximal(relevances, 0.1f, float.NaN),
            "lr 0" => () => Shape4x3x64f.SparseRelevanceProximal(relevances, destination, 0.1f, 0f),
            "lr ∞" => () => Shape4x3x64f.ElasticNetProximal(relevances, 0.1f, 0.1f, float.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(param, ex.ParamName);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));
        Assert.All(destination, v => Assert.Equal(Sentinel, v));
        Assert.Equal(relevancesBefore, relevances);
    }

    [Fact]
    public void Reference_and_generated_agree_on_which_inputs_are_bad()
    {
        // The same bad label must be reported by both with the same ParamName and message.
        float[] w = new float[6 * 64];
        int[] labels = [0, 0, 1, 1, 2, 9];
        var generated = Assert.ThrowsAny<ArgumentException>(() => Shape4x3x64f.PrototypeDiversityLoss(w, labels, 1f));
        var reference = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(w, labels, 1f, 4, 3));
        Assert.Equal(reference.ParamName, generated.ParamName);
        Assert.Equal(reference.Message, generated.Message);
    }
}
