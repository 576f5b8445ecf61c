using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>A buffer of the wrong length is reported with the length expected, as a number, by every engine alike.</summary>
public class LengthMessageTests
{
    /// <summary>The unrolled, loop and trivial paths, generated, compiled and reference.</summary>
    public static TheoryData<string> EnginesOfEveryPath() => new("4x3x64f", "compiled 4x3x64f", "reference 4x3x64f", "2x16x12f-loop", "reference 2x16x12f-loop", "5x1x16f");

    [Theory]
    [MemberData(nameof(EnginesOfEveryPath))]
    public void Prototypes_of_the_wrong_length_name_the_length_expected(string engine)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        int f = k.Features, count = k.NClasses;
        float[] w = new float[count * f - 1];
        int[] labels = Enumerable.Range(0, count).ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => k.Loss(w, labels, 1f));
        Assert.Equal("prototypes", ex.ParamName);
        Assert.StartsWith($"prototypes has length {count * f - 1}; expected {count * f} (protoLabels.Length × {f}: {count} labels, one row each).", ex.Message);
    }

    [Theory]
    [MemberData(nameof(EnginesOfEveryPath))]
    public void A_gradient_of_the_wrong_length_names_the_length_expected(string engine)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        int length = k.NClasses * k.Features;
        float[] w = new float[length];
        float[] gradient = new float[length - 1];
        int[] labels = Enumerable.Range(0, k.NClasses).ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => k.LossAndGradient(w, labels, gradient, 1f));
        Assert.Equal("gradient", ex.ParamName);
        Assert.StartsWith($"gradient has length {length - 1}; expected {length} (prototypes.Length).", ex.Message);
    }

    [Theory]
    [MemberData(nameof(EnginesOfEveryPath))]
    public void Relevances_that_are_not_whole_rows_name_the_lengths_expected(string engine)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        int f = k.Features;
        float[] relevances = new float[f + 1];
        var ex = Assert.ThrowsAny<ArgumentException>(() => k.SoftInPlace(relevances, 0.1f, 1f));
        Assert.Equal("relevances", ex.ParamName);
        Assert.StartsWith($"relevances has length {f + 1}; expected a positive multiple of {f} (k × Features for any k ≥ 1).", ex.Message);
    }

    [Theory]
    [MemberData(nameof(EnginesOfEveryPath))]
    public void A_destination_of_the_wrong_length_names_the_length_expected(string engine)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        float[] relevances = new float[2 * k.Features];
        float[] destination = new float[k.Features];
        var ex = Assert.ThrowsAny<ArgumentException>(() => k.Soft(relevances, destination, 0.1f, 1f));
        Assert.Equal("destination", ex.ParamName);
        Assert.StartsWith($"destination has length {k.Features}; expected {2 * k.Features} (relevances.Length).", ex.Message);
    }

    [Fact]
    public void A_gradient_one_short_of_768_says_768()
    {
        float[] w = new float[12 * 64];
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3];
        var ex = Assert.ThrowsAny<ArgumentException>(() => Shape4x3x64f.PrototypeDiversityLoss(w, labels, new float[767], 1f));
        Assert.Equal("gradient", ex.ParamName);
        Assert.StartsWith("gradient has length 767; expected 768 (prototypes.Length).", ex.Message);
    }

    /// <summary>
    /// One label more than NClasses × MaxPerClass, every label in range, is too many labels (the count is checked
    /// first), with the limit as a number, not an over-full class found later by the label pass.
    /// </summary>
    [Theory]
    [MemberData(nameof(EnginesOfEveryPath))]
    public void One_label_past_max_prototypes_names_the_limit(string engine)
    {
        var k = Engines.Float().Single(e => e.Shape == engine);
        int max = k.NClasses * k.MaxPerClass;
        int[] labels = [.. Enumerable.Range(0, max + 1).Select(i => i % k.NClasses)];
        float[] w = new float[labels.Length * k.Features];
        float[] gradient = new float[w.Length];
        foreach (Action call in new Action[] { () => k.Loss(w, labels, 1f), () => k.LossAndGradient(w, labels, gradient, 1f) })
        {
            var ex = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Equal("protoLabels", ex.ParamName);
            Assert.StartsWith($"protoLabels has {max + 1} labels; at most nClasses × maxPerClass = {max} are allowed.", ex.Message);
        }
    }
}
