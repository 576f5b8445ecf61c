using System.Globalization;
using KernelGen.Generators.Emitting;

namespace KernelGen.Generators.Tests;

/// <summary>The generated code's double literals name the value they were made from, in the fewest digits tried.</summary>
public class LiteralsTests
{
    [Theory]
    [InlineData(1e-6, "1E-06")]
    [InlineData(1e-3, "0.001")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.1102230246251565e-16, "1.1102230246251565E-16")]   // 2⁻⁵³
    [InlineData(double.Epsilon, "4.94065645841247E-324")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    public void Common_values_read_as_written(double value, string text)
    {
        Assert.Equal(text, Literals.Number(value));
        Assert.Equal(text + "d", Literals.Double(value));
    }

    [Fact]
    public void Every_literal_parses_back_to_its_value_in_at_most_17_digits()
    {
        var random = new Random(20261205);
        for (int i = 0; i < 100_000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            string text = Literals.Number(value);
            Assert.Equal(value, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            string mantissa = text.Split('E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0');
            Assert.InRange(mantissa.Length, 1, 17);
        }
    }
}
