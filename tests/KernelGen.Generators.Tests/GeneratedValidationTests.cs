using System.Numerics;
using KernelGen.Consumer.Golden;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Every engine rejects bad input alike: the same ParamName, and nothing written. Run on a generated shape of each path
/// (unrolled, loop, parallel, and one member per class) in float and in double, each through every engine; every output
/// a call is given is filled with a sentinel (or with values the call would change) and inspected after it.
/// </summary>
public class GeneratedValidationTests
{
    // The unrolled, loop and parallel paths, and one member per class, whose kernels return 0 after the label pass.
    private static readonly string[] s_floatShapes = ["4x3x64f", "2x16x12f-loop", "100x8x64f-parallel", "5x1x16f"];

    private static readonly string[] s_doubleShapes = ["4x3x64d", "3x20x9d-loop", "40x12x16d-parallel-loop", "4x1x8d"];

    private static readonly (string Param, string What)[] s_badCalls =
    [
        ("prototypes", "prototypes not P × Features"),
        ("prototypes", "prototypes of another feature count"),
        ("protoLabels", "more labels than MaxPrototypes"),
        ("protoLabels", "label ≥ NClasses"),
        ("protoLabels", "negative label"),
        ("protoLabels", "class over MaxPerClass"),
        ("sigmaDiv", "sigma 0"),
        ("sigmaDiv", "sigma NaN"),
        ("sigmaDiv", "sigma ∞"),
        ("gradient", "gradient too short"),
        ("gradient", "gradient too long"),
        ("gradient", "gradient is the prototypes"),
        ("gradient", "gradient overlaps the prototypes"),
        ("gradient", "gradient overlaps the prototypes from a row before"),
        ("gradient", "gradient overlaps the prototypes from one element before"),

        // Two bad arguments: every engine checks in one order, so every engine names the same one.
        ("gradient", "gradient too short, sigma negative"),
        ("prototypes", "prototypes not P × Features, sigma NaN"),
        ("protoLabels", "more labels than MaxPrototypes, prototypes not P × Features"),
        ("gradient", "gradient overlaps the prototypes, sigma NaN"),
        ("destination", "destination overlaps partially, l1 negative"),
        ("relevances", "relevances not a multiple of Features"),
        ("relevances", "relevances empty"),
        ("destination", "destination too short"),
        ("destination", "destination too long"),
        ("destination", "destination overlaps partially"),
        ("l1Weight", "l1 negative"),
        ("l2Weight", "l2 NaN"),
        ("lr", "lr 0"),
        ("lr", "lr ∞"),
    ];

    public static TheoryData<string, string, string> FloatBadCalls() => BadCalls(s_floatShapes);

    public static TheoryData<string, string, string> DoubleBadCalls() => BadCalls(s_doubleShapes);

    private static TheoryData<string, string, string> BadCalls(string[] shapes)
    {
        var data = new TheoryData<string, string, string>();
        foreach (string engine in Engines.Of(shapes))
        {
            foreach (var (param, what) in s_badCalls)
            {
                data.Add(engine, param, what);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FloatBadCalls))]
    public void Bad_float_input_names_the_parameter_and_writes_nothing(string engine, string param, string what) =>
        Check(Engines.Float().Single(e => e.Shape == engine), param, what);

    [Theory]
    [MemberData(nameof(DoubleBadCalls))]
    public void Bad_double_input_names_the_parameter_and_writes_nothing(string engine, string param, string what) =>
        Check(Engines.Double().Single(e => e.Shape == engine), param, what);

    private static void Check<T>(Kernels<T> k, string param, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sentinel = T.CreateChecked(-777), one = T.One, tenth = T.CreateChecked(0.1);
        int f = k.Features, p = k.NClasses * k.MaxPerClass;

        // Every class full, class-major: valid as given, so each row breaks exactly one thing.
        int[] labels = [.. Enumerable.Range(0, p).Select(i => i / k.MaxPerClass)];
        T[] w = [.. Enumerable.Range(0, p * f).Select(i => T.CreateChecked(Math.Sin(i)))];
        T[] wBefore = (T[])w.Clone();
        T[] gradient = Filled(w.Length, sentinel);

        // One prototype more than the shape holds, with its own gradient.
        int[] tooManyLabels = [.. labels, 0];
        T[] tooMany = [.. w, .. w.AsSpan(0, f)];
        T[] tooManyGradient = Filled(tooMany.Length, sentinel);

        // Relevances a prox would change (none below the thresholds used), and a destination for them.
        T[] relevances = [.. Enumerable.Range(0, 2 * f).Select(i => T.CreateChecked(0.5 + 0.01 * i))];
        T[] relevancesBefore = (T[])relevances.Clone();
        T[] destination = Filled(relevances.Length, sentinel);

        // The prototypes with one row more, for a gradient one row on from them.
        T[] shifted = [.. w, .. Filled(f, sentinel)];
        T[] shiftedBefore = (T[])shifted.Clone();

        int[] With(int index, int label)
        {
            int[] changed = (int[])labels.Clone();
            changed[index] = label;
            return changed;
        }

        Action call = what switch
        {
            "prototypes not P × Features" => () => k.LossAndGradient(w.AsSpan(1), labels, gradient.AsSpan(1), one),
            "prototypes of another feature count" => () => k.Loss(w.AsSpan(0, p * (f / 2)), labels, one),
            "more labels than MaxPrototypes" => () => k.LossAndGradient(tooMany, tooManyLabels, tooManyGradient, one),
            "label ≥ NClasses" => () => k.LossAndGradient(w, With(p - 1, k.NClasses), gradient, one),
            "negative label" => () => k.LossAndGradient(w, With(1, -1), gradient, one),
            "class over MaxPerClass" => () => k.LossAndGradient(w, With(p - 1, 0), gradient, one),
            "sigma 0" => () => k.LossAndGradient(w, labels, gradient, T.Zero),
            "sigma NaN" => () => k.LossAndGradient(w, labels, gradient, T.NaN),
            "sigma ∞" => () => k.Loss(w, labels, T.PositiveInfinity),
            "gradient too short" => () => k.LossAndGradient(w, labels, gradient.AsSpan(0, w.Length - 1), one),
            "gradient too long" => () => k.LossAndGradient(w, labels, tooManyGradient.AsSpan(0, w.Length + 1), one),
            "gradient is the prototypes" => () => k.LossAndGradient(w, labels, w, one),
            "gradient too short, sigma negative" => () => k.LossAndGradient(w, labels, gradient.AsSpan(0, w.Length - 1), -one),
            "prototypes not P × Features, sigma NaN" => () => k.Loss(w.AsSpan(1), labels, T.NaN),
            "more labels than MaxPrototypes, prototypes not P × Features" => () => k.LossAndGradient(w, tooManyLabels, gradient, one),
            "gradient overlaps the prototypes" => () => k.LossAndGradient(shifted.AsSpan(0, w.Length), labels, shifted.AsSpan(f, w.Length), one),
            "gradient overlaps the prototypes from a row before" => () => k.LossAndGradient(shifted.AsSpan(f, w.Length), labels, shifted.AsSpan(0, w.Length), one),
            "gradient overlaps the prototypes from one element before" => () => k.LossAndGradient(shifted.AsSpan(1, w.Length), labels, shifted.AsSpan(0, w.Length), one),
            "gradient overlaps the prototypes, sigma NaN" => () => k.LossAndGradient(shifted.AsSpan(0, w.Length), labels, shifted.AsSpan(f, w.Length), T.NaN),
            "relevances not a multiple of Features" => () => k.Elastic(relevances.AsSpan(1), destination.AsSpan(1), tenth, tenth, one),
            "relevances empty" => () => k.SoftInPlace(Span<T>.Empty, tenth, one),
            "destination too short" => () => k.Soft(relevances, destination.AsSpan(f), tenth, one),
            "destination too long" => () => k.Elastic(relevances.AsSpan(0, f), destination, tenth, tenth, one),
            "destination overlaps partially" => () => k.Soft(relevances.AsSpan(0, f), relevances.AsSpan(1, f), tenth, one),
            "destination overlaps partially, l1 negative" => () => k.Soft(relevances.AsSpan(0, f), relevances.AsSpan(1, f), -one, one),
            "l1 negative" => () => k.Elastic(relevances, destination, -one, T.Zero, one),
            "l2 NaN" => () => k.ElasticInPlace(relevances, tenth, T.NaN, one),
            "lr 0" => () => k.Soft(relevances, destination, tenth, T.Zero),
            "lr ∞" => () => k.ElasticInPlace(relevances, tenth, tenth, T.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(param, ex.ParamName);
        if (BadScalar<T>(what) is T bad)
        {
            // A bad σ, weight or learning rate is reported as the caller passed it, in the element type.
            Assert.Equal(bad, Assert.IsType<T>(Assert.IsType<ArgumentOutOfRangeException>(ex).ActualValue));
        }

        Assert.All(gradient, v => Assert.Equal(sentinel, v));
        Assert.All(tooManyGradient, v => Assert.Equal(sentinel, v));
        Assert.All(destination, v => Assert.Equal(sentinel, v));
        Assert.Equal(relevancesBefore, relevances);
        Assert.Equal(wBefore, w);
        Assert.Equal(shiftedBefore, shifted);
    }

    /// <summary>The scalar a row passes out of range, if it is a scalar's row.</summary>
    private static T? BadScalar<T>(string what)
        where T : struct, IFloatingPointIeee754<T> => what switch
        {
            "sigma 0" or "lr 0" => T.Zero,
            "sigma NaN" or "l2 NaN" => T.NaN,
            "sigma ∞" or "lr ∞" => T.PositiveInfinity,
            "l1 negative" => -T.One,
            _ => null,
        };

    private static T[] Filled<T>(int length, T value) => Enumerable.Repeat(value, length).ToArray();

    public static TheoryData<string> FloatEngines() => new(Engines.Of(s_floatShapes));

    public static TheoryData<string> DoubleEngines() => new(Engines.Of(s_doubleShapes));

    [Theory]
    [MemberData(nameof(FloatEngines))]
    public void A_float_matrix_of_more_rows_than_prototypes_is_proxed_like_any_relevances(string engine) =>
        CheckManyRows(Engines.Float().Single(e => e.Shape == engine));

    [Theory]
    [MemberData(nameof(DoubleEngines))]
    public void A_double_matrix_of_more_rows_than_prototypes_is_proxed_like_any_relevances(string engine) =>
        CheckManyRows(Engines.Double().Single(e => e.Shape == engine));

    /// <summary>
    /// A GMLVQ Ω (k × Features for any k, here one row more than the shape has prototypes) goes through every prox, in
    /// place and not, with the bits of the shape-free prox, which works element by element.
    /// </summary>
    private static void CheckManyRows<T>(Kernels<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = (k.NClasses * k.MaxPerClass + 1) * k.Features;
        T[] omega = [.. Enumerable.Range(0, length).Select(i => T.CreateChecked(0.3 * Math.Sin(i)))];
        T l1 = T.CreateChecked(0.1), l2 = T.CreateChecked(0.2), lr = T.CreateChecked(0.5);
        T[] expectedSoft = new T[length], expectedElastic = new T[length];
        int softCount = Regularizers.SparseRelevanceProximal<T>(omega, expectedSoft, l1, lr);
        int elasticCount = Regularizers.ElasticNetProximal<T>(omega, expectedElastic, l1, l2, lr);
        Assert.InRange(softCount, 1, length - 1);

        T[] soft = new T[length], elastic = new T[length], inPlace = (T[])omega.Clone();
        Assert.Equal(softCount, k.Soft(omega, soft, l1, lr));
        Assert.Equal(elasticCount, k.Elastic(omega, elastic, l1, l2, lr));
        Assert.Equal(elasticCount, k.ElasticInPlace(inPlace, l1, l2, lr));
        Assert.Equal(expectedSoft, soft);
        Assert.Equal(expectedElastic, elastic);
        Assert.Equal(expectedElastic, inPlace);
    }

    [Theory]
    [MemberData(nameof(FloatEngines))]
    public void A_float_gradient_right_before_or_after_the_prototypes_is_accepted(string engine) =>
        CheckAdjacent(Engines.Float().Single(e => e.Shape == engine));

    [Theory]
    [MemberData(nameof(DoubleEngines))]
    public void A_double_gradient_right_before_or_after_the_prototypes_is_accepted(string engine) =>
        CheckAdjacent(Engines.Double().Single(e => e.Shape == engine));

    /// <summary>
    /// Touching is not sharing: one array holding the prototypes and, next to them, the gradient, which starts out
    /// holding a sentinel (so that one member per class, whose rows are zeros, shows they were written).
    /// </summary>
    private static void CheckAdjacent<T>(Kernels<T> k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int f = k.Features, p = k.NClasses * k.MaxPerClass;
        int[] labels = [.. Enumerable.Range(0, p).Select(i => i / k.MaxPerClass)];
        T[] w = [.. Enumerable.Range(0, p * f).Select(i => T.CreateChecked(0.3 * Math.Sin(i)))];
        T[] expected = new T[w.Length];
        T loss = k.LossAndGradient(w, labels, expected, T.One);
        if (k.MaxPerClass > 1)
        {
            Assert.Contains(expected, g => g != T.Zero);
        }

        foreach (bool gradientFirst in new[] { false, true })
        {
            T[] both = Filled(2 * w.Length, T.CreateChecked(-777));
            Span<T> prototypes = both.AsSpan(gradientFirst ? w.Length : 0, w.Length);
            Span<T> gradient = both.AsSpan(gradientFirst ? 0 : w.Length, w.Length);
            w.CopyTo(prototypes);
            Assert.Equal(loss, k.LossAndGradient(prototypes, labels, gradient, T.One));
            Assert.Equal(expected, gradient.ToArray());
            Assert.Equal(w, prototypes.ToArray());
        }
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
