using System.Numerics;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The class kernels (<see cref="PrototypeRegularizer{T}.ClassDiversityLoss(ReadOnlySpan{T}, Span{T}, T)"/>) on every
/// engine and shape: each class's gradient rows are the bits the same engine's full call writes for that class, with
/// class-major and shuffled labels and every class size from 1 to MaxPerClass, and the classes' terms add up to the
/// full loss within semantics.md's loss tolerance.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class ClassKernelTests
{
    public static TheoryData<string> FloatShapes() => ClassKernelEngines.FloatShapes();

    public static TheoryData<string> DoubleShapes() => ClassKernelEngines.DoubleShapes();

    /// <summary>The double engines whose classes can hold a pair.</summary>
    public static TheoryData<string> DoubleShapesWithPairs() => new(ClassKernelEngines.DoubleNames.Where(s => ClassKernelEngines.Double(s).MaxPerClass > 1));

    [Fact]
    public void Every_engine_the_suites_run_has_its_class_kernels_tested()
    {
        Assert.Equal(Engines.Float().Select(e => e.Shape).Order(StringComparer.Ordinal), ClassKernelEngines.FloatNames);
        Assert.Equal(Engines.Double().Select(e => e.Shape).Order(StringComparer.Ordinal), ClassKernelEngines.DoubleNames);
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Float_class_rows_are_the_full_calls_rows_to_the_bit(string shape) =>
        EveryLayout(ClassKernelEngines.Float(shape), v => v.ToFloat(), 1e-5, 1e-5);

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Double_class_rows_are_the_full_calls_rows_to_the_bit(string shape) =>
        EveryLayout(ClassKernelEngines.Double(shape), v => v, 1e-10, 1e-10);

    /// <summary>
    /// Every class full with class-major labels (the kernels' fast path, rows by position); then for each size s from 1
    /// to MaxPerClass, classes of sizes s, s + 1, … (wrapping), class-major and shuffled (the grouped order), so each
    /// class size meets each position in a block.
    /// </summary>
    private static void EveryLayout<T>(PrototypeRegularizer<T> k, Func<double[], T[]> convert, double relative, double absolute)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = k.MaxPerClass;
        Check(k, Enumerable.Repeat(m, k.NClasses).ToArray(), shuffle: false, convert, relative, absolute, seed: 3);
        for (int s = 1; s <= m; s++)
        {
            int[] sizes = [.. Enumerable.Range(0, k.NClasses).Select(c => (c + s - 1) % m + 1)];
            Check(k, sizes, shuffle: false, convert, relative, absolute, seed: 10 + s);
            Check(k, sizes, shuffle: true, convert, relative, absolute, seed: 50 + s);
        }
    }

    private static void Check<T>(PrototypeRegularizer<T> k, int[] sizes, bool shuffle, Func<double[], T[]> convert, double relative, double absolute, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int f = k.Features;
        int[] labels = TestData.ClassMajorLabels(sizes);
        if (shuffle)
        {
            new Random(seed).Shuffle(labels);
        }

        // Squared distances of order one whatever the feature count, so kernel entries are neither 1 nor 0.
        T[] w = convert(TestData.Values(labels.Length * f, seed, 1.5 / Math.Sqrt(f)));
        // σ = 0.8: 2/σ² is inexact, so a class kernel that formed the gradient's scale in another order than the full call
        // would write other bits; double rows show it, float rows round a 1-ulp change in the coefficient away.
        T sigma = T.CreateTruncating(0.8);
        T[] gradient = new T[w.Length];
        T loss = k.PrototypeDiversityLoss(w, labels, gradient, sigma);

        // The class kernels over each class's row indices write into one whole gradient, so every row gets written once.
        T unwritten = T.CreateTruncating(7);
        T[] viaRows = new T[w.Length];
        viaRows.AsSpan().Fill(unwritten);

        double sum = 0;
        for (int c = 0; c < k.NClasses; c++)
        {
            int[] rows = TestData.RowsOf(labels, c);
            if (rows.Length > 0)
            {
                T rowsTerm = k.ClassDiversityLossAt(w, rows, viaRows, sigma);
                if (c == 0)
                {
                    // The first class's call wrote its rows and nothing else.
                    Assert.All(Enumerable.Range(0, labels.Length).Where(i => labels[i] != c), r => Assert.All(viaRows.AsSpan(r * f, f).ToArray(), v => Assert.Equal(unwritten, v)));
                }

                foreach (int r in rows)
                {
                    Assert.True(Bits(gradient.AsSpan(r * f, f)).SequenceEqual(Bits(viaRows.AsSpan(r * f, f))),
                        $"{k}: class {c} (size {rows.Length}), row {r} by its index: it differs from the full call's.");
                }

                Assert.Equal(Bit(rowsTerm), Bit(k.ClassDiversityLossAt(w, rows, sigma)));
                Assert.Equal(Bit(rowsTerm), Bit(k.ClassDiversityLoss([.. rows.SelectMany(r => w.AsSpan(r * f, f).ToArray())], sigma)));
            }

            T[] classPrototypes = [.. rows.SelectMany(r => w.AsSpan(r * f, f).ToArray())];
            T[] classGradient = new T[classPrototypes.Length];
            classGradient.AsSpan().Fill(T.CreateTruncating(7));
            T term = k.ClassDiversityLoss(classPrototypes, classGradient, sigma);
            for (int i = 0; i < rows.Length; i++)
            {
                Assert.True(Bits(gradient.AsSpan(rows[i] * f, f)).SequenceEqual(Bits(classGradient.AsSpan(i * f, f))),
                    $"{k}: class {c} (size {rows.Length}), member {i}: its row differs from the full call's.");
            }

            Assert.Equal(Bit(term), Bit(k.ClassDiversityLoss(classPrototypes, sigma)));
            if (rows.Length == 1)
            {
                Assert.Equal(0L, Bit(term));
            }

            sum += double.CreateTruncating(term);
        }

        Assert.True(Bits(gradient).SequenceEqual(Bits(viaRows)), $"{k}: the rows by index differ from the full call's gradient.");
        double expected = double.CreateTruncating(loss);
        Assert.True(Math.Abs(sum - expected) <= relative * Math.Abs(expected) + absolute, $"{k}: Σ terms {sum} against the loss {expected}.");
    }

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void A_non_finite_coordinate_makes_its_class_term_and_rows_NaN_as_in_the_full_call(string shape) =>
        NonFiniteCoordinates(ClassKernelEngines.Float(shape), v => v.ToFloat());

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void A_non_finite_coordinate_makes_its_class_term_and_rows_NaN_as_in_the_full_call_in_double(string shape) =>
        NonFiniteCoordinates(ClassKernelEngines.Double(shape), v => v);

    /// <summary>
    /// NaN, +∞ and −∞ in the first member's first feature, the last member's middle one and its last one (a masked
    /// vector tail where the width does not divide the features), for every class size.
    /// </summary>
    private static void NonFiniteCoordinates<T>(PrototypeRegularizer<T> k, Func<double[], T[]> convert)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = k.MaxPerClass, f = k.Features;
        T sigma = T.CreateTruncating(1.1);
        foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
        {
            for (int n = 1; n <= m; n++)
            {
                foreach (int at in new[] { 0, (n - 1) * f + f / 2, n * f - 1 })
                {
                    T[] w = convert(TestData.Values(n * f, 5 + n, 0.3));
                    w[at] = bad;
                    T[] g = new T[w.Length];
                    T term = k.ClassDiversityLoss(w, g, sigma);
                    if (n == 1)
                    {
                        // A lone prototype contributes 0 and a zero row whatever its coordinates.
                        Assert.Equal(0L, Bit(term));
                        Assert.All(Bits(g), v => Assert.Equal(0L, v));
                        continue;
                    }

                    Assert.True(T.IsNaN(term), $"{k}: n = {n}, {bad} at {at}: term {term}.");
                    Assert.True(T.IsNaN(k.ClassDiversityLoss(w, sigma)));
                    Assert.All(g, v => Assert.True(T.IsNaN(v), $"{k}: n = {n}, {bad} at {at}: a row entry {v}."));

                    // The full call on the same class (alone in class 0) writes the same rows.
                    T[] full = new T[w.Length];
                    k.PrototypeDiversityLoss(w, new int[n], full, sigma);
                    Assert.Equal(Bits(full), Bits(g));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Coinciding_prototypes_give_the_full_calls_rows_in_double(string shape)
    {
        // Near collapse B has entries of order 1/ε: the difference form keeps the rows exact, in both calls alike. In a
        // class of two the copy is moved by 1e−9 in one feature: an exact pair's rows are zeros by that form.
        PrototypeRegularizer<double> k = ClassKernelEngines.Double(shape);
        int n = k.MaxPerClass, f = k.Features;
        double[] w = TestData.Values(n * f, 9, 1e-4);
        Array.Copy(w, 0, w, (n - 1) * f, f);
        if (n == 2)
        {
            w[f] += 1e-9;
        }

        double[] g = Enumerable.Repeat(double.NaN, w.Length).ToArray(), full = Enumerable.Repeat(double.NaN, w.Length).ToArray();
        double term = k.ClassDiversityLoss(w, g, 0.9);
        double loss = k.PrototypeDiversityLoss(w, new int[n], full, 0.9);
        Assert.Equal(Bits<double>(full), Bits<double>(g));
        if (double.IsInfinity(loss))
        {
            // 1 + ε rounds to 1 for the tiny-ε shape: the block is singular, in both calls alike.
            Assert.Equal(loss, term);
            return;
        }

        if (n > 1)
        {
            Assert.All(full, v => Assert.True(double.IsFinite(v), $"{k}: a row entry {v}."));
            Assert.Contains(full, v => v != 0);
        }

        Assert.True(Math.Abs(term - loss) <= 1e-10 * Math.Abs(loss) + 1e-10, $"{k}: {term} against {loss}.");
    }

    /// <summary>
    /// Members 9 or more apart at σ = 1: the closest pairs' gradient coefficients are about 1e−35, under float's flush
    /// bound (1e−30) and over double's (1e−290, semantics.md). A double class keeps those rows, non-zero, as the full
    /// call does; a class kernel that took float's bound would zero them.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoubleShapesWithPairs))]
    public void Coefficients_under_floats_flush_bound_give_the_full_calls_rows_in_double(string shape)
    {
        PrototypeRegularizer<double> k = ClassKernelEngines.Double(shape);
        int n = k.MaxPerClass, f = k.Features;

        // Member 0 at the origin, member i at 9·(1 + (i − 1) / f) on axis (i − 1) mod f: every pair at least 9 apart.
        double[] w = new double[n * f];
        for (int member = 1; member < n; member++)
        {
            w[member * f + (member - 1) % f] = 9 * (1 + (member - 1) / f);
        }

        double[] g = new double[w.Length], full = new double[w.Length];
        k.ClassDiversityLoss(w, g, 1.0);
        k.PrototypeDiversityLoss(w, new int[n], full, 1.0);
        Assert.Contains(full, v => v != 0 && Math.Abs(v) < 1e-30);
        Assert.Equal(Bits<double>(full), Bits<double>(g));
    }

    internal static long[] Bits<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bits = new long[values.Length];
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = Bit(values[i]);
        }

        return bits;
    }

    internal static long[] Bits<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => Bits((ReadOnlySpan<T>)values);

    private static long[] Bits<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> => Bits((ReadOnlySpan<T>)values);

    internal static long Bit<T>(T value) => value switch
    {
        float x => BitConverter.SingleToInt32Bits(x),
        double x => BitConverter.DoubleToInt64Bits(x),
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}
