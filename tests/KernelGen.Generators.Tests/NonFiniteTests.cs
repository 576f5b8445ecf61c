using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// semantics.md, "Non-finite coordinates": a NaN or ±∞ in a class of two or more members makes the loss NaN and every
/// entry of that class's gradient rows NaN, leaving other classes' rows exactly as they were; a lone member contributes
/// 0 and a zero row; finite coordinates whose distance overflows are not special. Run for every generated shape and for
/// the reference with the same shape (both engines, one suite).
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class NonFiniteTests
{
    // A class of two or more members is what the non-finite rule and the overflowing pair need: shapes whose classes
    // hold one prototype (5 × 1 × 16) are left out of those rows, as the lone-member rows cover them.
    public static TheoryData<string, float> FloatCases() => FloatValues(Engines.Float());

    public static TheoryData<string, float> FloatPairCases() => FloatValues(Engines.Float().Where(e => e.MaxPerClass >= 2));

    public static TheoryData<string, double> DoublePairCases()
    {
        var data = new TheoryData<string, double>();
        foreach (var engine in Engines.Double().Where(e => e.MaxPerClass >= 2))
        {
            foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            {
                data.Add(engine.Shape, value);
            }
        }

        return data;
    }

    private static TheoryData<string, float> FloatValues(IEnumerable<Kernels<float>> engines)
    {
        var data = new TheoryData<string, float>();
        foreach (var engine in engines)
        {
            foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                data.Add(engine.Shape, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FloatPairCases))]
    public void A_non_finite_float_coordinate_makes_its_class_NaN(string shape, float value) =>
        Check(Engines.Float().Single(e => e.Shape == shape), value, v => v.ToFloat(), float.IsNaN);

    [Theory]
    [MemberData(nameof(DoublePairCases))]
    public void A_non_finite_double_coordinate_makes_its_class_NaN(string shape, double value) =>
        Check(Engines.Double().Single(e => e.Shape == shape), value, v => v, double.IsNaN);

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void A_lone_member_with_a_non_finite_coordinate_contributes_nothing(string shape, float value)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        int[] labels = [0, .. Enumerable.Range(0, k.MaxPerClass >= 2 && k.NClasses > 1 ? 2 : 0).Select(_ => 1)];
        float[] w = TestData.Values(labels.Length * k.Features, 3, 1.0).ToFloat();
        w[k.Features / 2] = value;   // member 0, alone in class 0
        float[] g = new float[w.Length];
        float loss = k.LossAndGradient(w, labels, g, 1f);
        Assert.True(float.IsFinite(loss), $"{shape}: loss {loss}");
        Assert.All(g.Take(k.Features), x => Assert.Equal(0f, x));
        Assert.All(g, x => Assert.True(float.IsFinite(x)));
    }

    public static TheoryData<string> FloatPairShapes() => new(Engines.Float().Where(e => e.MaxPerClass >= 2).Select(e => e.Shape));

    [Theory]
    [MemberData(nameof(FloatPairShapes))]
    public void Finite_coordinates_whose_distance_overflows_are_not_special(string shape)
    {
        var k = Engines.Float().Single(e => e.Shape == shape);
        int[] labels = [0, 0];
        float[] w = new float[2 * k.Features];
        w[0] = 1e30f;
        w[k.Features] = -1e30f;   // (2e30)² overflows to +∞ in float: the kernel entry is 0, as for any distant pair
        float[] g = Enumerable.Repeat(float.NaN, w.Length).ToArray();
        float loss = k.LossAndGradient(w, labels, g, 1f);
        // A kernel entry of 0: B = (1 + ε)I, so the term is −2·log(1 + ε), and every coefficient, so every row, is 0.
        GoldenTolerance.AssertLoss(isFloat: true, -2 * Math.Log(1 + k.Epsilon), loss, shape);
        Assert.All(g, x => Assert.Equal(0f, x));
    }

    private static void Check<T>(Kernels<T> k, T value, Func<double[], T[]> convert, Func<T, bool> isNaN)
        where T : struct
    {
        T sigma = typeof(T) == typeof(float) ? (T)(object)1f : (T)(object)1d;

        // Every class full, class-major, then the same labels shuffled: both label passes.
        int[] classMajor = Enumerable.Range(0, k.NClasses * k.MaxPerClass).Select(i => i / k.MaxPerClass).ToArray();
        // The last feature (the overlapping tail, where there is one) and the first, where a row's scan begins.
        foreach (int[] labels in new[] { classMajor, classMajor.Reverse().ToArray() })
        {
            Poison(k, value, convert, isNaN, sigma, labels, labels.Length / 2, k.Features - 1);
            Poison(k, value, convert, isNaN, sigma, labels, labels.Length / 2, 0);
        }

        // Classes of unequal sizes (2, 3, …, MaxPerClass in turn; 2 and 1 where MaxPerClass is 2), so a block's lanes
        // hold different counts; each of the first eight classes of two or more poisoned in turn, in its last member.
        int m = k.MaxPerClass;
        int[] sizes = [.. Enumerable.Range(0, k.NClasses).Select(c => m >= 3 ? 2 + c % (m - 1) : 2 - c % 2)];
        int[] unequal = TestData.ClassMajorLabels(sizes);
        int end = 0;
        for (int c = 0; c < Math.Min(8, k.NClasses); c++)
        {
            end += sizes[c];
            if (sizes[c] >= 2) Poison(k, value, convert, isNaN, sigma, unequal, end - 1, k.Features - 1);
        }
    }

    /// <summary>Prototype <paramref name="poisoned"/> gets <paramref name="value"/> in feature <paramref name="feature"/>.</summary>
    private static void Poison<T>(Kernels<T> k, T value, Func<double[], T[]> convert, Func<T, bool> isNaN, T sigma, int[] labels, int poisoned, int feature)
        where T : struct
    {
        T[] clean = convert(TestData.Values(labels.Length * k.Features, 11, 1.0));
        int victim = labels[poisoned];
        T[] w = (T[])clean.Clone();
        w[poisoned * k.Features + feature] = value;

        T[] g = new T[w.Length], gClean = new T[w.Length];
        T loss = k.LossAndGradient(w, labels, g, sigma);
        k.LossAndGradient(clean, labels, gClean, sigma);
        Assert.True(isNaN(loss), $"{k.Shape}: loss {loss}");
        Assert.True(isNaN(k.Loss(w, labels, sigma)), $"{k.Shape}: loss without gradient");
        for (int i = 0; i < labels.Length; i++)
        {
            for (int f = 0; f < k.Features; f++)
            {
                T actual = g[i * k.Features + f];
                if (labels[i] == victim)
                {
                    Assert.True(isNaN(actual), $"{k.Shape}: row {i} (class {victim}) feature {f} is {actual}, not NaN");
                }
                else
                {
                    Assert.Equal(gClean[i * k.Features + f], actual);
                }
            }
        }
    }
}
