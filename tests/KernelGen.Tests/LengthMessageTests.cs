namespace KernelGen.Tests;

/// <summary>The shape-free entry points report a buffer of the wrong length with the length expected.</summary>
public class LengthMessageTests
{
    private static readonly float[] s_w = Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray(); // 4 prototypes × 3 features
    private static readonly int[] s_labels = [0, 0, 1, 1];

    [Fact]
    public void A_gradient_of_the_wrong_length_names_the_length_expected()
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(s_w, s_labels, new float[11], 1f, 2, 2));
        Assert.Equal("gradient", ex.ParamName);
        Assert.StartsWith("gradient has length 11; expected 12 (prototypes.Length).", ex.Message);

        ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(s_w, s_labels, new float[13], 1f));
        Assert.StartsWith("gradient has length 13; expected 12 (prototypes.Length).", ex.Message);
    }

    [Fact]
    public void Prototypes_that_are_not_whole_rows_name_the_multiple_expected()
    {
        // The feature count is inferred from the lengths, so any positive multiple of the label count would do.
        var ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(s_w.AsSpan(1), s_labels, 1f, 2, 2));
        Assert.Equal("prototypes", ex.ParamName);
        Assert.StartsWith("prototypes has length 11; expected a positive multiple of 4 (protoLabels.Length × features).", ex.Message);

        ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(s_w, [], 1f));
        Assert.Equal("prototypes", ex.ParamName);
        Assert.StartsWith("prototypes has length 12; expected 0 (protoLabels.Length × features).", ex.Message);
    }

    [Fact]
    public void A_destination_of_the_wrong_length_names_the_length_expected()
    {
        double[] relevances = new double[20];
        var ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.ElasticNetProximal(relevances, new double[19], 0.5, 0.1));
        Assert.Equal("destination", ex.ParamName);
        Assert.StartsWith("destination has length 19; expected 20 (relevances.Length).", ex.Message);
    }

    [Fact]
    public void A_shaped_reference_names_the_lengths_it_expects()
    {
        PrototypeRegularizer<double> reference = Regularizers.Create<double>(4, 3, 5);
        var ex = Assert.ThrowsAny<ArgumentException>(() => reference.PrototypeDiversityLoss(new double[29], [0, 0, 1, 1, 2, 3], 1d));
        Assert.Equal("prototypes", ex.ParamName);
        Assert.StartsWith("prototypes has length 29; expected 30 (protoLabels.Length × 5: 6 labels, one row each).", ex.Message);

        ex = Assert.ThrowsAny<ArgumentException>(() => reference.SparseRelevanceProximal(new double[61], new double[61], 0.1, 1d));
        Assert.Equal("relevances", ex.ParamName);
        Assert.StartsWith("relevances has length 61; expected a positive multiple of 5 (k × Features for any k ≥ 1).", ex.Message);

        // Thirteen rows, one more than the shape's prototypes: a GMLVQ Ω is relevances too.
        double[] omega = [.. Enumerable.Range(0, 65).Select(i => Math.Sin(i))], expected = new double[65], actual = new double[65];
        Assert.Equal(Regularizers.SparseRelevanceProximal(omega, expected, 0.1, 1d), reference.SparseRelevanceProximal(omega, actual, 0.1, 1d));
        Assert.Equal(expected, actual);
    }
}
