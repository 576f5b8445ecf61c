using System.Numerics.Tensors;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The optional parameters of the members the generator writes on a class: σ = 1 and lr = 1, as their docs say, on
/// every overload that has one (a call without the argument gives the bits of the call with 1). Each overload's default
/// is its own text, so each is called.
/// </summary>
public class GeneratedDefaultsTests
{
    private const int P = Shape4x3x64f.MaxPrototypes, M = Shape4x3x64f.MaxPerClass, F = Shape4x3x64f.Features;
    private static readonly int[] s_labels = TestData.ClassMajorLabels(Shape4x3x64f.NClasses, M);

    // Spread 2 with σ = 1 against a default of anything else: the kernel entries, and so the loss, differ.
    private static readonly float[] s_w = TestData.Values(P * F, 41, 2).ToFloat();

    // Spread 0.1: prototypes close enough that the class kernels' rows are not flushed to zero at σ = 1.
    private static readonly float[] s_near = TestData.Values(P * F, 43, 0.1).ToFloat();

    // Relevances around the thresholds the steps below give (l1·lr with lr = 1 against any other lr).
    private static readonly float[] s_r = TestData.Values(P * F, 42, 0.3).ToFloat();

    [Fact]
    public void The_diversity_members_default_sigma_to_one()
    {
        float[] expectedGradient = new float[P * F], gradient = new float[P * F];
        float expected = Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, expectedGradient, 1f);
        Assert.Equal(Bits(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, 1f)), Bits(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels)));
        Assert.Equal(Bits(expected), Bits(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, gradient)));
        Assert.Equal(expectedGradient, gradient);
        Assert.Equal(Bits(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, 1f)), Bits(Shape4x3x64f.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(s_w, [P, F]), s_labels)));
        Array.Clear(gradient);
        Assert.Equal(Bits(expected), Bits(Shape4x3x64f.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(s_w, [P, F]), s_labels, new TensorSpan<float>(gradient, [P, F]))));
        Assert.Equal(expectedGradient, gradient);
        Assert.NotEqual(Bits(expected), Bits(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, 2f)));

        float[] c = s_near[..(M * F)], expectedRows = new float[c.Length], rows = new float[c.Length];
        float term = Shape4x3x64f.ClassDiversityLoss(c, expectedRows, 1f);
        Assert.Contains(expectedRows, v => v != 0);
        Assert.Equal(Bits(Shape4x3x64f.ClassDiversityLoss(c, 1f)), Bits(Shape4x3x64f.ClassDiversityLoss(c)));
        Assert.Equal(Bits(term), Bits(Shape4x3x64f.ClassDiversityLoss(c, rows)));
        Assert.Equal(expectedRows, rows);
        Assert.Equal(Bits(Shape4x3x64f.ClassDiversityLoss(c, 1f)), Bits(Shape4x3x64f.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(c, [M, F]))));
        Array.Clear(rows);
        Assert.Equal(Bits(term), Bits(Shape4x3x64f.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(c, [M, F]), new TensorSpan<float>(rows, [M, F]))));
        Assert.Equal(expectedRows, rows);
        Assert.NotEqual(Bits(term), Bits(Shape4x3x64f.ClassDiversityLoss(c, 2f)));
    }

    [Fact]
    public void The_prox_members_default_lr_to_one()
    {
        const float L1 = 0.1f, L2 = 0.5f;
        float[] soft = new float[P * F], elastic = new float[P * F];
        int softCount = Shape4x3x64f.SparseRelevanceProximal(s_r, soft, L1, 1f);
        int elasticCount = Shape4x3x64f.ElasticNetProximal(s_r, elastic, L1, L2, 1f);
        float[] softHalf = new float[P * F];
        Shape4x3x64f.SparseRelevanceProximal(s_r, softHalf, L1, 0.5f);
        Assert.NotEqual(soft, softHalf);

        Check(softCount, soft, d => Shape4x3x64f.SparseRelevanceProximal(s_r, d, L1));
        Check(softCount, soft, d => { s_r.CopyTo(d, 0); return Shape4x3x64f.SparseRelevanceProximal(d, L1); });
        Check(softCount, soft, d => Shape4x3x64f.SparseRelevanceProximal(new ReadOnlyTensorSpan<float>(s_r, [P, F]), new TensorSpan<float>(d, [P, F]), L1));
        Check(softCount, soft, d => { s_r.CopyTo(d, 0); return Shape4x3x64f.SparseRelevanceProximal(new TensorSpan<float>(d, [P, F]), L1); });
        Check(elasticCount, elastic, d => Shape4x3x64f.ElasticNetProximal(s_r, d, L1, L2));
        Check(elasticCount, elastic, d => { s_r.CopyTo(d, 0); return Shape4x3x64f.ElasticNetProximal(d, L1, L2); });
        Check(elasticCount, elastic, d => Shape4x3x64f.ElasticNetProximal(new ReadOnlyTensorSpan<float>(s_r, [P, F]), new TensorSpan<float>(d, [P, F]), L1, L2));
        Check(elasticCount, elastic, d => { s_r.CopyTo(d, 0); return Shape4x3x64f.ElasticNetProximal(new TensorSpan<float>(d, [P, F]), L1, L2); });
    }

    /// <summary>The same defaults on the API every engine shares, whose overloads are texts of their own too.</summary>
    [Theory]
    [InlineData("4x3x64f")]
    [InlineData("compiled 4x3x64f")]
    [InlineData("reference 4x3x64f")]
    public void The_shared_API_defaults_sigma_and_lr_to_one(string engine)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(engine);
        float[] expectedGradient = new float[P * F], gradient = new float[P * F];
        float expected = k.PrototypeDiversityLoss(s_w, s_labels, expectedGradient, 1f);
        Assert.Equal(Bits(k.PrototypeDiversityLoss(s_w, s_labels, 1f)), Bits(k.PrototypeDiversityLoss(s_w, s_labels)));
        Assert.Equal(Bits(expected), Bits(k.PrototypeDiversityLoss(s_w, s_labels, gradient)));
        Assert.Equal(expectedGradient, gradient);
        Assert.NotEqual(Bits(expected), Bits(k.PrototypeDiversityLoss(s_w, s_labels, 2f)));

        // Class 1's rows, as a slice and by row index.
        float[] c = s_near[(M * F)..(2 * M * F)];
        float[] expectedClassRows = new float[M * F], classRows = new float[M * F];
        float classTerm = k.ClassDiversityLoss(c, expectedClassRows, 1f);
        Assert.Contains(expectedClassRows, v => v != 0);
        Assert.Equal(Bits(k.ClassDiversityLoss(c, 1f)), Bits(k.ClassDiversityLoss(c)));
        Assert.Equal(Bits(classTerm), Bits(k.ClassDiversityLoss(c, classRows)));
        Assert.Equal(expectedClassRows, classRows);
        Assert.NotEqual(Bits(classTerm), Bits(k.ClassDiversityLoss(c, 2f)));

        int[] rows = [3, 4, 5];
        float[] expectedRows = new float[P * F], rowsGradient = new float[P * F];
        float term = k.ClassDiversityLossAt(s_near, rows, expectedRows, 1f);
        Assert.Contains(expectedRows, v => v != 0);
        Assert.Equal(Bits(k.ClassDiversityLossAt(s_near, rows, 1f)), Bits(k.ClassDiversityLossAt(s_near, rows)));
        Assert.Equal(Bits(term), Bits(k.ClassDiversityLossAt(s_near, rows, rowsGradient)));
        Assert.Equal(expectedRows, rowsGradient);
        Assert.NotEqual(Bits(term), Bits(k.ClassDiversityLossAt(s_near, rows, 2f)));

        const float L1 = 0.1f, L2 = 0.5f;
        float[] soft = new float[P * F], elastic = new float[P * F], softHalf = new float[P * F];
        int softCount = k.SparseRelevanceProximal(s_r, soft, L1, 1f);
        int elasticCount = k.ElasticNetProximal(s_r, elastic, L1, L2, 1f);
        Assert.NotEqual(softCount, k.SparseRelevanceProximal(s_r, softHalf, L1, 2f));
        Check(softCount, soft, d => k.SparseRelevanceProximal(s_r, d, L1));
        Check(softCount, soft, d => { s_r.CopyTo(d, 0); return k.SparseRelevanceProximal(d, L1); });
        Check(elasticCount, elastic, d => k.ElasticNetProximal(s_r, d, L1, L2));
        Check(elasticCount, elastic, d => { s_r.CopyTo(d, 0); return k.ElasticNetProximal(d, L1, L2); });
    }

    /// <summary>A prox call into a fresh destination gives the expected count and values.</summary>
    private static void Check(int expectedCount, float[] expected, Func<float[], int> call)
    {
        float[] destination = new float[P * F];
        Assert.Equal(expectedCount, call(destination));
        Assert.Equal(expected, destination);
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
