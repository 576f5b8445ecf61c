using System.Globalization;
using Microsoft.CodeAnalysis;
using KernelGen.Generators.Emitting;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    [InlineData(-0.001, "-0.001")]
    [InlineData(-0.1 - 0.2, "-0.30000000000000004")]
    public void Common_values_read_as_written(double value, string text)
    {
        Assert.Equal(text, Literals.Number(value));
        Assert.Equal(text + "d", Literals.Double(value));
    }

    /// <summary>
    /// The C# compiler reads every literal back as its value (its own parser, as on any host). This runs on .NET 10,
    /// where "R" round-trips too; it guards the choice of digits, not the .NET Framework host itself.
    /// </summary>
    [Fact]
    public void The_compiler_reads_every_literal_back_as_its_value()
    {
        var random = new Random(20261205);
        for (int i = 0; i < 100_000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
            {
                continue;
            }

            string literal = Literals.Double(value);
            var expression = SyntaxFactory.ParseExpression(literal);
            double read = expression is PrefixUnaryExpressionSyntax { OperatorToken.Text: "-", Operand: LiteralExpressionSyntax negated }
                ? -(double)negated.Token.Value!
                : (double)((LiteralExpressionSyntax)expression).Token.Value!;
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read));
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_build_machine_culture()
    {
        const string source = "using KernelGen;\nnamespace N;\n[Shapes(3, 2, 8, Epsilon = 2.5e-7)] public partial class C { }\n";
        string invariant = RunUnder(CultureInfo.InvariantCulture, source);

        // A culture whose minus sign is U+2212 and whose decimal separator is a comma.
        var odd = (CultureInfo)CultureInfo.GetCultureInfo("sv-SE").Clone();
        odd.NumberFormat.NegativeSign = "\u2212";
        odd.NumberFormat.NumberDecimalSeparator = ",";
        string underOdd = RunUnder(odd, source);

        Assert.Equal(invariant, underOdd);
        Assert.Contains("2.5E-07d", underOdd, StringComparison.Ordinal);
        // U+2212 appears in the maths of the comments; it must never precede a digit (a literal).
        Assert.DoesNotMatch("\u2212[0-9]", underOdd);
    }

    private static string RunUnder(CultureInfo culture, string source)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            var (result, diagnostics) = GeneratorHarness.Run(source);
            Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            return result.GeneratedSources.Single().SourceText.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
