using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using KernelGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Which overload of <see cref="Regularizers"/> a call binds to, for every call form of every function: arrays,
/// <see cref="Span{T}"/> and <see cref="ReadOnlySpan{T}"/> always bind to a span overload, with or without an explicit
/// type argument (the float and double ones without, the generic ones with), and tensors to a tensor overload. Each
/// call is compiled by Roslyn, its bound method checked, then run, and its result and output compared with the span
/// overload called directly.
/// </summary>
public class RegularizersOverloadTests
{
    private const int P = 12, F = 8, Classes = 4, PerClass = 3;

    /// <summary>One call form: the call with placeholders, and what it computes.</summary>
    /// <param name="Call">
    /// <c>{m}</c> the method and type argument, <c>{p}</c> the prototypes or relevances, <c>{g}</c> the gradient or
    /// destination (for in-place forms, the values), <c>{s}</c> the literal suffix of the element type.
    /// </param>
    /// <param name="HasTensorOverload">Whether a tensor overload exists for this form.</param>
    /// <param name="InPlace">Whether <c>{g}</c> starts as a copy of the input and is transformed in place.</param>
    /// <param name="Gradient">For the diversity loss, whether the call writes a gradient.</param>
    /// <param name="Sigma">The σ the call uses (1 where it omits it).</param>
    /// <param name="L1">The prox's L1 strength (−1 for the diversity loss).</param>
    /// <param name="L2">The prox's L2 strength.</param>
    /// <param name="Lr">The prox's step size (1 where the call omits it).</param>
    public sealed record Form(string Call, bool HasTensorOverload, bool InPlace, bool Gradient, double Sigma, double L1, double L2, double Lr);

    private static readonly Form[] s_forms =
    [
        new("PrototypeDiversityLoss{m}({p}, labels, 0.7{s}, 4, 3)", true, false, false, 0.7, -1, 0, 0),
        new("PrototypeDiversityLoss{m}({p}, labels, {g}, 0.7{s}, 4, 3)", true, false, true, 0.7, -1, 0, 0),
        new("PrototypeDiversityLoss{m}({p}, labels, 0.7{s})", false, false, false, 0.7, -1, 0, 0),
        new("PrototypeDiversityLoss{m}({p}, labels)", false, false, false, 1, -1, 0, 0),
        new("PrototypeDiversityLoss{m}({p}, labels, {g}, 0.7{s})", false, false, true, 0.7, -1, 0, 0),
        new("PrototypeDiversityLoss{m}({p}, labels, {g})", false, false, true, 1, -1, 0, 0),
        new("SparseRelevanceProximal{m}({p}, {g}, 0.25{s}, 0.5{s})", true, false, false, 0, 0.25, 0, 0.5),
        new("SparseRelevanceProximal{m}({p}, {g}, 0.25{s})", false, false, false, 0, 0.25, 0, 1),
        new("SparseRelevanceProximal{m}({g}, 0.25{s}, 0.5{s})", false, true, false, 0, 0.25, 0, 0.5),
        new("SparseRelevanceProximal{m}({g}, 0.25{s})", false, true, false, 0, 0.25, 0, 1),
        new("ElasticNetProximal{m}({p}, {g}, 0.25{s}, 0.75{s}, 0.5{s})", true, false, false, 0, 0.25, 0.75, 0.5),
        new("ElasticNetProximal{m}({p}, {g}, 0.25{s}, 0.75{s})", false, false, false, 0, 0.25, 0.75, 1),
        new("ElasticNetProximal{m}({g}, 0.25{s}, 0.75{s}, 0.5{s})", false, true, false, 0, 0.25, 0.75, 0.5),
        new("ElasticNetProximal{m}({g}, 0.25{s}, 0.75{s})", false, true, false, 0, 0.25, 0.75, 1),
    ];

    /// <summary>How the caller holds its data: the declarations, and whether the kind is a tensor.</summary>
    private sealed record Kind(string Name, string Declarations, bool IsTensor);

    private static readonly Kind[] s_kinds =
    [
        new("array", "var pv = w; var gv = g;", false),
        new("Span", "Span<T> pv = w; Span<T> gv = g;", false),
        new("ReadOnlySpan", "ReadOnlySpan<T> pv = w; Span<T> gv = g;", false),
        new("Tensor", "Tensor<T> pv = Tensor.Create(w, [12, 8]); Tensor<T> gv = gt;", true),
        new("TensorSpan", "ReadOnlyTensorSpan<T> pv = Tensor.Create(w, [12, 8]).AsReadOnlyTensorSpan(); TensorSpan<T> gv = gt.AsTensorSpan();", true),
    ];

    /// <summary>One compiled call: its method name in the generated class, and what it should bind to.</summary>
    private sealed record Case(string Name, Form Form, Kind Kind, string Element, string Call);

    public static TheoryData<string> LanguageVersions() => new(nameof(LanguageVersion.Latest), nameof(LanguageVersion.Preview));

    [Theory]
    [MemberData(nameof(LanguageVersions))]
    public void Every_call_form_binds_to_the_intended_overload_and_computes_the_span_result(string languageVersion)
    {
        List<Case> cases = Cases();
        var parseOptions = new CSharpParseOptions(Enum.Parse<LanguageVersion>(languageVersion));
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source(cases), parseOptions, path: "Calls.cs");
        var compilation = CSharpCompilation.Create(
            $"OverloadCalls{languageVersion}",
            [tree],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

        // Binding: the method each call resolved to.
        SemanticModel model = compilation.GetSemanticModel(tree);
        var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Regularizers" } })
            .ToList();
        Assert.Equal(cases.Count, calls.Count);
        for (int i = 0; i < cases.Count; i++)
        {
            Case c = cases[i];
            var method = Assert.IsAssignableFrom<IMethodSymbol>(model.GetSymbolInfo(calls[i]).Symbol);
            string first = method.OriginalDefinition.Parameters[0].Type.Name;
            string where = $"{c.Name}: {c.Call} bound to {method.ToDisplayString()}";
            if (c.Kind.IsTensor)
            {
                Assert.True(method.IsGenericMethod, where);
                Assert.Equal("ReadOnlyTensorSpan", first);
            }
            else
            {
                Assert.True(first is "ReadOnlySpan" or "Span", where);
            }

            Assert.True(method.Parameters[0].Type is INamedTypeSymbol { TypeArguments: [var element] } && element.Name == c.Element, where);
        }

        // Values: each call against the span overload called directly on the same data.
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext($"overloads-{languageVersion}", isCollectible: true);
        context.Resolving += (_, name) => AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        try
        {
            Type calls0 = context.LoadFromStream(image).GetType("Calls")!;
            float[] wf = TestData.Values(P * F, 5, 0.8).ToFloat();
            double[] wd = TestData.Values(P * F, 5, 0.8);
            int[] labels = [.. Enumerable.Range(0, P).Select(i => i / PerClass)];
            foreach (Case c in cases)
            {
                MethodInfo run = calls0.GetMethod(c.Name)!;
                double[] actual = c.Element == "Single"
                    ? (double[])run.Invoke(null, [wf.Clone(), labels])!
                    : (double[])run.Invoke(null, [wd.Clone(), labels])!;
                double[] expected = c.Element == "Single" ? ExpectedFloat(c.Form, wf, labels) : ExpectedDouble(c.Form, wd, labels);
                Assert.True(expected.SequenceEqual(actual), $"{c.Name}: {c.Call} gave {actual[0]}, … where the span overload gives {expected[0]}, …");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// The same forms with arrays and an explicit type argument, compiled by the SDK's compiler with this project:
    /// a tensor overload would see a rank-1 tensor and throw for the diversity loss.
    /// </summary>
    [Fact]
    public void Arrays_with_an_explicit_type_argument_compute_the_span_result()
    {
        float[] w = TestData.Values(P * F, 5, 0.8).ToFloat();
        int[] labels = [.. Enumerable.Range(0, P).Select(i => i / PerClass)];
        (Func<float[], double> Call, Form Form)[] calls =
        [
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels, 0.7f, 4, 3), s_forms[0]),
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels, o, 0.7f, 4, 3), s_forms[1]),
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels, 0.7f), s_forms[2]),
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels), s_forms[3]),
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels, o, 0.7f), s_forms[4]),
            (o => Regularizers.PrototypeDiversityLoss<float>(w, labels, o), s_forms[5]),
            (o => Regularizers.SparseRelevanceProximal<float>(w, o, 0.25f, 0.5f), s_forms[6]),
            (o => Regularizers.SparseRelevanceProximal<float>(w, o, 0.25f), s_forms[7]),
            (o => Regularizers.SparseRelevanceProximal<float>(o, 0.25f, 0.5f), s_forms[8]),
            (o => Regularizers.SparseRelevanceProximal<float>(o, 0.25f), s_forms[9]),
            (o => Regularizers.ElasticNetProximal<float>(w, o, 0.25f, 0.75f, 0.5f), s_forms[10]),
            (o => Regularizers.ElasticNetProximal<float>(w, o, 0.25f, 0.75f), s_forms[11]),
            (o => Regularizers.ElasticNetProximal<float>(o, 0.25f, 0.75f, 0.5f), s_forms[12]),
            (o => Regularizers.ElasticNetProximal<float>(o, 0.25f, 0.75f), s_forms[13]),
        ];
        Assert.Equal(s_forms.Length, calls.Length);
        foreach (var (call, form) in calls)
        {
            float[] output = form.InPlace ? (float[])w.Clone() : new float[w.Length];
            double[] actual = [call(output), .. output.Select(v => (double)v)];
            Assert.Equal(ExpectedFloat(form, w, labels), actual);
        }
    }

    [Fact]
    public void The_matrix_covers_every_public_function_of_Regularizers()
    {
        string[] functions = [.. typeof(Regularizers).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => m.Name).Where(n => n != nameof(Regularizers.Create)).Distinct().Order()];
        Assert.Equal(["ElasticNetProximal", "PrototypeDiversityLoss", "SparseRelevanceProximal"], functions);

        // Every span overload, generic or not, has a form here: as many forms per function as generic span overloads.
        foreach (string function in functions)
        {
            int genericSpan = typeof(Regularizers).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Count(m => m.Name == function && m.IsGenericMethodDefinition && m.GetParameters()[0].ParameterType.Name is "ReadOnlySpan`1" or "Span`1");
            Assert.Equal(genericSpan, s_forms.Count(f => f.Call.StartsWith(function + "{", StringComparison.Ordinal)));
        }
    }

    private static List<Case> Cases()
    {
        var cases = new List<Case>();
        foreach (var (element, keyword, suffix) in new[] { ("Single", "float", "f"), ("Double", "double", "") })
        {
            for (int f = 0; f < s_forms.Length; f++)
            {
                foreach (Kind kind in s_kinds)
                {
                    if (kind.IsTensor && !s_forms[f].HasTensorOverload) continue;
                    if (s_forms[f].InPlace && kind.Name == "ReadOnlySpan") continue;   // in place takes the values as Span<T>
                    foreach (bool explicitType in new[] { false, true })
                    {
                        string call = s_forms[f].Call.Replace("{m}", explicitType ? $"<{keyword}>" : "", StringComparison.Ordinal)
                            .Replace("{p}", "pv", StringComparison.Ordinal).Replace("{g}", "gv", StringComparison.Ordinal)
                            .Replace("{s}", suffix, StringComparison.Ordinal);
                        cases.Add(new Case($"Case{cases.Count}", s_forms[f], kind, element, call));
                    }
                }
            }
        }

        return cases;
    }

    /// <summary>One static method per case: takes the values and labels, returns the result followed by the output values.</summary>
    private static string Source(List<Case> cases)
    {
        var source = new StringBuilder("""
            using System;
            using System.Linq;
            using System.Numerics.Tensors;
            using KernelGen;

            public static class Calls
            {

            """);
        foreach (Case c in cases)
        {
            string t = c.Element == "Single" ? "float" : "double";
            source.AppendLine($$"""
                    public static double[] {{c.Name}}({{t}}[] w, int[] labels)
                    {
                        {{t}}[] g = {{(c.Form.InPlace ? $"({t}[])w.Clone()" : $"new {t}[w.Length]")}};
                        Tensor<{{t}}> gt = Tensor.Create(g, [12, 8]);
                        {{c.Kind.Declarations.Replace("<T>", $"<{t}>", StringComparison.Ordinal)}}
                        double result = Regularizers.{{c.Call}};
                        return [result, .. {{(c.Kind.IsTensor ? "gt.ToArray()" : "g")}}];
                    }

                """);
        }

        return source.Append('}').ToString();
    }

    private static double[] ExpectedFloat(Form form, float[] w, int[] labels)
    {
        float[] output = form.InPlace ? (float[])w.Clone() : new float[w.Length];
        double result = form.L1 < 0
            ? form.Gradient
                ? Regularizers.PrototypeDiversityLoss(w, labels, output, (float)form.Sigma, Classes, PerClass)
                : Regularizers.PrototypeDiversityLoss(w, labels, (float)form.Sigma, Classes, PerClass)
            : form.InPlace
                ? Regularizers.ElasticNetProximal(output, (float)form.L1, (float)form.L2, (float)form.Lr)
                : Regularizers.ElasticNetProximal(w, output, (float)form.L1, (float)form.L2, (float)form.Lr);
        return [result, .. output.Select(v => (double)v)];
    }

    private static double[] ExpectedDouble(Form form, double[] w, int[] labels)
    {
        double[] output = form.InPlace ? (double[])w.Clone() : new double[w.Length];
        double result = form.L1 < 0
            ? form.Gradient
                ? Regularizers.PrototypeDiversityLoss(w, labels, output, form.Sigma, Classes, PerClass)
                : Regularizers.PrototypeDiversityLoss(w, labels, form.Sigma, Classes, PerClass)
            : form.InPlace
                ? Regularizers.ElasticNetProximal(output, form.L1, form.L2, form.Lr)
                : Regularizers.ElasticNetProximal(w, output, form.L1, form.L2, form.Lr);
        return [result, .. output];
    }

    /// <summary>
    /// Every overload that takes the shape takes ε too, and uses it: span and tensor, float and double, generic and not,
    /// with and without a gradient. Two coincident prototypes of one class: K = [[1, 1], [1, 1]], det(K + εI) = 2ε + ε²,
    /// so the loss is −log(2ε + ε²), 6.2 at ε = 1e-3 against 13.1 at the default.
    /// </summary>
    [Fact]
    public void Every_bounded_overload_uses_the_epsilon_it_is_given()
    {
        const double epsilon = 1e-3;
        double expected = -Math.Log(2 * epsilon + epsilon * epsilon);
        int[] labels = [0, 0];
        double[] w = [0.25, -0.5, 0.25, -0.5];
        float[] wf = [0.25f, -0.5f, 0.25f, -0.5f];
        double[] g = new double[4];
        float[] gf = new float[4];
        var t = new System.Numerics.Tensors.ReadOnlyTensorSpan<double>(w, [2, 2]);
        var tf = new System.Numerics.Tensors.ReadOnlyTensorSpan<float>(wf, [2, 2]);
        var gt = new System.Numerics.Tensors.TensorSpan<double>(g, [2, 2]);
        var gtf = new System.Numerics.Tensors.TensorSpan<float>(gf, [2, 2]);

        GoldenTolerance.AssertLoss(isFloat: false, expected, Regularizers.PrototypeDiversityLoss(w, labels, 1.0, 1, 2, epsilon), "double span");
        GoldenTolerance.AssertLoss(isFloat: false, expected, Regularizers.PrototypeDiversityLoss(w, labels, g, 1.0, 1, 2, epsilon), "double span, gradient");
        GoldenTolerance.AssertLoss(isFloat: true, expected, Regularizers.PrototypeDiversityLoss(wf, labels, 1f, 1, 2, epsilon), "float span");
        GoldenTolerance.AssertLoss(isFloat: true, expected, Regularizers.PrototypeDiversityLoss(wf, labels, gf, 1f, 1, 2, epsilon), "float span, gradient");
        GoldenTolerance.AssertLoss(isFloat: false, expected, Regularizers.PrototypeDiversityLoss<double>(w, labels, 1.0, 1, 2, epsilon), "generic double span");
        GoldenTolerance.AssertLoss(isFloat: true, expected, Regularizers.PrototypeDiversityLoss<float>(wf, labels, 1f, 1, 2, epsilon), "generic float span");
        GoldenTolerance.AssertLoss(isFloat: false, expected, Regularizers.PrototypeDiversityLoss<double>(t, labels, 1.0, 1, 2, epsilon), "double tensor");
        GoldenTolerance.AssertLoss(isFloat: false, expected, Regularizers.PrototypeDiversityLoss<double>(t, labels, gt, 1.0, 1, 2, epsilon), "double tensor, gradient");
        GoldenTolerance.AssertLoss(isFloat: true, expected, Regularizers.PrototypeDiversityLoss<float>(tf, labels, 1f, 1, 2, epsilon), "float tensor");
        GoldenTolerance.AssertLoss(isFloat: true, expected, Regularizers.PrototypeDiversityLoss<float>(tf, labels, gtf, 1f, 1, 2, epsilon), "float tensor, gradient");
        Assert.Equal(Regularizers.PrototypeDiversityLoss(w, labels, 1.0, 1, 2, epsilon), Regularizers.PrototypeDiversityLoss<double>(w, labels, 1.0, 1, 2, epsilon));
    }
}
