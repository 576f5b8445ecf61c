using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>Every engine of 4 × 3 × 64 rejects bad input alike: the same ParamName, nothing written.</summary>
public class GeneratedValidationTests
{
    private const float Sentinel = -777f;

    public static TheoryData<string, string, string> BadCalls()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string engine in new[] { "4x3x64f", "compiled 4x3x64f", "reference 4x3x64f" })
        {
            data.Add(engine, "prototypes", "prototypes not P × Features");
            data.Add(engine, "prototypes", "prototypes of another feature count");
            data.Add(engine, "protoLabels", "more labels than MaxPrototypes");
            data.Add(engine, "protoLabels", "label ≥ NClasses");
            data.Add(engine, "protoLabels", "negative label");
            data.Add(engine, "protoLabels", "class over MaxPerClass");
            data.Add(engine, "sigmaDiv", "sigma 0");
            data.Add(engine, "sigmaDiv", "sigma NaN");
            data.Add(engine, "sigmaDiv", "sigma ∞");
            data.Add(engine, "gradient", "gradient too short");
            data.Add(engine, "relevances", "relevances not a multiple of Features");
            data.Add(engine, "relevances", "relevances empty");
            data.Add(engine, "relevances", "relevances longer than MaxPrototypes × Features");
            data.Add(engine, "destination", "destination too short");
            data.Add(engine, "destination", "destination overlaps partially");
            data.Add(engine, "l1Weight", "l1 negative");
            data.Add(engine, "l2Weight", "l2 NaN");
            data.Add(engine, "lr", "lr 0");
            data.Add(engine, "lr", "lr ∞");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Bad_input_names_the_parameter_and_writes_nothing(string engine, string param, string what)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
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
            "prototypes not P × Features" => () => k.LossAndGradient(w.AsSpan(1), labels, gradient.AsSpan(1), 1f),
            "prototypes of another feature count" => () => k.Loss(w.AsSpan(0, 6 * 32), labels, 1f),
            "more labels than MaxPrototypes" => () => k.LossAndGradient(new float[13 * F], new int[13], new float[13 * F], 1f),
            "label ≥ NClasses" => () => k.LossAndGradient(w, [0, 0, 1, 1, 2, 4], gradient, 1f),
            "negative label" => () => k.LossAndGradient(w, [0, 0, 1, -1, 2, 3], gradient, 1f),
            "class over MaxPerClass" => () => k.LossAndGradient(w, [0, 0, 0, 0, 2, 3], gradient, 1f),
            "sigma 0" => () => k.LossAndGradient(w, labels, gradient, 0f),
            "sigma NaN" => () => k.LossAndGradient(w, labels, gradient, float.NaN),
            "sigma ∞" => () => k.Loss(w, labels, float.PositiveInfinity),
            "gradient too short" => () => k.LossAndGradient(w, labels, gradient.AsSpan(0, w.Length - 1), 1f),
            "relevances not a multiple of Features" => () => k.Elastic(relevances.AsSpan(1), destination.AsSpan(1), 0.1f, 0.1f, 1f),
            "relevances empty" => () => k.SoftInPlace(Span<float>.Empty, 0.1f, 1f),
            "relevances longer than MaxPrototypes × Features" => () => k.SoftInPlace(big, 0.1f, 1f),
            "destination too short" => () => k.Soft(relevances, destination.AsSpan(F), 0.1f, 1f),
            "destination overlaps partially" => () => k.Soft(relevances.AsSpan(0, F), relevances.AsSpan(1, F), 0.1f, 1f),
            "l1 negative" => () => k.Elastic(relevances, destination, -1f, 0f, 1f),
            "l2 NaN" => () => k.ElasticInPlace(relevances, 0.1f, float.NaN, 1f),
            "lr 0" => () => k.Soft(relevances, destination, 0.1f, 0f),
            "lr ∞" => () => k.ElasticInPlace(relevances, 0.1f, 0.1f, float.PositiveInfinity),
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
