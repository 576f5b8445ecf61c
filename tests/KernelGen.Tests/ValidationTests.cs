namespace KernelGen.Tests;

/// <summary>Every bad input throws an ArgumentException naming the parameter, before any output is written.</summary>
public class ValidationTests
{
    private const float Sentinel = 12345f;

    private static readonly float[] s_w = Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray(); // 4 prototypes × 3 features
    private static readonly int[] s_labels = [0, 0, 1, 1];

    public static TheoryData<string, string> BadDiversityCalls() => new()
    {
        { "prototypes", "prototypes length not P×F" },
        { "prototypes", "prototypes empty with labels" },
        { "protoLabels", "label ≥ nClasses" },
        { "protoLabels", "negative label" },
        { "protoLabels", "class over maxPerClass" },
        { "protoLabels", "more labels than nClasses×maxPerClass" },
        { "protoLabels", "negative label, no shape" },
        { "protoLabels", "label 2²⁰, no shape" },
        { "sigmaDiv", "sigma 0" },
        { "sigmaDiv", "sigma negative" },
        { "sigmaDiv", "sigma NaN" },
        { "sigmaDiv", "sigma ∞" },
        { "gradient", "gradient too short" },
        { "gradient", "gradient too long" },
        { "nClasses", "nClasses 0" },
        { "nClasses", "nClasses above 2²⁰" },
        { "nClasses", "nClasses int.MaxValue" },
        { "maxPerClass", "maxPerClass 0" },
        { "maxPerClass", "maxPerClass above 1024" },
        { "maxPerClass", "nClasses · maxPerClass above 2²⁴" },
        { "gradient", "gradient too short, sigma 0" },
        { "epsilon", "epsilon 0" },
        { "epsilon", "epsilon NaN" },
        { "epsilon", "epsilon ∞" },
        { "epsilon", "epsilon above 1e150" },
    };

    [Theory]
    [MemberData(nameof(BadDiversityCalls))]
    public void Bad_diversity_input_names_the_parameter_and_leaves_the_gradient_untouched(string param, string what)
    {
        float[] gradient = Enumerable.Repeat(Sentinel, s_w.Length).ToArray();
        float[] shortGradient = Enumerable.Repeat(Sentinel, s_w.Length - 1).ToArray();
        float[] longGradient = Enumerable.Repeat(Sentinel, s_w.Length + 1).ToArray();
        Action call = DiversityCall(what, gradient, shortGradient, longGradient);

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(param, ex.ParamName);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));
        Assert.All(shortGradient, v => Assert.Equal(Sentinel, v));
        Assert.All(longGradient, v => Assert.Equal(Sentinel, v));
    }

    /// <summary>The full kernel's call for the case <paramref name="what"/> (<see cref="BadDiversityCalls"/>).</summary>
    private static Action DiversityCall(string what, float[] gradient, float[] shortGradient, float[] longGradient) =>
        what switch
        {
            "prototypes length not P×F" => () => Regularizers.PrototypeDiversityLoss(s_w.AsSpan(1), s_labels, gradient.AsSpan(1), 1f, 2, 2),
            "prototypes empty with labels" => () => Regularizers.PrototypeDiversityLoss([], s_labels, [], 1f, 2, 2),
            "label ≥ nClasses" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 1, 2], gradient, 1f, 2, 2),
            "negative label" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, -1, 1, 1], gradient, 1f, 2, 2),
            "class over maxPerClass" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 0, 1], gradient, 1f, 3, 2),
            "more labels than nClasses×maxPerClass" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 1, 3),
            "negative label, no shape" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, -3, 1], gradient, 1f),
            "label 2²⁰, no shape" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 1 << 20, 1 << 20], gradient, 1f),
            "sigma 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 0f, 2, 2),
            "sigma negative" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, -1f),
            "sigma NaN" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, float.NaN, 2, 2),
            "sigma ∞" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, float.PositiveInfinity),
            "gradient too short" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, shortGradient, 1f, 2, 2),
            "gradient too long" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, longGradient, 1f),
            "nClasses 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 0, 2),
            "nClasses above 2²⁰" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, (1 << 20) + 1, 2),
            "nClasses int.MaxValue" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, int.MaxValue, 2),
            "maxPerClass above 1024" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 1025),
            "nClasses · maxPerClass above 2²⁴" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 1 << 20, 32),
            "gradient too short, sigma 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, shortGradient, 0f, 2, 2),
            "maxPerClass 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 0),
            "epsilon 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 2, 0),
            "epsilon NaN" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 2, double.NaN),
            "epsilon above 1e150" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 2, 1.5e150),
            "epsilon ∞" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 2, double.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

    /// <summary>
    /// With several bad arguments the shape-free overloads name the first in the order the shaped engines check them:
    /// the shape's sizes, then ε (as the factories), the label count, the prototypes' length, the gradient's length,
    /// then σ, and only then the labels one by one, with a shape or without. Nothing is written.
    /// </summary>
    [Theory]
    [InlineData("nClasses", "nClasses 0, epsilon 0")]
    [InlineData("maxPerClass", "maxPerClass above 1024, epsilon NaN")]
    [InlineData("protoLabels", "more labels than nClasses×maxPerClass, prototypes length not P×F")]
    [InlineData("protoLabels", "more labels than nClasses×maxPerClass, gradient too short")]
    [InlineData("prototypes", "prototypes length not P×F, gradient too short")]
    [InlineData("sigmaDiv", "label ≥ nClasses, sigma ∞")]
    [InlineData("sigmaDiv", "class over maxPerClass, sigma negative")]
    [InlineData("sigmaDiv", "negative label, no shape, sigma 0")]
    [InlineData("sigmaDiv", "label 2²⁰, no shape, sigma NaN")]
    public void Several_bad_diversity_arguments_name_the_first_in_the_engines_order(string param, string what)
    {
        float[] gradient = Enumerable.Repeat(Sentinel, s_w.Length).ToArray();
        float[] shortGradient = Enumerable.Repeat(Sentinel, s_w.Length - 1).ToArray();
        Action call = what switch
        {
            "nClasses 0, epsilon 0" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 0, 2, 0),
            "maxPerClass above 1024, epsilon NaN" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, gradient, 1f, 2, 1025, double.NaN),
            "more labels than nClasses×maxPerClass, prototypes length not P×F" => () => Regularizers.PrototypeDiversityLoss(s_w.AsSpan(1), s_labels, 1f, 1, 3),
            "more labels than nClasses×maxPerClass, gradient too short" => () => Regularizers.PrototypeDiversityLoss(s_w, s_labels, shortGradient, 1f, 1, 3),
            "prototypes length not P×F, gradient too short" => () => Regularizers.PrototypeDiversityLoss(s_w.AsSpan(1), s_labels, shortGradient.AsSpan(1), 1f, 2, 2),
            "label ≥ nClasses, sigma ∞" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 1, 2], gradient, float.PositiveInfinity, 2, 2),
            "class over maxPerClass, sigma negative" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 0, 1], gradient, -1f, 3, 2),
            "negative label, no shape, sigma 0" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, -3, 1], gradient, 0f),
            "label 2²⁰, no shape, sigma NaN" => () => Regularizers.PrototypeDiversityLoss(s_w, [0, 0, 1 << 20, 1 << 20], gradient, float.NaN),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(param == ex.ParamName, $"{what}: named {ex.ParamName}, expected {param}: {ex.Message}");
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));
        Assert.All(shortGradient, v => Assert.Equal(Sentinel, v));
    }

    /// <summary>Each label check says which label and what is wrong with it: several checks would catch some of these, and the message names the first that applies.</summary>
    [Theory]
    [InlineData("label ≥ nClasses", "protoLabels[3] = 2 is outside [0, 2).")]
    [InlineData("negative label", "protoLabels[1] = -1 is outside [0, 2).")]
    [InlineData("class over maxPerClass", "Class 0 has more than maxPerClass = 2 prototypes: protoLabels[2] is its prototype number 3.")]
    [InlineData("more labels than nClasses×maxPerClass", "protoLabels has 4 labels; at most nClasses × maxPerClass = 3 are allowed.")]
    [InlineData("negative label, no shape", "protoLabels[2] = -3 is negative.")]
    [InlineData("label 2²⁰, no shape", "protoLabels[2] = 1048576 is outside [0, 1048576).")]
    public void Label_errors_say_which_label_and_why(string what, string message)
    {
        float[] gradient = new float[s_w.Length];
        Action call = DiversityCall(what, gradient, gradient, gradient);

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.StartsWith(message + " (Parameter 'protoLabels')", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A label out of range is an <see cref="ArgumentOutOfRangeException"/> whose actual value is the label, not its
    /// position (which the message gives): with a shape, and without one both below 0 and at 2²⁰.
    /// </summary>
    [Theory]
    [InlineData("label ≥ nClasses", 2)]
    [InlineData("negative label", -1)]
    [InlineData("negative label, no shape", -3)]
    [InlineData("label 2²⁰, no shape", 1 << 20)]
    public void A_label_out_of_range_is_the_actual_value(string what, int label)
    {
        float[] gradient = new float[s_w.Length];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(DiversityCall(what, gradient, gradient, gradient));
        Assert.True(Equals(label, ex.ActualValue), $"{what}: actual value {ex.ActualValue}, expected the label {label}");
    }

    /// <summary>A size below 1 is named before any limit another size breaks, as KG0002 is reported alone.</summary>
    [Theory]
    [InlineData(2_000_000, 2000, 0, "features")]
    [InlineData(2, 2000, 0, "features")]
    [InlineData(1 << 20, 32, 0, "features")]
    [InlineData(2_000_000, 0, 4, "maxPerClass")]
    [InlineData(2, 2000, 4, "maxPerClass")]
    public void A_shape_below_one_is_named_before_a_limit(int nClasses, int maxPerClass, int features, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<float>(nClasses, maxPerClass, features));
        Assert.Equal(param, ex.ParamName);
    }

    /// <summary>
    /// A shape past several limits is named by the first it breaks, in the order of the list KG0003 shares: nClasses,
    /// maxPerClass, features, then the products. Each row breaks its limit and every one after it.
    /// </summary>
    [Theory]
    [InlineData(2_000_000, 2000, 2_000_000, "nClasses", 2_000_000, "nClasses ≤ 1048576")]
    [InlineData(2, 2000, 2_000_000, "maxPerClass", 2000, "maxPerClass ≤ 1024")]
    [InlineData(1 << 20, 1024, 2_000_000, "features", 2_000_000, "features ≤ 1048576")]
    public void A_shape_past_several_limits_is_named_by_the_first_in_order(int nClasses, int maxPerClass, int features, string param, int value, string limit)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<float>(nClasses, maxPerClass, features));
        Assert.True(param == ex.ParamName && Equals(value, ex.ActualValue),
            $"{nClasses} × {maxPerClass} × {features}: named {ex.ParamName} = {ex.ActualValue}, expected {param} = {value}");
        Assert.StartsWith($"The shape exceeds the limit {limit}.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_larger_than_the_limit_without_a_shape_is_refused_before_writing()
    {
        // Classes = max label + 1, each of at most ShapeLimits.MaxPerClass: one more is refused, one fewer computed.
        int n = ShapeLimits.MaxPerClass + 1;
        float[] w = Enumerable.Range(0, n).Select(i => (float)i).ToArray(), gradient = Enumerable.Repeat(Sentinel, n).ToArray();
        var ex = Assert.ThrowsAny<ArgumentException>(() => Regularizers.PrototypeDiversityLoss(w, new int[n], gradient, 1f));
        Assert.Equal("protoLabels", ex.ParamName);
        Assert.StartsWith($"Class 0 has more than {ShapeLimits.MaxPerClass} prototypes, the most a class may hold: protoLabels[{n - 1}] is its prototype number {n}.", ex.Message, StringComparison.Ordinal);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));

        float loss = Regularizers.PrototypeDiversityLoss(w.AsSpan(1), new int[n - 1], 1f);
        Assert.True(float.IsFinite(loss) && loss > 0, $"loss {loss}");
    }

    [Fact]
    public void Labels_without_a_shape_up_to_just_below_two_to_the_twenty_are_classes_like_any_other()
    {
        // Labels 0 and 2²⁰ − 1 with two members each are the classes 0 and 1 of a call with a shape, bit for bit.
        float[] expected = new float[s_w.Length], gradient = new float[s_w.Length];
        float loss = Regularizers.PrototypeDiversityLoss(s_w, s_labels, expected, 0.7f, 2, 2);
        int top = (1 << 20) - 1;
        Assert.Equal(loss, Regularizers.PrototypeDiversityLoss(s_w, [0, 0, top, top], gradient, 0.7f));
        Assert.Equal(expected, gradient);
        Assert.True(loss != 0 && gradient.Any(v => v != 0));
    }

    [Fact]
    public void Prox_destinations_in_place_or_adjacent_are_accepted()
    {
        double[] x = Enumerable.Range(0, 40).Select(i => i - 20.0).ToArray();
        Assert.Equal(20, Regularizers.SparseRelevanceProximal(x.AsSpan(0, 20), x.AsSpan(20, 20), 0.5));   // just after
        Assert.Equal(19, Regularizers.SparseRelevanceProximal(x.AsSpan(20, 20), x.AsSpan(0, 20), 0.5));   // just before
        Assert.Equal(19, Regularizers.SparseRelevanceProximal(x.AsSpan(0, 20), 0.5));                    // in place
    }

    public static TheoryData<string, string> BadProxCalls() => new()
    {
        { "destination", "destination too short" },
        { "destination", "destination too long" },
        { "destination", "destination overlaps partially" },
        { "destination", "destination overlaps partially, starting before" },
        { "destination", "destination overlaps by one value" },
        { "destination", "destination overlaps by one value, starting before" },
        { "l1Weight", "l1 negative" },
        { "l1Weight", "l1 NaN" },
        { "l2Weight", "l2 negative" },
        { "l2Weight", "l2 NaN" },
        { "lr", "lr 0" },
        { "lr", "lr negative" },
        { "lr", "lr NaN" },
        { "lr", "lr ∞" },
    };

    [Theory]
    [MemberData(nameof(BadProxCalls))]
    public void Bad_prox_input_names_the_parameter_and_leaves_the_output_untouched(string param, string what)
    {
        double[] x = Enumerable.Range(0, 40).Select(i => i - 20.0).ToArray();
        double[] original = (double[])x.Clone();
        double[] destination = Enumerable.Repeat((double)Sentinel, x.Length).ToArray();
        Action call = what switch
        {
            "destination too short" => () => Regularizers.ElasticNetProximal(x, destination.AsSpan(1), 0.1, 0.1),
            "destination too long" => () => Regularizers.SparseRelevanceProximal(x.AsSpan(1), destination, 0.1),
            "destination overlaps partially" => () => Regularizers.SparseRelevanceProximal(x.AsSpan(0, 30), x.AsSpan(5, 30), 0.1),
            "destination overlaps partially, starting before" => () => Regularizers.SparseRelevanceProximal(x.AsSpan(5, 30), x.AsSpan(0, 30), 0.1),
            "destination overlaps by one value" => () => Regularizers.ElasticNetProximal(x.AsSpan(0, 20), x.AsSpan(19, 20), 0.1, 0.1),
            "destination overlaps by one value, starting before" => () => Regularizers.SparseRelevanceProximal(x.AsSpan(19, 20), x.AsSpan(0, 20), 0.1),
            "l1 negative" => () => Regularizers.SparseRelevanceProximal(x, destination, -0.1),
            "l1 NaN" => () => Regularizers.ElasticNetProximal(x, 0.0 / 0.0, 0.1),
            "l2 negative" => () => Regularizers.ElasticNetProximal(x, destination, 0.1, -1),
            "l2 NaN" => () => Regularizers.ElasticNetProximal(x, 0.1, double.NaN),
            "lr 0" => () => Regularizers.SparseRelevanceProximal(x, destination, 0.1, 0),
            "lr negative" => () => Regularizers.ElasticNetProximal(x, destination, 0.1, 0.1, -2),
            "lr NaN" => () => Regularizers.SparseRelevanceProximal(x, 0.1, double.NaN),
            "lr ∞" => () => Regularizers.ElasticNetProximal(x, 0.1, 0.1, double.PositiveInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(param, ex.ParamName);
        Assert.Equal(original, x);
        Assert.All(destination, v => Assert.Equal(Sentinel, v));
    }

    /// <summary>
    /// With several bad arguments the prox names the first in its checks' order: the destination (here its length),
    /// then l1Weight, l2Weight and lr, as the parameters come, on the span and in-place overloads alike.
    /// </summary>
    [Theory]
    [InlineData("l1Weight", -1.0, double.NaN, 0.0)]
    [InlineData("l1Weight", double.NaN, 0.5, double.PositiveInfinity)]
    [InlineData("l2Weight", 0.1, -1.0, -1.0)]
    [InlineData("l2Weight", 0.1, double.NaN, double.NaN)]
    [InlineData("lr", 0.1, 0.5, 0.0)]
    public void Several_bad_prox_weights_name_the_first_in_parameter_order(string param, double l1Weight, double l2Weight, double lr)
    {
        double[] x = [.. Enumerable.Range(0, 20).Select(i => i - 10.0)];
        double[] original = (double[])x.Clone();
        double[] destination = Enumerable.Repeat((double)Sentinel, x.Length).ToArray();
        foreach (Action call in new Action[]
        {
            () => Regularizers.ElasticNetProximal(x, destination, l1Weight, l2Weight, lr),
            () => Regularizers.ElasticNetProximal(x, l1Weight, l2Weight, lr),
            () => Regularizers.ElasticNetProximal(Array.ConvertAll(x, v => (float)v), new float[x.Length], (float)l1Weight, (float)l2Weight, (float)lr),
        })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.True(param == ex.ParamName, $"l1Weight {l1Weight}, l2Weight {l2Weight}, lr {lr}: named {ex.ParamName}, expected {param}");
        }

        // A bad destination comes before any of them.
        var first = Assert.ThrowsAny<ArgumentException>(() => Regularizers.ElasticNetProximal(x, destination.AsSpan(1), l1Weight, l2Weight, lr));
        Assert.Equal("destination", first.ParamName);
        Assert.Equal(original, x);
        Assert.All(destination, v => Assert.Equal(Sentinel, v));
    }

    /// <summary>
    /// Every static prox overload, float, double and generic, into a destination and in place, soft-thresholding and
    /// elastic net, names a bad weight by its own parameter (l1Weight and lr are both ≥ 0 on a valid call, and enter
    /// the threshold only as their product, so only the checks tell them apart) and writes nothing.
    /// </summary>
    [Theory]
    [InlineData("l1Weight", -0.5, 0.25, 0.5)]
    [InlineData("l2Weight", 0.25, -0.5, 0.5)]
    [InlineData("lr", 0.25, 0.25, 0.0)]
    public void Every_prox_overload_names_a_bad_weight_by_its_own_parameter(string param, double l1, double l2, double lr)
    {
        float[] xf = [-2f, -0.1f, 0f, 0.3f, 4f];
        double[] xd = Array.ConvertAll(xf, v => (double)v);
        float fl1 = (float)l1, fl2 = (float)l2, flr = (float)lr;
        var calls = new List<(string Name, bool Elastic, Func<int> Call)>();
        float[] f = (float[])xf.Clone(), fd = Enumerable.Repeat(Sentinel, xf.Length).ToArray();
        double[] d = (double[])xd.Clone(), dd = Enumerable.Repeat((double)Sentinel, xd.Length).ToArray();
        bool Untouched() => f.SequenceEqual(xf) && d.SequenceEqual(xd) && fd.All(v => v == Sentinel) && dd.All(v => v == Sentinel);
        calls.Add(("float soft into", false, () => Regularizers.SparseRelevanceProximal(f, fd, fl1, flr)));
        calls.Add(("float soft in place", false, () => Regularizers.SparseRelevanceProximal(f, fl1, flr)));
        calls.Add(("float elastic into", true, () => Regularizers.ElasticNetProximal(f, fd, fl1, fl2, flr)));
        calls.Add(("float elastic in place", true, () => Regularizers.ElasticNetProximal(f, fl1, fl2, flr)));
        calls.Add(("double soft into", false, () => Regularizers.SparseRelevanceProximal(d, dd, l1, lr)));
        calls.Add(("double soft in place", false, () => Regularizers.SparseRelevanceProximal(d, l1, lr)));
        calls.Add(("double elastic into", true, () => Regularizers.ElasticNetProximal(d, dd, l1, l2, lr)));
        calls.Add(("double elastic in place", true, () => Regularizers.ElasticNetProximal(d, l1, l2, lr)));
        calls.Add(("generic soft into", false, () => Regularizers.SparseRelevanceProximal<double>(d, dd, l1, lr)));
        calls.Add(("generic soft in place", false, () => Regularizers.SparseRelevanceProximal<double>(d.AsSpan(), l1, lr)));
        calls.Add(("generic elastic into", true, () => Regularizers.ElasticNetProximal<double>(d, dd, l1, l2, lr)));
        calls.Add(("generic elastic in place", true, () => Regularizers.ElasticNetProximal<double>(d.AsSpan(), l1, l2, lr)));

        foreach (var (name, elastic, call) in calls)
        {
            if (param == "l2Weight" && !elastic) continue;
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => call());
            Assert.True(param == ex.ParamName, $"{name}: named {ex.ParamName}, expected {param}");
            Assert.True(Untouched(), $"{name}: wrote before throwing");
        }
    }

    [Theory]
    [InlineData(-0.5, "l1Weight must be ≥ 0. (Parameter 'l1Weight')")]
    [InlineData(double.NaN, "l1Weight is NaN; it must be a number ≥ 0. (Parameter 'l1Weight')")]
    public void A_bad_weight_says_what_it_must_be_and_what_it_was(double l1Weight, string firstLine)
    {
        double[] x = [1.0, -2.0];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.SparseRelevanceProximal(x, l1Weight));
        // The first line is the message; the runtime adds the actual value in the current culture on the next.
        Assert.Equal(firstLine, ex.Message.ReplaceLineEndings("\n").Split('\n')[0]);
        Assert.Equal(l1Weight, ex.ActualValue);
    }

    [Fact]
    public void The_double_checks_code_generated_by_earlier_versions_calls_are_kept()
    {
        // Generated code compiled against 0.1.0 binds these; the generic checks beside them must not replace them.
        Assert.NotNull(typeof(Validation).GetMethod(nameof(Validation.CheckSigma), [typeof(double)]));
        Assert.NotNull(typeof(Validation).GetMethod(nameof(Validation.CheckProximal), [typeof(double), typeof(double), typeof(double)]));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Validation.CheckSigma(-0.5));
        Assert.Equal(("sigmaDiv", (object)(-0.5)), (ex.ParamName, ex.ActualValue));
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => Validation.CheckProximal(0.1, 0.2, 0d));
        Assert.Equal(("lr", (object)0d), (ex.ParamName, ex.ActualValue));
    }

    /// <summary>
    /// Every gradient that shares memory is named <c>gradient</c> (or <c>classGradient</c>), whatever it shares; the
    /// message says what it shares, since by row index that is either the prototypes or the row indices, and the
    /// fix differs: a buffer of its own for the gradient, or for the indices. A prox destination over part of its
    /// relevances is told that the same memory, or separate buffers, would do.
    /// </summary>
    [Fact]
    public void A_buffer_sharing_memory_is_reported_with_what_it_shares()
    {
        float[] shared = [.. s_w, Sentinel];
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(2, 2, 3);
        (string Message, Action Call)[] cases =
        [
            ("gradient shares memory with prototypes; the gradient needs a buffer of its own.",
                () => Regularizers.PrototypeDiversityLoss(shared.AsSpan(0, 12), s_labels, shared.AsSpan(1, 12), 1f, 2, 2)),
            ("gradient shares memory with prototypes; the gradient needs a buffer of its own.",
                () => reference.PrototypeDiversityLoss(shared.AsSpan(0, 12), s_labels, shared.AsSpan(1, 12), 1f)),
            ("classGradient shares memory with classPrototypes; the gradient needs a buffer of its own.",
                () => reference.ClassDiversityLoss(shared.AsSpan(0, 6), shared.AsSpan(1, 6), 1f)),
            ("gradient shares memory with prototypes; the gradient needs a buffer of its own.",
                () => reference.ClassDiversityLossAt(shared.AsSpan(0, 12), [1, 3], shared.AsSpan(1, 12), 1f)),
            ("gradient shares memory with prototypes; the gradient needs a buffer of its own.",
                () => reference.ClassDiversityLossAt(shared.AsSpan(0, 12), [1, 2], shared.AsSpan(1, 12), 1f)),
        ];
        foreach (var (message, call) in cases)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(call);
            Assert.StartsWith(message + " (Parameter '" + message[..message.IndexOf(' ')] + "')", ex.Message, StringComparison.Ordinal);
        }

        // Row indices kept in the gradient's memory, apart from the prototypes.
        float[] gradient = new float[s_w.Length];
        int[] rows = [1, 3];
        rows.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(3, 2)));
        var overRows = Assert.ThrowsAny<ArgumentException>(() => reference.ClassDiversityLossAt(
            s_w, System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(gradient.AsSpan(3, 2)), gradient, 1f));
        Assert.StartsWith("gradient shares memory with classRows; the gradient needs a buffer of its own. (Parameter 'gradient')", overRows.Message, StringComparison.Ordinal);

        double[] x = [.. Enumerable.Range(0, 40).Select(i => i - 20.0)];
        var partial = Assert.ThrowsAny<ArgumentException>(() => Regularizers.SparseRelevanceProximal(x.AsSpan(0, 30), x.AsSpan(5, 30), 0.1));
        Assert.StartsWith("destination overlaps relevances without being the same memory; use the in-place overload or separate buffers. (Parameter 'destination')", partial.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An output of the wrong length that also overlaps its input is reported by its length, the check every call makes
    /// first: the overlap is measured over equal lengths, and the length is what the caller has to fix first.
    /// </summary>
    [Fact]
    public void An_output_of_the_wrong_length_is_reported_by_its_length_even_where_it_overlaps()
    {
        float[] shared = [.. s_w, Sentinel];
        float[] before = (float[])shared.Clone();
        PrototypeRegularizer<float> reference = Regularizers.Create<float>(2, 2, 3);
        (string Message, Action Call)[] cases =
        [
            ("gradient has length 11; expected 12 (prototypes.Length).",
                () => Regularizers.PrototypeDiversityLoss(shared.AsSpan(0, 12), s_labels, shared.AsSpan(1, 11), 1f, 2, 2)),
            ("gradient has length 11; expected 12 (prototypes.Length).",
                () => reference.PrototypeDiversityLoss(shared.AsSpan(0, 12), s_labels, shared.AsSpan(1, 11), 1f)),
            ("classGradient has length 5; expected 6 (classPrototypes.Length).",
                () => reference.ClassDiversityLoss(shared.AsSpan(0, 6), shared.AsSpan(1, 5), 1f)),
            ("gradient has length 11; expected 12 (prototypes.Length).",
                () => reference.ClassDiversityLossAt(shared.AsSpan(0, 12), [1, 3], shared.AsSpan(1, 11), 1f)),
        ];
        foreach (var (message, call) in cases)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(call);
            Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, shared);

        double[] x = [.. Enumerable.Range(0, 40).Select(i => i - 20.0)];
        double[] xBefore = (double[])x.Clone();
        foreach (int start in new[] { 1, 5 })
        {
            var prox = Assert.ThrowsAny<ArgumentException>(() => Regularizers.ElasticNetProximal(x.AsSpan(0, 20), x.AsSpan(start, 19), 0.1, 0.1));
            Assert.StartsWith("destination has length 19; expected 20 (relevances.Length).", prox.Message, StringComparison.Ordinal);
        }

        Assert.Equal(xBefore, x);
    }

    [Fact]
    public void Exact_aliasing_is_allowed()
    {
        float[] x = [-1f, 0.05f, 2f];
        Assert.Equal(2, Regularizers.SparseRelevanceProximal(x, x, 0.5f));
        Assert.Equal([-0.5f, 0f, 1.5f], x);
    }

    /// <summary>
    /// The generic entry points admit any IEEE element type (<see cref="Half"/>) and refuse all but float and double with
    /// one message naming the type, as the factories do, and before writing anything.
    /// </summary>
    [Fact]
    public void Generic_entry_points_refuse_element_types_other_than_float_and_double_before_writing()
    {
        Half[] w = Enumerable.Range(0, 12).Select(i => (Half)(i * 0.1f)).ToArray();
        Half[] output = Enumerable.Repeat((Half)Sentinel, w.Length).ToArray();
        Half one = Half.One, tenth = (Half)0.1f;
        Action[] calls =
        [
            () => Regularizers.PrototypeDiversityLoss<Half>(w, s_labels, one, 2, 2),
            () => Regularizers.PrototypeDiversityLoss<Half>(w, s_labels, output, one, 2, 2),
            () => Regularizers.PrototypeDiversityLoss<Half>(w, s_labels, one),
            () => Regularizers.PrototypeDiversityLoss<Half>(w, s_labels, output, one),
            () => Regularizers.PrototypeDiversityLoss<Half>(In(w), s_labels, one, 2, 2),
            () => Regularizers.PrototypeDiversityLoss<Half>(In(w), s_labels, Out(output), one, 2, 2),
            () => Regularizers.SparseRelevanceProximal<Half>(w, output, tenth, one),
            () => Regularizers.ElasticNetProximal<Half>(w, output, tenth, tenth, one),
            () => Regularizers.SparseRelevanceProximal<Half>(output, tenth, one),
            () => Regularizers.ElasticNetProximal<Half>(output, tenth, tenth, one),
            () => Regularizers.SparseRelevanceProximal<Half>(In(w), Out(output), tenth, one),
            () => Regularizers.ElasticNetProximal<Half>(In(w), Out(output), tenth, tenth, one),
            () => Regularizers.Create<Half>(2, 2, 3),
        ];
        foreach (Action call in calls)
        {
            var e = Assert.Throws<NotSupportedException>(call);
            Assert.Equal("Element type System.Half is not supported; use float or double.", e.Message);
        }

        Assert.All(output, v => Assert.Equal((Half)Sentinel, v));

        static System.Numerics.Tensors.ReadOnlyTensorSpan<Half> In(Half[] values) => new(values, [4, 3], []);
        static System.Numerics.Tensors.TensorSpan<Half> Out(Half[] values) => new(values, [4, 3], []);
    }
}
