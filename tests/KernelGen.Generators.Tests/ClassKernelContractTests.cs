using System.Numerics.Tensors;
using KernelGen.Consumer;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The class kernels' contract on every engine and shape, as the full kernels': bad arguments throw an
/// <see cref="ArgumentException"/> naming the parameter before anything is written, calls allocate nothing, concurrent
/// callers get the single caller's bits; and the generated classes' static members (span, tensor, σ = 1, the
/// <see cref="IPrototypeRegularizer{T}"/> binding) are the kernels behind their <c>Regularizer</c>.
/// </summary>
public class ClassKernelContractTests
{
    private const float Sentinel = 12345f;

    public static TheoryData<string> FloatShapes() => ClassKernelEngines.FloatShapes();

    public static TheoryData<string> DoubleShapes() => ClassKernelEngines.DoubleShapes();

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Bad_arguments_throw_naming_the_parameter_and_write_nothing(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int m = k.MaxPerClass, f = k.Features;
        float[] one = TestData.Values(m * f, 1, 0.5).ToFloat();
        var cases = new List<(float[] Prototypes, int GradientLength, float Sigma, string Parameter)>
        {
            ([], 0, 1f, "classPrototypes"),
            (new float[(m + 1) * f], (m + 1) * f, 1f, "classPrototypes"),
            (one, one.Length + f, 1f, "classGradient"),
            (one, one.Length - 1, 1f, "classGradient"),
            (one, one.Length, 0f, "sigmaDiv"),
            (one, one.Length, -1f, "sigmaDiv"),
            (one, one.Length, float.NaN, "sigmaDiv"),
            (one, one.Length, float.PositiveInfinity, "sigmaDiv"),

            // Two bad arguments: every engine checks the rows, then the gradient, then σ, as the full kernels do.
            ([], 0, -1f, "classPrototypes"),
            (one, one.Length + f, float.NaN, "classGradient"),
        };
        // A class of one member has term 0 and zero rows, but σ is checked first all the same.
        foreach (float sigma in new[] { 0f, -1f, float.NaN, float.PositiveInfinity })
        {
            cases.Add((one[..f], f, sigma, "sigmaDiv"));
        }

        if (f > 1)
        {
            cases.Add((new float[f + 1], f + 1, 1f, "classPrototypes"));
            cases.Add((new float[f - 1], f - 1, 1f, "classPrototypes"));
        }

        foreach (var (prototypes, gradientLength, sigma, parameter) in cases)
        {
            float[] gradient = new float[gradientLength];
            gradient.AsSpan().Fill(Sentinel);
            var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(prototypes, gradient, sigma));
            Assert.Equal(parameter, ex.ParamName);
            if (parameter == "sigmaDiv")
            {
                // Reported as passed: a float, not widened to double.
                Assert.Equal(sigma, Assert.IsType<float>(Assert.IsType<ArgumentOutOfRangeException>(ex).ActualValue));
            }

            Assert.All(gradient, v => Assert.Equal(Sentinel, v));
            if (parameter != "classGradient")
            {
                Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(prototypes, sigma)).ParamName);
            }
        }

        // Rows written over the class's own values, from one element on or before them, or over them exactly: the
        // call would read them back. A class of one member too, whose rows are zeros: they would zero its values.
        foreach (int n in m > 1 ? new[] { m, 1 } : [1])
        {
            int length = n * f;
            float[] shared = [Sentinel, .. one[..length], Sentinel];
            float[] sharedBefore = (float[])shared.Clone();
            foreach (int start in new[] { 1, 2, 0 })
            {
                var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(shared.AsSpan(1, length), shared.AsSpan(start, length), 1f));
                Assert.Equal("classGradient", ex.ParamName);
                Assert.Equal(sharedBefore, shared);
            }
        }
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Bad_arguments_by_row_index_throw_naming_the_parameter_and_write_nothing(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int m = k.MaxPerClass, f = k.Features, p = k.MaxPrototypes;
        float[] w = TestData.Values(p * f, 2, 0.5).ToFloat();
        float[] wBefore = (float[])w.Clone();
        float[] tooMany = [.. w, .. w.AsSpan(0, f)];
        int[] valid = [.. Enumerable.Range(0, m).Select(i => p - m + i)];
        int[] overFull = [.. Enumerable.Range(0, m + 1)];
        var cases = new List<(float[] Prototypes, int[] Rows, int GradientLength, float Sigma, string Parameter)>
        {
            ([], [0], 0, 1f, "prototypes"),
            (w[..^1], valid, w.Length - 1, 1f, "prototypes"),
            (tooMany, valid, tooMany.Length, 1f, "prototypes"),
            (w, [], w.Length, 1f, "classRows"),
            (w, [-1], w.Length, 1f, "classRows"),
            (w, [p], w.Length, 1f, "classRows"),
            (w, [.. valid[..^1], p], w.Length, 1f, "classRows"),
            (w, valid, w.Length - 1, 1f, "gradient"),
            (w, valid, w.Length + f, 1f, "gradient"),
            (w, valid, w.Length, 0f, "sigmaDiv"),
            (w, valid, w.Length, float.NaN, "sigmaDiv"),
            (w, [p - 1], w.Length, -1f, "sigmaDiv"),

            // Two bad arguments: the prototypes, then the rows, then the gradient, then σ.
            (w[..^1], [], w.Length - 1, 1f, "prototypes"),
            (w, [], w.Length - 1, -1f, "classRows"),
            (w, valid, w.Length + f, float.NaN, "gradient"),
        };
        if (p > m)
        {
            cases.Add((w, overFull, w.Length, 1f, "classRows"));
        }

        if (m > 1)
        {
            // A row twice, and two rows in descending order, in a class of up to MaxPerClass rows.
            cases.Add((w, [.. valid[..^1], valid[^2]], w.Length, 1f, "classRows"));
            cases.Add((w, [valid[^1], valid[0]], w.Length, 1f, "classRows"));
        }

        foreach (var (prototypes, rows, gradientLength, sigma, parameter) in cases)
        {
            float[] gradient = new float[gradientLength];
            gradient.AsSpan().Fill(Sentinel);
            var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(prototypes, rows, gradient, sigma));
            Assert.True(parameter == ex.ParamName, $"{k}, rows [{string.Join(", ", rows)}]: {ex.Message}");
            if (parameter == "sigmaDiv")
            {
                Assert.Equal(sigma, Assert.IsType<float>(Assert.IsType<ArgumentOutOfRangeException>(ex).ActualValue));
            }

            Assert.All(gradient, v => Assert.Equal(Sentinel, v));
            if (parameter != "gradient")
            {
                Assert.Equal(parameter, Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(prototypes, rows, sigma)).ParamName);
            }
        }

        // A whole gradient over the prototypes, from one element on or before them or over them exactly; with
        // consecutive rows (passed on as slices) and, where a class can have two rows, rows apart (copied through scratch).
        float[] shared = [Sentinel, .. w, Sentinel];
        float[] sharedBefore = (float[])shared.Clone();
        int[][] rowSets = m > 1 && p > 2 ? [valid, [0, 2]] : [valid];
        foreach (int[] rows in rowSets)
        {
            foreach (int start in new[] { 1, 2, 0 })
            {
                var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(shared.AsSpan(1, w.Length), rows, shared.AsSpan(start, w.Length), 1f));
                Assert.Equal("gradient", ex.ParamName);
                Assert.Equal(sharedBefore, shared);
            }
        }

        Assert.Equal(wBefore, w);
    }

    [Fact]
    public void Row_index_messages_say_what_is_wrong()
    {
        PrototypeRegularizer<float> k = Regularizers.Create<float>(2, 3, 4);
        float[] w = new float[6 * 4];
        Assert.StartsWith("classRows[1] = 6 is outside the prototypes' rows [0, 6).", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [0, 6])).Message);
        Assert.StartsWith("classRows[2] = 1 does not follow classRows[1] = 3: the rows must be ascending, each once.",
            Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [0, 3, 1])).Message);
        Assert.StartsWith("classRows[2] = 3 repeats classRows[1]: each row once, in ascending order.",
            Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [0, 3, 3])).Message);
        Assert.StartsWith("classRows has 4 indices; a class has 1 to 3 (MaxPerClass).", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [0, 1, 2, 3])).Message);
        Assert.StartsWith("prototypes has length 28; expected P × 4 with 1 ≤ P ≤ 6", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(new float[28], [0])).Message);
    }

    /// <summary>
    /// A negative row is outside the prototypes' rows wherever it stands: first, where no row comes before it, or after
    /// a row it is below. It is not reported as out of order.
    /// </summary>
    [Fact]
    public void A_negative_row_is_reported_as_outside_the_rows_wherever_it_stands()
    {
        PrototypeRegularizer<float> k = Regularizers.Create<float>(2, 3, 4);
        float[] w = new float[6 * 4];
        Assert.StartsWith("classRows[0] = -1 is outside the prototypes' rows [0, 6).", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [-1])).Message);
        Assert.StartsWith("classRows[0] = -5 is outside the prototypes' rows [0, 6).", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [-5, 1])).Message);
        Assert.StartsWith("classRows[1] = -1 is outside the prototypes' rows [0, 6).", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, [0, -1], new float[w.Length])).Message);
    }

    /// <summary>
    /// A bad row index is the exception's actual value, not its position in <c>classRows</c>: out of range on either
    /// side, repeated, or out of order.
    /// </summary>
    [Theory]
    [InlineData(new[] { 0, 6 }, 6)]
    [InlineData(new[] { -2 }, -2)]
    [InlineData(new[] { 0, 3, 3 }, 3)]
    [InlineData(new[] { 0, 3, 1 }, 1)]
    public void A_bad_row_index_is_the_actual_value(int[] classRows, int row)
    {
        PrototypeRegularizer<float> k = Regularizers.Create<float>(2, 3, 4);
        float[] w = new float[6 * 4];
        var ex = Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, classRows)));
        Assert.Equal("classRows", ex.ParamName);
        Assert.Equal(row, ex.ActualValue);
        ex = Assert.IsType<ArgumentOutOfRangeException>(Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(w, classRows, new float[w.Length], 1f)));
        Assert.Equal(row, ex.ActualValue);
    }

    /// <summary>
    /// A class larger than the stack scratch (its values and rows over 1024 elements) takes its scratch from the pool:
    /// the same bits as the slice call, and nothing allocated per call.
    /// </summary>
    [Fact]
    public void A_class_by_row_index_larger_than_the_stack_scratch_gives_the_slice_calls_bits_and_allocates_nothing()
    {
        PrototypeRegularizer<float> k = Regularizers.Create<float>(2, 5, 300);
        float[] w = TestData.Values(10 * 300, 8, 0.05).ToFloat();
        int[] rows = [1, 2, 5, 7, 9];
        float[] gradient = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        float[] classRows = [.. rows.SelectMany(r => w.AsSpan(r * 300, 300).ToArray())];
        float[] expected = new float[classRows.Length];
        float term = k.ClassDiversityLoss(classRows, expected, 0.7f);
        Assert.Contains(expected, v => v != 0);
        Assert.Equal(term, k.ClassDiversityLossAt(w, rows, gradient, 0.7f));
        Assert.Equal(expected, rows.SelectMany(r => gradient.AsSpan(r * 300, 300).ToArray()));
        Assert.All(new[] { 0, 3, 4, 6, 8 }, r => Assert.All(gradient.AsSpan(r * 300, 300).ToArray(), v => Assert.Equal(Sentinel, v)));
        Allocations.Measure(ClassKernelAllocations.Suite)[ClassKernelAllocations.PooledRows].AssertNone(ClassKernelAllocations.PooledRows);
    }

    /// <summary>
    /// Rows written over the class's own values and a bad σ in one call: the gradient is named, since every engine
    /// checks it before σ, as the full kernels do; by row index, the whole gradient, with consecutive rows (passed on as
    /// slices) and rows apart. Nothing is written.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void A_gradient_over_the_class_is_named_before_a_bad_sigma(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int m = k.MaxPerClass, f = k.Features, p = k.MaxPrototypes;
        float[] one = TestData.Values(m * f, 1, 0.5).ToFloat();
        float[] w = TestData.Values(p * f, 2, 0.5).ToFloat();
        float[] shared = [.. one, Sentinel], sharedWhole = [.. w, Sentinel];
        float[] sharedBefore = (float[])shared.Clone(), sharedWholeBefore = (float[])sharedWhole.Clone();
        int[][] rowSets = m > 1 && p > 2 ? [[.. Enumerable.Range(p - m, m)], [0, 2]] : [[.. Enumerable.Range(p - m, m)]];
        foreach (float sigma in new[] { 0f, -1f, float.NaN, float.PositiveInfinity })
        {
            foreach (int shift in new[] { 0, 1 })
            {
                var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(shared.AsSpan(0, one.Length), shared.AsSpan(shift, one.Length), sigma));
                Assert.True("classGradient" == ex.ParamName, $"{k}, σ = {sigma}, shift {shift}: {ex.Message}");
                foreach (int[] rows in rowSets)
                {
                    ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(sharedWhole.AsSpan(0, w.Length), rows, sharedWhole.AsSpan(shift, w.Length), sigma));
                    Assert.True("gradient" == ex.ParamName, $"{k}, rows [{string.Join(", ", rows)}], σ = {sigma}, shift {shift}: {ex.Message}");
                }
            }
        }

        Assert.Equal(sharedBefore, shared);
        Assert.Equal(sharedWholeBefore, sharedWhole);
    }

    /// <summary>
    /// An empty gradient is a gradient of the wrong length, not a call for the term alone: every engine names it, for a
    /// class of one member as for a full one, and by row index names the whole gradient.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void An_empty_gradient_is_named_and_not_taken_for_a_call_without_one(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int f = k.Features;
        foreach (int n in new[] { 1, k.MaxPerClass })
        {
            float[] w = TestData.Values(n * f, 4, 0.5).ToFloat();
            var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(w, Span<float>.Empty, 1f));
            Assert.True("classGradient" == ex.ParamName, $"{k}, n = {n}: {ex.Message}");
            Assert.StartsWith($"classGradient has length 0; expected {w.Length} (classPrototypes.Length).", ex.Message);
        }

        float[] all = TestData.Values(k.MaxPrototypes * f, 5, 0.5).ToFloat();
        int[] rows = [.. Enumerable.Range(0, k.MaxPerClass)];
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(all, rows, Span<float>.Empty, 1f)).ParamName);
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void A_gradient_right_before_or_after_the_class_is_accepted(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        float[] values = TestData.Values(k.MaxPerClass * k.Features, 3, 0.5).ToFloat();
        float[] expected = new float[values.Length];
        float term = k.ClassDiversityLoss(values, expected, 1f);
        foreach (bool gradientFirst in new[] { false, true })
        {
            // Touching is not sharing: one array holding the class's values and, next to them, its rows.
            float[] both = new float[2 * values.Length];
            Span<float> classPrototypes = both.AsSpan(gradientFirst ? values.Length : 0, values.Length);
            Span<float> classGradient = both.AsSpan(gradientFirst ? 0 : values.Length, values.Length);
            values.CopyTo(classPrototypes);
            Assert.Equal(term, k.ClassDiversityLoss(classPrototypes, classGradient, 1f));
            Assert.Equal(expected, classGradient.ToArray());
            Assert.Equal(values, classPrototypes.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Length_messages_state_the_lengths_expected(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int m = k.MaxPerClass, f = k.Features;
        var ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new float[(m + 1) * f], 1f));
        Assert.StartsWith($"classPrototypes has length {(m + 1) * f} ({m + 1} rows of {f}); expected a multiple of {f} from {f} to {m * f} (n × {f} with 1 ≤ n ≤ {m}).", ex.Message);
        if (f > 1)
        {
            // Not whole rows: no row count to state.
            ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new float[f + 1], 1f));
            Assert.StartsWith($"classPrototypes has length {f + 1}; expected a multiple of {f} from", ex.Message);
        }

        ex = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new float[f], new float[f + 1], 1f));
        Assert.StartsWith($"classGradient has length {f + 1}; expected {f} (classPrototypes.Length).", ex.Message);
    }

    /// <summary>
    /// An empty class is reported by its length alone: 0 divides into any number of rows, but there are none to state.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void An_empty_class_is_reported_without_a_row_count(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int m = k.MaxPerClass, f = k.Features;
        string expected = $"classPrototypes has length 0; expected a multiple of {f} from {f} to {m * f} (n × {f} with 1 ≤ n ≤ {m}).";
        Assert.StartsWith(expected, Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss([], 1f)).Message);
        Assert.StartsWith(expected, Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss([], [], 1f)).Message);
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Tensor_overloads_give_the_span_bits_and_check_lengths_first(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int n = k.MaxPerClass, f = k.Features;
        float[] w = TestData.Values(n * f, 2, 0.5).ToFloat();
        float[] g = new float[w.Length], gt = new float[w.Length];
        float term = k.ClassDiversityLoss(w, g, 0.7f);
        var prototypes = new ReadOnlyTensorSpan<float>(w, [n, f]);
        Assert.Equal(term, k.ClassDiversityLoss(prototypes, new TensorSpan<float>(gt, [n, f]), 0.7f));
        Assert.Equal(g, gt);
        Assert.Equal(term, k.ClassDiversityLoss(prototypes, 0.7f));

        float[] bad = new float[w.Length + f];
        bad.AsSpan().Fill(Sentinel);
        Assert.Equal("classGradient", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(w, [n, f]), new TensorSpan<float>(bad, [n + 1, f]), 0.7f)).ParamName);
        Assert.All(bad, v => Assert.Equal(Sentinel, v));
        Assert.Equal("classPrototypes", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(w, [n * f]), 0.7f)).ParamName);
        Assert.Equal("classPrototypes", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(bad, [n + 1, f]), new TensorSpan<float>(bad, [n + 1, f]), 0.7f)).ParamName);
        Assert.All(bad, v => Assert.Equal(Sentinel, v));
        ClassTensorMessagesNameTheLengths(n, f, (in ReadOnlyTensorSpan<float> p, float s) => k.ClassDiversityLoss(p, s));
        BothTensorsBad(n, f, (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => k.ClassDiversityLoss(p, g, s));
    }

    // Prototypes of too many rows and a gradient of yet others: the prototypes are named, as by the span overloads,
    // and by their lengths against [n, F], before the gradient is compared with them.
    private static void BothTensorsBad(int maxPerClass, int f, TensorLossAndGradient lossAndGradient)
    {
        float[] prototypes = new float[(maxPerClass + 1) * f], gradient = new float[(maxPerClass + 2) * f];
        gradient.AsSpan().Fill(Sentinel);
        var ex = Assert.ThrowsAny<ArgumentException>(() => lossAndGradient(new ReadOnlyTensorSpan<float>(prototypes, [maxPerClass + 1, f]), new TensorSpan<float>(gradient, [maxPerClass + 2, f]), 1f));
        Assert.Equal("classPrototypes", ex.ParamName);
        Assert.StartsWith($"classPrototypes has lengths [{maxPerClass + 1}, {f}]; expected [n, {f}] with 1 ≤ n ≤ {maxPerClass}.", ex.Message);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));

        // Good prototypes and a gradient of other lengths: the gradient is measured against the class's own parameter.
        ex = Assert.ThrowsAny<ArgumentException>(() => lossAndGradient(new ReadOnlyTensorSpan<float>(prototypes, [maxPerClass, f]), new TensorSpan<float>(gradient, [maxPerClass + 1, f]), 1f));
        Assert.Equal("classGradient", ex.ParamName);
        Assert.StartsWith($"classGradient has lengths [{maxPerClass + 1}, {f}]; expected classPrototypes' [{maxPerClass}, {f}].", ex.Message);
        Assert.All(gradient, v => Assert.Equal(Sentinel, v));
    }

    // A class tensor of the wrong lengths is reported by its lengths against [n, F] with 1 ≤ n ≤ MaxPerClass: the
    // element count alone would not tell [4, 64] from [2, 128], and P (the full call's row count) is not the bound.
    private static void ClassTensorMessagesNameTheLengths(int maxPerClass, int f, TensorLoss loss)
    {
        string expected = $"[n, {f}] with 1 ≤ n ≤ {maxPerClass}";
        Assert.StartsWith($"classPrototypes must have rank 2, lengths {expected}; it has rank 1.", Message([f]));
        Assert.StartsWith($"classPrototypes has lengths [{maxPerClass + 1}, {f}]; expected {expected}.", Message([maxPerClass + 1, f]));
        Assert.StartsWith($"classPrototypes has lengths [0, {f}]; expected {expected}.", Message([0, f]));
        Assert.StartsWith($"classPrototypes has lengths [1, {f + 1}]; expected {expected}.", Message([1, f + 1]));

        string Message(nint[] lengths)
        {
            Tensor<float> tensor = Tensor.CreateFromShape<float>(lengths);
            var ex = Assert.ThrowsAny<ArgumentException>(() => loss(tensor, 1f));
            Assert.Equal("classPrototypes", ex.ParamName);
            return ex.Message;
        }
    }

    /// <summary>
    /// Counted on every thread, in a process where nothing else runs (see <see cref="Allocations"/>); every batch must
    /// allocate nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloatShapes))]
    [MemberData(nameof(DoubleShapes))]
    public void Calls_allocate_nothing(string shape) =>
        Allocations.Measure(ClassKernelAllocations.Suite)[shape].AssertNone(shape);

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Concurrent_callers_each_get_the_single_caller_bits(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        float[] w = TestData.Values(k.MaxPerClass * k.Features, 6, 0.5).ToFloat();
        float[] expected = new float[w.Length];
        float term = k.ClassDiversityLoss(w, expected, 0.6f);
        var results = new (float Term, float[] Gradient)[4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, i =>
        {
            float[] gradient = new float[w.Length];
            float t = 0;
            for (int call = 0; call < 200; call++)
            {
                t = k.ClassDiversityLoss(w, gradient, 0.6f);
            }

            results[i] = (t, gradient);
        });

        Assert.All(results, r =>
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(term), BitConverter.SingleToInt32Bits(r.Term));
            Assert.Equal(expected, r.Gradient);
        });
    }

    /// <summary>Classes by row index written concurrently into one gradient, labels interleaved: the full call's rows.</summary>
    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Concurrent_classes_by_row_index_fill_one_gradient_with_the_full_calls_rows(string shape)
    {
        PrototypeRegularizer<float> k = ClassKernelEngines.Float(shape);
        int p = k.MaxPrototypes, f = k.Features;
        int[] labels = [.. Enumerable.Range(0, p).Select(i => i % k.NClasses)];
        float[] w = TestData.Values(p * f, 9, 1.5 / Math.Sqrt(f)).ToFloat();
        float[] expected = new float[w.Length];
        k.PrototypeDiversityLoss(w, labels, expected, 0.8f);
        float[] gradient = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        Parallel.For(0, k.NClasses, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
            k.ClassDiversityLossAt(w, TestData.RowsOf(labels, c), gradient, 0.8f));
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), gradient.Select(BitConverter.SingleToInt32Bits));
    }

    public static TheoryData<string> GeneratedFloatShapes() => ClassKernelEngines.GeneratedFloatShapes();

    [Theory]
    [MemberData(nameof(GeneratedFloatShapes))]
    public void The_compiled_class_kernels_are_the_generated_ones_to_the_bit(string shape)
    {
        PrototypeRegularizer<float> generated = ClassKernelEngines.Float(shape), compiled = ClassKernelEngines.Float("compiled " + shape);
        int f = generated.Features;
        for (int n = 1; n <= generated.MaxPerClass; n++)
        {
            float[] w = TestData.Values(n * f, 30 + n, 0.6).ToFloat();
            float[] g = new float[w.Length], gc = new float[w.Length];
            Assert.Equal(BitConverter.SingleToInt32Bits(generated.ClassDiversityLoss(w, g, 0.9f)), BitConverter.SingleToInt32Bits(compiled.ClassDiversityLoss(w, gc, 0.9f)));
            Assert.Equal(g, gc);
            Assert.Equal(BitConverter.SingleToInt32Bits(generated.ClassDiversityLoss(w, 0.9f)), BitConverter.SingleToInt32Bits(compiled.ClassDiversityLoss(w, 0.9f)));
        }
    }

    [Fact]
    public void Static_members_are_the_regularizers_kernels()
    {
        StaticAgrees(
            Shape4x3x64f.Regularizer, Shape4x3x64f.ClassDiversityLoss, Shape4x3x64f.ClassDiversityLoss, (in ReadOnlyTensorSpan<float> p, float s) => Shape4x3x64f.ClassDiversityLoss(p, s), (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => Shape4x3x64f.ClassDiversityLoss(p, g, s));
        StaticAgrees(
            Shape10x3x64f.Regularizer, Shape10x3x64f.ClassDiversityLoss, Shape10x3x64f.ClassDiversityLoss, (in ReadOnlyTensorSpan<float> p, float s) => Shape10x3x64f.ClassDiversityLoss(p, s), (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => Shape10x3x64f.ClassDiversityLoss(p, g, s));
        StaticAgrees(
            LoopShape.Regularizer, LoopShape.ClassDiversityLoss, LoopShape.ClassDiversityLoss, (in ReadOnlyTensorSpan<float> p, float s) => LoopShape.ClassDiversityLoss(p, s), (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => LoopShape.ClassDiversityLoss(p, g, s));
        StaticAgrees(
            ParallelShape.Regularizer, ParallelShape.ClassDiversityLoss, ParallelShape.ClassDiversityLoss, (in ReadOnlyTensorSpan<float> p, float s) => ParallelShape.ClassDiversityLoss(p, s), (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => ParallelShape.ClassDiversityLoss(p, g, s));
        StaticAgrees(
            Shape5x1x16f.Regularizer, Shape5x1x16f.ClassDiversityLoss, Shape5x1x16f.ClassDiversityLoss, (in ReadOnlyTensorSpan<float> p, float s) => Shape5x1x16f.ClassDiversityLoss(p, s), (in ReadOnlyTensorSpan<float> p, in TensorSpan<float> g, float s) => Shape5x1x16f.ClassDiversityLoss(p, g, s));

        // σ = 1 by default, on the statics as on the regularizer; each call writes rows of its own.
        float[] w = TestData.Values(3 * 64, 8, 0.2).ToFloat();
        float[] g = new float[w.Length], g1 = new float[w.Length], g2 = new float[w.Length];
        Assert.Equal(Shape4x3x64f.Regularizer.ClassDiversityLoss(w, 1f), Shape4x3x64f.ClassDiversityLoss(w));
        Assert.Equal(Shape4x3x64f.Regularizer.ClassDiversityLoss(w, g, 1f), Shape4x3x64f.ClassDiversityLoss(w, g1));
        Assert.Contains(g, v => v != 0);
        Assert.Equal(g, g1);
        Assert.Equal(Shape4x3x64f.Regularizer.ClassDiversityLoss(w, 1f), Shape4x3x64f.Regularizer.ClassDiversityLoss(w));
        Assert.Equal(Shape4x3x64f.Regularizer.ClassDiversityLoss(w, g, 1f), Shape4x3x64f.Regularizer.ClassDiversityLoss(w, g2));
        Assert.Equal(g, g2);
    }

    private delegate float SpanLoss(ReadOnlySpan<float> classPrototypes, float sigmaDiv);

    private delegate float SpanLossAndGradient(ReadOnlySpan<float> classPrototypes, Span<float> classGradient, float sigmaDiv);

    private delegate float TensorLoss(in ReadOnlyTensorSpan<float> classPrototypes, float sigmaDiv);

    private delegate float TensorLossAndGradient(in ReadOnlyTensorSpan<float> classPrototypes, in TensorSpan<float> classGradient, float sigmaDiv);

    private static void StaticAgrees(PrototypeRegularizer<float> r, SpanLoss loss, SpanLossAndGradient lossAndGradient, TensorLoss tensorLoss, TensorLossAndGradient tensorLossAndGradient)
    {
        int f = r.Features;
        for (int n = 1; n <= r.MaxPerClass; n++)
        {
            float[] w = TestData.Values(n * f, 20 + n, 0.4).ToFloat();
            float[] expected = new float[w.Length], g = new float[w.Length], gt = new float[w.Length];
            float term = r.ClassDiversityLoss(w, expected, 0.75f);
            Assert.Equal(term, loss(w, 0.75f));
            Assert.Equal(term, lossAndGradient(w, g, 0.75f));
            Assert.Equal(expected, g);
            Assert.Equal(term, tensorLoss(new ReadOnlyTensorSpan<float>(w, [n, f]), 0.75f));
            Assert.Equal(term, tensorLossAndGradient(new ReadOnlyTensorSpan<float>(w, [n, f]), new TensorSpan<float>(gt, [n, f]), 0.75f));
            Assert.Equal(expected, gt);
        }

        float[] sentinel = new float[r.MaxPerClass * f];
        sentinel.AsSpan().Fill(Sentinel);
        Assert.Equal("classGradient", Assert.ThrowsAny<ArgumentException>(() => lossAndGradient(new float[f], sentinel.AsSpan(0, f - 1), 1f)).ParamName);
        Assert.Equal("classPrototypes", Assert.ThrowsAny<ArgumentException>(() => loss(new float[(r.MaxPerClass + 1) * f], 1f)).ParamName);
        Assert.Equal("classPrototypes", Assert.ThrowsAny<ArgumentException>(() => tensorLoss(new ReadOnlyTensorSpan<float>(new float[f], [1, 1, f]), 1f)).ParamName);
        ClassTensorMessagesNameTheLengths(r.MaxPerClass, f, tensorLoss);
        BothTensorsBad(r.MaxPerClass, f, tensorLossAndGradient);
        float[] reshaped = [.. Enumerable.Repeat(Sentinel, f)];
        Assert.Equal("classGradient", Assert.ThrowsAny<ArgumentException>(() => tensorLossAndGradient(new ReadOnlyTensorSpan<float>(new float[f], [1, f]), new TensorSpan<float>(reshaped, [f, 1]), 1f)).ParamName);
        Assert.All(reshaped, v => Assert.Equal(Sentinel, v));
        Assert.Equal("sigmaDiv", Assert.ThrowsAny<ArgumentException>(() => lossAndGradient(new float[sentinel.Length], sentinel, -1f)).ParamName);
        Assert.Equal("classGradient", Assert.ThrowsAny<ArgumentException>(() => lossAndGradient(sentinel, sentinel, 1f)).ParamName);
        Assert.All(sentinel, v => Assert.Equal(Sentinel, v));
    }

    [Fact]
    public void Generic_code_reaches_the_class_kernels_through_the_interface()
    {
        int n = Outer<int>.Middle.Inner.MaxPerClass, f = Outer<int>.Middle.Inner.Features;
        float[] w = TestData.Values(n * f, 12, 0.5).ToFloat();
        float[] g = new float[w.Length], expected = new float[w.Length];
        float term = Outer<int>.Middle.Inner.ClassDiversityLoss(w, expected, 0.5f);
        Assert.Equal((term, term), Terms<Outer<int>.Middle.Inner>(w, g, 0.5f));
        Assert.Equal(expected, g);
    }

    private static (float WithGradient, float Alone) Terms<TShape>(ReadOnlySpan<float> w, Span<float> g, float sigma)
        where TShape : IPrototypeRegularizer<float> =>
        (TShape.ClassDiversityLoss(w, g, sigma), TShape.ClassDiversityLoss(w, sigma));

    [Fact]
    public void Generic_code_reaches_the_class_kernels_by_row_index_through_the_interfaces_regularizer()
    {
        Assert.Same(Outer<int>.Middle.Inner.Regularizer, RegularizerOf<Outer<int>.Middle.Inner>());
        int p = Outer<int>.Middle.Inner.NClasses * Outer<int>.Middle.Inner.MaxPerClass, f = Outer<int>.Middle.Inner.Features;
        int[] labels = [.. Enumerable.Range(0, p).Select(i => i % Outer<int>.Middle.Inner.NClasses)];
        float[] w = TestData.Values(p * f, 13, 0.3).ToFloat();
        float[] expected = new float[w.Length];
        Outer<int>.Middle.Inner.PrototypeDiversityLoss(w, labels, expected, 0.5f);
        float[] g = Enumerable.Repeat(Sentinel, w.Length).ToArray();
        int[] rows = TestData.RowsOf(labels, 1);
        RegularizerOf<Outer<int>.Middle.Inner>().ClassDiversityLossAt(w, rows, g, 0.5f);
        Assert.All(Enumerable.Range(0, p), r => Assert.Equal(rows.Contains(r) ? expected.AsSpan(r * f, f).ToArray() : Enumerable.Repeat(Sentinel, f), g.AsSpan(r * f, f).ToArray()));
    }

    private static PrototypeRegularizer<float> RegularizerOf<TShape>()
        where TShape : IPrototypeRegularizer<float> => TShape.Regularizer;
}
