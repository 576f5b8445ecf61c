using KernelGen.Compiler;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// ε may be as large as 1e150. There the unrolled kernels take one log per pivot, and the product of a class's last two
/// pivots, about (1 + ε)², is near 1e300: it must stay finite, so every class size's loss agrees with the reference's
/// (the golden tolerances), the class kernel's term with it, and the gradient is finite and the reference's. The shapes
/// go through the run-time compiler, which runs the generator's code for them.
/// </summary>
public class LargeEpsilonTests
{
    public static TheoryData<int, double> Cases() => SizesUpTo(ShapeLimits.MaxUnrolledPerClass + 1);

    /// <summary>The bound the messages write (KG0005, the engines' ArgumentOutOfRangeException) is the bound checked.</summary>
    [Fact]
    public void The_bound_is_written_as_it_is_checked()
    {
        Assert.Equal(ShapeLimits.MaxEpsilon, double.Parse(ShapeLimits.MaxEpsilonText, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ShapeLimits.IsValidEpsilon(ShapeLimits.MaxEpsilon));
        Assert.False(ShapeLimits.IsValidEpsilon(Math.BitIncrement(ShapeLimits.MaxEpsilon)));
        Assert.True(ShapeLimits.IsValidEpsilon(double.Epsilon));
        Assert.False(ShapeLimits.IsValidEpsilon(0));
        Assert.False(ShapeLimits.IsValidEpsilon(double.NaN));
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<float>(2, 2, 2, Math.BitIncrement(ShapeLimits.MaxEpsilon)));
        Assert.Equal("epsilon", thrown.ParamName);
        Assert.StartsWith($"epsilon must be positive and at most {ShapeLimits.MaxEpsilonText}.", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Classes of up to four members in more than one block take their kernel entries from the group's exp pass, and at
    /// such ε their factorisations from those entries take one log per pivot: five classes, a full block and one more.
    /// </summary>
    public static TheoryData<int, double> SeveralBlocks() => SizesUpTo(4);

    /// <summary>Every class size from 2 to <paramref name="largest"/>, each at ε = 1e100 and at the largest ε allowed.</summary>
    private static TheoryData<int, double> SizesUpTo(int largest)
    {
        var data = new TheoryData<int, double>();
        for (int m = 2; m <= largest; m++)
        {
            data.Add(m, 1e100);
            data.Add(m, ShapeLimits.MaxEpsilon);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_class_size_agrees_with_the_reference_at_large_epsilon_in_double(int m, double epsilon) =>
        Check(KernelCompiler.Compile<double>(2, m, 3, epsilon), Regularizers.Create<double>(2, m, 3, epsilon), v => v, 1e-10);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_class_size_agrees_with_the_reference_at_large_epsilon_in_float(int m, double epsilon) =>
        Check(KernelCompiler.Compile<float>(2, m, 3, epsilon), Regularizers.Create<float>(2, m, 3, epsilon), v => v.ToFloat(), 1e-5);

    [Theory]
    [MemberData(nameof(SeveralBlocks))]
    public void Several_blocks_of_small_classes_agree_with_the_reference_at_large_epsilon_in_double(int m, double epsilon) =>
        Check(KernelCompiler.Compile<double>(5, m, 3, epsilon), Regularizers.Create<double>(5, m, 3, epsilon), v => v, 1e-10);

    [Theory]
    [MemberData(nameof(SeveralBlocks))]
    public void Several_blocks_of_small_classes_agree_with_the_reference_at_large_epsilon_in_float(int m, double epsilon) =>
        Check(KernelCompiler.Compile<float>(5, m, 3, epsilon), Regularizers.Create<float>(5, m, 3, epsilon), v => v.ToFloat(), 1e-5);

    private static void Check<T>(PrototypeRegularizer<T> compiled, PrototypeRegularizer<T> reference, Func<double[], T[]> convert, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int p = compiled.MaxPrototypes, f = compiled.Features, m = compiled.MaxPerClass;
        int[] labels = TestData.ClassMajorLabels(compiled.NClasses, m);
        T[] w = convert(TestData.Values(p * f, 5, 1.0));
        T[] gradient = Enumerable.Repeat(T.NaN, w.Length).ToArray(), referenceGradient = Enumerable.Repeat(T.NaN, w.Length).ToArray();

        double expected = double.CreateTruncating(reference.PrototypeDiversityLoss(w, labels, referenceGradient, T.One));
        double loss = double.CreateTruncating(compiled.PrototypeDiversityLoss(w, labels, gradient, T.One));
        double term = 0;
        for (int c = 0; c < compiled.NClasses; c++)
        {
            term += double.CreateTruncating(compiled.ClassDiversityLoss(w.AsSpan(c * m * f, m * f), T.One));
        }

        // About −n·m·log ε over n classes: large and negative, and finite.
        Assert.True(double.IsFinite(expected) && expected < 0, $"reference {expected}");
        Assert.True(Math.Abs(loss - expected) <= tolerance * Math.Abs(expected), $"{compiled.NClasses} × {m}: loss {loss}, reference {expected}");
        double lossAlone = double.CreateTruncating(compiled.PrototypeDiversityLoss(w, labels, T.One));
        Assert.True(Math.Abs(lossAlone - expected) <= tolerance * Math.Abs(expected), $"{compiled.NClasses} × {m}: the loss alone {lossAlone}, reference {expected}");
        Assert.True(Math.Abs(term - expected) <= tolerance * Math.Abs(expected), $"{compiled.NClasses} × {m}: terms {term}, reference {expected}");
        Assert.All(gradient, g => Assert.True(T.IsFinite(g)));

        // The rows' coefficients are about K/ε²: under the flush bound (semantics.md) in float, and in double at
        // ε = 1e150, so those rows are zeros; in double at ε = 1e100 they are about 1e−200. Zeros where the reference
        // writes zeros, and elsewhere the gradient tolerance's relative term, since its absolute term (1e−10) would
        // accept any row of that size.
        Assert.Equal(referenceGradient.Select(T.IsZero), gradient.Select(T.IsZero));
        double largest = referenceGradient.Max(g => Math.Abs(double.CreateTruncating(g)));
        bool rowsExpected = typeof(T) == typeof(double) && compiled.Epsilon < 1e150;
        Assert.Equal(rowsExpected, largest > 0);
        for (int i = 0; i < gradient.Length; i++)
        {
            double difference = Math.Abs(double.CreateTruncating(gradient[i]) - double.CreateTruncating(referenceGradient[i]));
            Assert.True(difference <= 1e-8 * largest, $"{compiled.NClasses} × {m}: gradient[{i}] {gradient[i]} against {referenceGradient[i]}");
        }
    }
}
