using System.Collections.Immutable;
using System.Text.RegularExpressions;
using KernelGen.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Tests;

/// <summary>Every KG diagnostic, at the location the user should look at; and no crash on malformed attributes.</summary>
public class DiagnosticTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // id, source (the class declaration), the text the diagnostic must point at, its message
        { "KG0001", "[Shapes(2, 2, 4)] public static class Reg { }", "Reg", "'Reg' must be declared partial so [Shapes] can generate kernels into it" },
        { "KG0001", "public class Outer { [Shapes(2, 2, 4)] public static partial class Reg { } }", "Outer", "'Outer' must be declared partial so [Shapes] can generate kernels into 'Reg'" },
        { "KG0002", "[Shapes(0, 2, 4)] public static partial class Reg { }", "0", "nClasses must be at least 1, but is 0" },
        { "KG0002", "[Shapes(2, 0, 4)] public static partial class Reg { }", "0", "maxPerClass must be at least 1, but is 0" },
        { "KG0002", "[Shapes(nClasses: 2, maxPerClass: -1, features: 4)] public static partial class Reg { }", "maxPerClass: -1", "maxPerClass must be at least 1, but is -1" },
        { "KG0002", "[Shapes(features: 0, nClasses: 2, maxPerClass: 2)] public static partial class Reg { }", "features: 0", "features must be at least 1, but is 0" },
        // KG0003 on the argument the factories name as ParamName for the same shape.
        { "KG0003", "[Shapes(2000000, 2, 4)] public static partial class Reg { }", "2000000", "The shape 2000000 × 2 × 4 exceeds the limit nClasses ≤ 1048576" },
        { "KG0003", "[Shapes(2, 2000, 4)] public static partial class Reg { }", "2000", "The shape 2 × 2000 × 4 exceeds the limit maxPerClass ≤ 1024" },
        { "KG0003", "[Shapes(2, 2, 2000000)] public static partial class Reg { }", "2000000", "The shape 2 × 2 × 2000000 exceeds the limit features ≤ 1048576" },
        { "KG0003", "[Shapes(1000000, 1000, 999)] public static partial class Reg { }", "1000", "The shape 1000000 × 1000 × 999 exceeds the limit nClasses · maxPerClass ≤ 16777216" },
        { "KG0003", "[Shapes(1000, 1000, 3000)] public static partial class Reg { }", "3000", "The shape 1000 × 1000 × 3000 exceeds the limit nClasses · maxPerClass · features ≤ 2147483647" },
        { "KG0003", "[Shapes(features: 3000, nClasses: 1000, maxPerClass: 1000)] public static partial class Reg { }", "features: 3000", "The shape 1000 × 1000 × 3000 exceeds the limit nClasses · maxPerClass · features ≤ 2147483647" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = typeof(int))] public static partial class Reg { }", "ElementType = typeof(int)", "ElementType must be typeof(float) or typeof(double), not 'int'" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = null!)] public static partial class Reg { }", "ElementType = null!", "ElementType must be typeof(float) or typeof(double), not 'null'" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = typeof(decimal))] public static partial class Reg { }", "ElementType = typeof(decimal)", "ElementType must be typeof(float) or typeof(double), not 'decimal'" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = typeof(string))] public static partial class Reg { }", "ElementType = typeof(string)", "ElementType must be typeof(float) or typeof(double), not 'string'" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = typeof(System.Collections.Generic.List<>))] public static partial class Reg { }", "ElementType = typeof(System.Collections.Generic.List<>)", "ElementType must be typeof(float) or typeof(double), not 'System.Collections.Generic.List<>'" },
        { "KG0004", "[Shapes(2, 2, 4, ElementType = typeof(System.Span<>))] public static partial class Reg { }", "ElementType = typeof(System.Span<>)", "ElementType must be typeof(float) or typeof(double), not 'System.Span<>'" },
        { "KG0005", "[Shapes(2, 2, 4, Epsilon = 0)] public static partial class Reg { }", "Epsilon = 0", "Epsilon must be positive and at most 1e150, but is 0" },
        { "KG0005", "[Shapes(2, 2, 4, Epsilon = -1e-3)] public static partial class Reg { }", "Epsilon = -1e-3", "Epsilon must be positive and at most 1e150, but is -0.001" },
        { "KG0005", "[Shapes(2, 2, 4, Epsilon = double.NaN)] public static partial class Reg { }", "Epsilon = double.NaN", "Epsilon must be positive and at most 1e150, but is NaN" },
        { "KG0005", "[Shapes(2, 2, 4, Epsilon = 1.5e150)] public static partial class Reg { }", "Epsilon = 1.5e150", "Epsilon must be positive and at most 1e150, but is 1.5E+150" },
        { "KG0005", "[Shapes(2, 2, 4, Epsilon = double.PositiveInfinity)] public static partial class Reg { }", "Epsilon = double.PositiveInfinity", "Epsilon must be positive and at most 1e150, but is Infinity" },
        { "KG0006", "[Shapes(2, 2, 4)] public static partial class Reg { public const int Features = 3; }", "Features", "[Shapes] on 'Reg' generates 'Features', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public static partial class Reg { public static void ElasticNetProximal() { } }", "ElasticNetProximal", "[Shapes] on 'Reg' generates 'ElasticNetProximal', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public static partial class Reg { public static float ClassDiversityLoss(System.ReadOnlySpan<float> p, float s) => 0; }", "ClassDiversityLoss", "[Shapes] on 'Reg' generates 'ClassDiversityLoss', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "public class Base { public const int Features = 3; } [Shapes(2, 2, 4)] public partial class Reg : Base { }", "Features", "[Shapes] on 'Reg' generates 'Features', which 'Base' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "public class Base { protected static void Regularizer() { } } public class Middle : Base { } [Shapes(2, 2, 4)] public partial class Reg : Middle { }", "Regularizer", "[Shapes] on 'Reg' generates 'Regularizer', which 'Base' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public partial class Reg : IPrototypeRegularizer<float> { static int IPrototypeRegularizer<float>.NClasses => 2; }", "NClasses", "[Shapes] on 'Reg' generates 'NClasses', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4, ElementType = typeof(double))] public partial class Reg : IPrototypeRegularizer<double> { static double IPrototypeRegularizer<double>.Epsilon => 1; }", "Epsilon", "[Shapes] on 'Reg' generates 'Epsilon', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public partial class Reg { [System.Runtime.CompilerServices.IndexerName(\"Features\")] public int this[int i] => i; }", "this", "[Shapes] on 'Reg' generates 'Features', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public static partial class Reg { public static int get_Regularizer() => 1; }", "get_Regularizer", "[Shapes] on 'Reg' generates 'get_Regularizer', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0012", "using static N.Consts; public static class Consts { public const int Features = 10; } [Shapes(2, 2, 4)] public static partial class Reg { public static int Width => Features; }", "Features", "'Features' here is 'Consts.Features', but once [Shapes] generates 'Features' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "public partial class Outer { public const int MaxPerClass = 7; [Shapes(2, 2, 4)] public static partial class Reg { public static int PerClass => MaxPerClass; } }", "MaxPerClass", "'MaxPerClass' here is 'Outer.MaxPerClass', but once [Shapes] generates 'MaxPerClass' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "public partial class Outer { public const int Features = 4; [Shapes(2, 2, Features * 2)] public static partial class Reg; }", "Features", "'Features' here is 'Outer.Features', but once [Shapes] generates 'Features' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "using Regularizer = System.Int32; [Shapes(2, 2, 4)] static partial class Reg { public static int Max => Regularizer.MaxValue; }", "Regularizer", "'Regularizer' here is 'int', but once [Shapes] generates 'Regularizer' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "public static partial class Outer { public const int Features = 8; [Shapes(2, 2, 4)] public partial class Reg { public static bool A(object o) => o is Features; } }", "Features", "'Features' here is 'Outer.Features', but once [Shapes] generates 'Features' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "public static partial class Outer { public static int NClasses; [Shapes(2, 2, 4)] public partial class Reg { public static int[] A() => new[] { NClasses = 5 }; } }", "NClasses", "'NClasses' here is 'Outer.NClasses', but once [Shapes] generates 'NClasses' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0012", "public partial class Gen<Features> where Features : System.Numerics.IAdditiveIdentity<Features, Features> { [Shapes(2, 2, 4)] public static partial class Reg { public static Features Zero() => Features.AdditiveIdentity; } }", "Features", "'Features' here is 'Features', but once [Shapes] generates 'Features' into 'Reg' it will mean the generated member: qualify it" },
        { "KG0006", "[Shapes(2, 2, 4)] public partial class Reg(int Features) { public int F() => Features; }", "Features", "[Shapes] on 'Reg' generates 'Features', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public partial class Reg(System.Func<int> PrototypeDiversityLoss) { public int G() => PrototypeDiversityLoss(); }", "PrototypeDiversityLoss", "[Shapes] on 'Reg' generates 'PrototypeDiversityLoss', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0006", "[Shapes(2, 2, 4)] public partial record Reg(int Features) { public int F() => Features; }", "Features", "[Shapes] on 'Reg' generates 'Features', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own" },
        { "KG0010", "[Shapes(2, 2, 4)] file static partial class Reg { }", "Reg", "'Reg' is declared file, so the generated partial in another file cannot extend it: remove the file modifier" },
        { "KG0010", "file static partial class Outer { [Shapes(2, 2, 4)] public static partial class Reg { } }", "Outer", "'Outer' is declared file, so the generated partial in another file cannot extend 'Reg': remove the file modifier" },
        { "KG0011", "[Shapes(2, 2, 4)] public static partial class Regularizer { }", "Regularizer", "'Regularizer' is the name of a member [Shapes] generates into 'Regularizer', and a member cannot share the name of its type or of a type parameter: rename it" },
        { "KG0011", "public static partial class Outer { [Shapes(2, 2, 4)] public static partial class Features { } }", "Features", "'Features' is the name of a member [Shapes] generates into 'Features', and a member cannot share the name of its type or of a type parameter: rename it" },
        { "KG0011", "[Shapes(2, 2, 4)] public partial class Reg<T, Features> { }", "Features", "'Features' is the name of a member [Shapes] generates into 'Reg', and a member cannot share the name of its type or of a type parameter: rename it" },
        { "KG0013", "[Shapes(2, 2, 4, ElementType = typeof(double))] public partial class Reg : IPrototypeRegularizer<float> { }", "IPrototypeRegularizer<float>", "'Reg' lists 'IPrototypeRegularizer<float>', but [Shapes] implements IPrototypeRegularizer<double> (its ElementType): remove 'IPrototypeRegularizer<float>' from the base list, since [Shapes] adds its own, or change ElementType" },
        { "KG0013", "[Shapes(2, 2, 4)] public partial class Reg<T> : IPrototypeRegularizer<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> { }", "IPrototypeRegularizer<T>", "'Reg' lists 'IPrototypeRegularizer<T>', but [Shapes] implements IPrototypeRegularizer<float> (its ElementType): remove 'IPrototypeRegularizer<T>' from the base list, since [Shapes] adds its own, or change ElementType" },
        { "KG0013", "[Shapes(2, 2, 4)] public partial class Reg { } public partial class Reg : System.IDisposable, KernelGen.IPrototypeRegularizer<double> { public void Dispose() { } }", "KernelGen.IPrototypeRegularizer<double>", "'Reg' lists 'IPrototypeRegularizer<double>', but [Shapes] implements IPrototypeRegularizer<float> (its ElementType): remove 'IPrototypeRegularizer<double>' from the base list, since [Shapes] adds its own, or change ElementType" },
        // KG0018: the class's own constants, by name or member access, directly or through a constant.
        { "KG0018", "[Shapes(4, 3, Reg.NClasses)] public static partial class Reg { }", "Shapes(4, 3, Reg.NClasses)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "[Shapes(4, 3, Features)] public static partial class Reg { }", "Shapes(4, 3, Features)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "public class Derived : Reg { } [Shapes(4, 3, Derived.Features)] public partial class Reg { }", "Shapes(4, 3, Derived.Features)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "static class K { public const int N = Reg.MaxPerClass; } [Shapes(K.N, 3, 8)] public static partial class Reg { }", "Shapes(K.N, 3, 8)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "[Shapes(M, 3, 8)] public static partial class Reg { private const int M = Features; }", "Shapes(M, 3, 8)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "[Shapes(Inner.N, 3, 8)] public static partial class Reg { private static class Inner { public const int N = NClasses + 1; } }", "Shapes(Inner.N, 3, 8)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        { "KG0018", "[Shapes((int)Reg.E.B, 1, 1)] static partial class Reg { internal enum E { A = NClasses, B } }", "Shapes((int)Reg.E.B, 1, 1)", "The arguments of 'Reg' read the constants [Shapes] generates into 'Reg', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value" },
        // A declaration that starts with a namespace is taken as the whole file, not put in namespace N.
        { "KG0014", "namespace KernelGen.Generated { static class LabelGroups { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "LabelGroups", "'LabelGroups' is declared in namespace KernelGen.Generated, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Generated.Validation { }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Validation", "'Validation' is declared in namespace KernelGen.Generated, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen { internal enum RegularizerEngine { A } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "RegularizerEngine", "'RegularizerEngine' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen { [Shapes(2, 2, 4)] static partial class Validation; }", "Validation", "'Validation' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Internal { static class Span<T> { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Span", "'Span' is declared in namespace KernelGen.Internal, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Validation { class X { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Validation", "'Validation' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Internal { sealed class MethodImpl : System.Attribute { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "MethodImpl", "'MethodImpl' is declared in namespace KernelGen.Internal, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace System.Runtime.Intrinsics { static class Validation { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Validation", "'Validation' is declared in namespace System.Runtime.Intrinsics, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Generated { static class SimdMath { } }\nnamespace N { [Shapes(10, 3, 64)] static partial class Reg; }", "SimdMath", "'SimdMath' is declared in namespace KernelGen.Generated, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace System { struct UIntPtr { } }\nnamespace N { [Shapes(10, 3, 64)] static partial class Reg; }", "UIntPtr", "'UIntPtr' is declared in namespace System, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        // A type along a name the generated code spells in full from global:: takes that name over too.
        { "KG0014", "namespace KernelGen { class Internal { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Internal", "'Internal' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen { class Generated { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Generated", "'Generated' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace System { class Buffers { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "Buffers", "'Buffers' is declared in namespace System, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace N { [Shapes(2, 2, 4)] static partial class Reg; }\nclass System { }", "System", "'System' is declared in namespace <global namespace>, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace System.CodeDom.Compiler { sealed class GeneratedCodeAttribute : Attribute { public GeneratedCodeAttribute(string tool, string version) { } } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "GeneratedCodeAttribute", "'GeneratedCodeAttribute' is declared in namespace System.CodeDom.Compiler, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen.Internal { static class TensorArguments { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "TensorArguments", "'TensorArguments' is declared in namespace KernelGen.Internal, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace KernelGen { interface IPrototypeRegularizer<T> { } }\nnamespace N { [Shapes(2, 2, 4)] partial class Reg; }", "IPrototypeRegularizer", "'IPrototypeRegularizer' is declared in namespace KernelGen, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0014", "namespace System.Numerics.Tensors { ref struct TensorSpan<T> { } }\nnamespace N { [Shapes(2, 2, 4)] static partial class Reg; }", "TensorSpan", "'TensorSpan' is declared in namespace System.Numerics.Tensors, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own" },
        { "KG0007", "[Shapes(2, 16, 12)] public static partial class Reg { }", "Shapes(2, 16, 12)", "maxPerClass = 16 exceeds 8: 'Reg' factorises each class with loops over scratch instead of straight-line code" },
        { "KG0015", "[Shapes(10, 3, 64, Parallel = true)] public static partial class Reg { }", "Parallel = true", "'Reg' sets Parallel, but its shape 10 × 3 × 64 is under 3 chunks of work, too small to split over cores: its kernels run on the calling thread" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_is_reported_at_the_right_place(string id, string declaration, string locatedText, string message)
    {
        string source = "using KernelGen;\n" + (declaration.StartsWith("namespace ", StringComparison.Ordinal) ? "" : "namespace N;\n") + declaration + "\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(locatedText, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("File0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);   // not raised or lowered on the way out
        Assert.Empty(diagnostic.Descriptor.HelpLinkUri);   // no public home yet: no link that points nowhere
        Assert.Contains(id + " in the Diagnostics table of the KernelGen README", diagnostic.Descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // Errors stop generation for that class; a warning or an info does not.
        Assert.Equal(diagnostic.Severity < DiagnosticSeverity.Error ? 1 : 0, result.GeneratedSources.Length);
    }

    /// <summary>
    /// The generated code needs C# 11: below it a project gets one located error per class and no generated code (which
    /// would fail with dozens of errors in a file the user did not write); from C# 11 on it compiles without a warning.
    /// </summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp11, null)]
    [InlineData(LanguageVersion.CSharp12, null)]
    [InlineData(LanguageVersion.Latest, null)]
    public void Below_CSharp_11_one_located_KG0009_replaces_the_generated_code(LanguageVersion version, string? reported)
    {
        const string source = "using KernelGen;\nnamespace N\n{\n    [Shapes(4, 3, 64)] public static partial class Reg { }\n}\n";
        var (result, compilation) = GeneratorHarness.Run(version, source);
        Assert.Null(result.Exception);
        Assert.Empty(compilation.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        if (reported is null)
        {
            Assert.Empty(result.Diagnostics);
            Assert.Single(result.GeneratedSources);
            return;
        }

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0009", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Shapes(4, 3, 64)", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(
            $"[Shapes] generates code that needs C# 11 or later, and this project compiles C# {reported}: raise <LangVersion> to 11 or later, or remove it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// C# 11 is enough for every plan choice, not only the unrolled static class above: each declaration compiles
    /// warning-free at C# 11 (bodies in braces, since <c>class C;</c> is C# 12).
    /// </summary>
    [Theory]
    [InlineData("[Shapes(3, 5, 17, ElementType = typeof(double))] public partial class Reg { }")]   // non-static, with the interface
    [InlineData("[Shapes(2, 16, 12)] public static partial class Reg { }")]                          // loops
    [InlineData("[Shapes(100, 8, 64, Parallel = true)] public static partial class Reg { }")]        // parallel chunks
    [InlineData("[Shapes(3, 12, 8, Parallel = true, ElementType = typeof(double))] public partial class Reg { }")]
    [InlineData("[Shapes(1, 1, 1)] public partial class Reg { }")]                                   // no pair
    [InlineData("[Shapes(10, 3, 64)] public static partial class Reg { }")]                          // exps in one pass
    [InlineData("[Shapes(4, 3, 2)] public static partial class Reg { }")]                            // no vector width
    [InlineData("[Shapes(3, 4, 8, Epsilon = 1e-100)] public static partial class Reg { }")]          // a log per pivot
    [InlineData("[Shapes(2000, 2, 8)] public static partial class Reg { }")]                         // label scratch rented
    [InlineData("[Shapes(2, 40, 8)] public static partial class Reg { }")]                           // matrix scratch rented
    [InlineData("[Shapes(4, 3, 64)] public partial record Reg(int Id) { }")]
    [InlineData("public partial class Outer<TItem> where TItem : struct { [Shapes(4, 3, 8)] public partial class Reg { } }")]
    public void At_CSharp_11_every_plan_choice_compiles_warning_free(string declaration)
    {
        var (result, compilation) = GeneratorHarness.Run(LanguageVersion.CSharp11, "using KernelGen;\nnamespace N\n{\n    " + declaration + "\n}\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));   // KG0007, an info, for loops
        Assert.NotEmpty(result.GeneratedSources);
        Assert.Empty(compilation.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// The generated code names KernelGen and System.Numerics.Tensors from <c>global::</c>: a project that references
    /// either only under an extern alias gets one located KG0016 and no generated code (which would fail with dozens of
    /// errors), and one that adds <c>global</c> to the aliases gets its kernels.
    /// </summary>
    [Theory]
    [InlineData("KernelGen", "kg", false)]
    [InlineData("System.Numerics.Tensors", "tensors", false)]
    [InlineData("KernelGen", "kg", true)]
    public void A_library_referenced_only_under_an_extern_alias_is_KG0016_and_nothing_is_generated(string library, string alias, bool alsoGlobal)
    {
        string attribute = library == "KernelGen" ? "kg::KernelGen.Shapes(4, 3, 64)" : "KernelGen.Shapes(4, 3, 64)";
        string source = (library == "KernelGen" ? "extern alias kg;\n" : "") + $"namespace N;\n[{attribute}] public static partial class Reg;\n";
        ImmutableArray<string> aliases = alsoGlobal ? ["global", alias] : [alias];
        var compilation = CSharpCompilation.Create("UserProject", [CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: "File0.cs")],
            GeneratorHarness.References.Select(r => r.Display is string path && Path.GetFileNameWithoutExtension(path) == library ? r.WithAliases(aliases) : r),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Single(compilation.References, r => r.Properties.Aliases.Contains(alias));

        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        if (alsoGlobal)
        {
            Assert.Empty(result.Diagnostics);
            Assert.Single(result.GeneratedSources);
            return;
        }

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("KG0016", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(attribute, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(
            $"The project references {library} only under the extern alias '{alias}', but the code [Shapes] generates names it from global::: add 'global' to the reference's aliases (Aliases=\"global,{alias}\")",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>Below C# 11, KG0009 comes alone: nothing else about the declaration is worth fixing first.</summary>
    [Fact]
    public void Below_CSharp_11_KG0009_is_the_only_diagnostic()
    {
        var (result, _) = GeneratorHarness.Run(LanguageVersion.CSharp10,
            "using KernelGen;\nnamespace N;\n[Shapes(0, 3, 64, Epsilon = -1)] public static class Reg { public const int Features = 1; }\n");
        Assert.Equal("KG0009", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>A part declared without <c>partial</c> in another file: the diagnostic is on that part, and nothing is generated.</summary>
    [Fact]
    public void A_part_declared_without_partial_elsewhere_is_reported_on_that_part()
    {
        var (result, _) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public static partial class Reg { }\n",
            "namespace N;\npublic static class Reg { }\n");
        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "KG0001");
        Assert.Equal("File1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// A file-local class may carry <c>file</c> on one part only: KG0010 is on the part that carries it, the modifier
    /// to remove, not on the part with <c>[Shapes]</c>.
    /// </summary>
    [Fact]
    public void The_file_modifier_on_one_part_is_reported_on_that_part()
    {
        const string source = "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] static partial class Reg { }\nfile static partial class Reg { }\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0010", diagnostic.Id);
        Assert.Equal(source.LastIndexOf("Reg", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// The class top-level statements compile into, <c>Program</c>, is declared by their file too, which has no
    /// <c>partial</c> to read; a <c>partial class Program</c> holding a <c>[Shapes]</c> class, or being one, is valid C#
    /// and gets its kernels, with no KG0001.
    /// </summary>
    [Theory]
    [InlineData("public partial class Program { [Shapes(2, 3, 8)] internal static partial class B; }", "Program.B.Features")]
    [InlineData("[Shapes(2, 3, 8)] public partial class Program;", "Program.Features")]
    [InlineData("static int Features() => 3;\n[Shapes(2, 3, 8)] public partial class Program;", "Features() + Program.NClasses")]
    public void The_top_level_statements_Program_declared_partial_gets_its_kernels(string declaration, string read)
    {
        string source = $"using KernelGen;\nSystem.Console.WriteLine({read});\n{declaration}\n";
        CSharpCompilation compilation = GeneratorHarness.Compilation(source).WithOptions(
            GeneratorHarness.Compilation().Options.WithOutputKind(OutputKind.ConsoleApplication));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>Classes of one name in different containers get files of their own, and both compile.</summary>
    [Fact]
    public void Same_named_classes_in_different_containers_each_get_their_kernels()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n" +
            "public static partial class A { [Shapes(2, 2, 4)] public static partial class Reg { } }\n" +
            "public static partial class B { [Shapes(2, 2, 4)] public static partial class Reg { } }\n");
        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Select(s => s.HintName).Distinct().Count());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// Names the compiler's file names cannot tell apart (it compares them ignoring case, and the generator maps
    /// characters outside ASCII to '_') still get a file each, named with the name's hash: a second file of one name
    /// is refused by the compiler and would cost every class its kernels.
    /// </summary>
    [Fact]
    public void Names_differing_in_case_or_outside_ascii_each_get_their_kernels()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n" +
            "[Shapes(2, 2, 4)] public static partial class Reg { }\n" +
            "[Shapes(2, 2, 4)] public static partial class REG { }\n" +
            "[Shapes(2, 2, 4)] public static partial class Ä { }\n" +
            "[Shapes(2, 2, 4)] public static partial class Ö { }\n" +
            "[Shapes(2, 2, 4)] public static partial class A_ { }\n" +
            "[Shapes(2, 2, 4)] public static partial class Aé { }\n",
            "using KernelGen;\nnamespace n;\n[Shapes(2, 2, 4)] public static partial class Reg { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(7, result.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.All(result.GeneratedSources, s => Assert.Matches(@"^[A-Za-z0-9_.+`]+\.[0-9A-F]{16}\.KernelGen\.g\.cs$", s.HintName));
    }

    /// <summary>
    /// Members of a C# 14 extension block are compiled into the class that holds the block: a static extension
    /// property <c>Regularizer</c> has the generated property's getter (CS0082 inside the generated file), an extension
    /// method named like a generated constant meets it (CS0102), and one on the kernels' first parameter type takes a
    /// generated method's signature (CS0111). Each is KG0006 on its name, as a member of the class itself is.
    /// </summary>
    [Theory]
    [InlineData("public static int Regularizer => 1;", "Regularizer")]
    [InlineData("public int Features() => 1;", "Features")]
    [InlineData("public static int Epsilon() => 1;", "Epsilon")]
    [InlineData("public float PrototypeDiversityLoss(System.ReadOnlySpan<int> labels, float sigmaDiv) => 0;", "PrototypeDiversityLoss")]
    [InlineData("public static int get_Regularizer() => 1;", "get_Regularizer")]
    public void An_extension_block_member_named_like_a_generated_one_is_KG0006(string member, string name)
    {
        string source = "using KernelGen;\n[Shapes(2, 2, 4)] public static partial class Reg { extension(System.ReadOnlySpan<float> p) { " + member + " } }\n";
        var (result, _) = GeneratorHarness.Run(LanguageVersion.Preview, source);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0006", diagnostic.Id);
        Assert.Equal(name, diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// Extension members that compile beside the kernels are not refused: names of their own, and properties whose
    /// getters meet no generated one (an instance property's takes the receiver; only <c>Regularizer</c> has a getter).
    /// </summary>
    [Theory]
    [InlineData("extension(int x) { public int Twice => 2 * x; public static int Size => Reg.Features; }")]
    [InlineData("extension(int x) { public int Features => x; public int Regularizer => x; public static int MaxPerClass => 7; }")]
    [InlineData("extension(System.ReadOnlySpan<float> p) { public static int Features => 1; public int Epsilon => p.Length; }")]
    public void An_extension_block_that_does_not_collide_compiles_with_the_kernels(string block)
    {
        var (result, diagnostics) = GeneratorHarness.Run(LanguageVersion.Preview,
            "using KernelGen;\n[Shapes(2, 2, 4)] public static partial class Reg { " + block + " }\n");
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// A hint name is a file name under EmitCompilerGeneratedFiles, and file systems refuse names past 255 bytes: a
    /// long namespace (here 270 characters) would fail the build with CS0016. The readable part keeps the name's last
    /// whole segments within 80 characters (a segment that does not fit is left out whole), or the type's own name's
    /// end where that alone is longer; two names differing only where it is cut keep a file each.
    /// </summary>
    [Fact]
    public void Long_names_get_hint_names_a_file_system_takes()
    {
        string segments = string.Join(".", Enumerable.Range(0, 9).Select(i => "Segment" + i + new string('x', 22)));
        string s76 = "S" + new string('s', 75), s77 = "S" + new string('s', 76), o100 = "O" + new string('o', 99), t150 = "T" + new string('t', 148) + "Z";
        // At the limit and one past it: "E." + 74 + ".Reg" is 80 characters, kept whole; "F." + 75 + ".Reg" is 81, cut after "F.".
        string e74 = "E" + new string('e', 73), f75 = "F" + new string('f', 74);
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace A." + segments + " { [Shapes(2, 2, 4)] public static partial class Reg { } }\n" +
            "namespace B." + segments + " { [Shapes(2, 2, 4)] public static partial class Reg { } }\n",
            "using KernelGen;\nnamespace P." + s76 + ";\n[Shapes(2, 2, 4)] public static partial class Reg { }\n",
            "using KernelGen;\nnamespace Q." + s77 + ";\n[Shapes(2, 2, 4)] public static partial class Reg { }\n",
            "using KernelGen;\npublic static partial class " + o100 + " { [Shapes(2, 2, 4)] public static partial class Inner { } }\n",
            "using KernelGen;\n[Shapes(2, 2, 4)] public static partial class " + t150 + " { }\n",
            "using KernelGen;\nnamespace E." + e74 + ";\n[Shapes(2, 2, 4)] public static partial class Reg { }\n",
            "using KernelGen;\nnamespace F." + f75 + ";\n[Shapes(2, 2, 4)] public static partial class Reg { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string[] readable = [.. result.GeneratedSources.Select(s => Assert.IsType<string>(Readable(s.HintName))).Order(StringComparer.Ordinal)];
        string[] expected = ["Segment7xxxxxxxxxxxxxxxxxxxxxx.Segment8xxxxxxxxxxxxxxxxxxxxxx.Reg", "Segment7xxxxxxxxxxxxxxxxxxxxxx.Segment8xxxxxxxxxxxxxxxxxxxxxx.Reg", s76 + ".Reg", "Reg", "Inner", t150[^80..], "E." + e74 + ".Reg", f75 + ".Reg"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), readable);
        Assert.Equal(8, result.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        string directory = Directory.CreateTempSubdirectory("kernelgen-hints").FullName;
        try
        {
            Assert.All(result.GeneratedSources, s => File.WriteAllText(Path.Combine(directory, s.HintName), ""));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        static string? Readable(string hint) =>
            Regex.Match(hint, @"^(.+)\.[0-9A-F]{16}\.KernelGen\.g\.cs$") is { Success: true } m ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// Names the user escaped with '@' (keywords, reserved or contextual) are escaped in the generated declarations too:
    /// the symbol's name has lost the '@', and written bare, <c>@int</c> would be <c>int</c> (CS1001), <c>@file</c> a
    /// modifier, and <c>@record</c> or <c>@var</c> a warning that fails a build under TreatWarningsAsErrors. Not every
    /// keyword is lower-case letters alone: <c>@__arglist</c> is escaped as a keyword, not as a lower-case name. And any
    /// name of lower-case letters, <c>@lazy</c> (with the alphabet's last letter) among them, warns bare (CS8981).
    /// </summary>
    [Theory]
    [InlineData("namespace @class.@event;\n[Shapes(3, 2, 4)] static partial class @int;")]
    [InlineData("partial class @event { [Shapes(3, 2, 4)] internal static partial class Inner; }")]
    [InlineData("[Shapes(3, 2, 4)] static partial class @file;")]
    [InlineData("[Shapes(3, 2, 4)] static partial class @required;")]
    [InlineData("[Shapes(3, 2, 4)] partial class @record;")]
    [InlineData("[Shapes(3, 2, 4)] partial class @var;")]
    [InlineData("[Shapes(3, 2, 4)] partial class @partial;")]
    [InlineData("partial class @dynamic<@int, @await> { [Shapes(3, 2, 4)] internal partial class @where<@var>; }")]
    [InlineData("[Shapes(3, 2, 4)] static partial class @__arglist;")]
    [InlineData("[Shapes(3, 2, 4)] static partial class @lazy;")]
    public void Escaped_names_compile_without_a_warning(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// The generated partial re-declares every containing type with its own kind: a record struct, an interface or a ref
    /// struct written as a plain struct or class would be a second, conflicting declaration (CS0261).
    /// </summary>
    [Theory]
    [InlineData("partial record struct Outer { [Shapes(3, 2, 4)] internal static partial class Reg; }")]
    [InlineData("readonly partial record struct Outer { [Shapes(3, 2, 4)] internal static partial class Reg; }")]
    [InlineData("partial record class Outer { [Shapes(3, 2, 4)] internal static partial class Reg; }")]
    [InlineData("partial interface IOuter { [Shapes(3, 2, 4)] internal static partial class Reg; }")]
    [InlineData("ref partial struct Outer { [Shapes(3, 2, 4)] internal static partial class Reg; }")]
    public void Every_kind_of_containing_type_compiles_without_a_warning(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// Containing types are re-declared outermost first: the kernels land in the user's <c>A.B.Reg</c>, which code in
    /// and around it can call, not in a new <c>B.A.Reg</c> of the generator's making.
    /// </summary>
    [Theory]
    [InlineData("namespace N; partial class A { partial class B { [Shapes(3, 2, 4)] internal static partial class Reg; static int F => Reg.Features; } }")]
    [InlineData("partial class A { internal partial record B { internal partial struct C { [Shapes(3, 2, 4)] internal static partial class Reg; } } static int M => B.C.Reg.MaxPrototypes; }")]
    public void Types_nested_two_or_more_deep_get_their_kernels_in_the_declared_class(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// A user's namespace or type named System or KernelGen inside KernelGen (or KernelGen.Generated, where the kernels
    /// live) does not change what the generated code's using directives import.
    /// </summary>
    [Theory]
    [InlineData("namespace KernelGen.System;\n[Shapes(3, 2, 4)] static partial class Reg;")]
    [InlineData("namespace KernelGen.KernelGen;\n[Shapes(3, 2, 4)] static partial class Reg;")]
    [InlineData("namespace KernelGen.Generated.System { class X { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen { [Shapes(3, 2, 4)] static partial class System; }")]
    public void Names_like_the_imported_namespaces_compile_without_a_warning(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// Declarations in KernelGen's namespaces that take over no name the kernels use are not KG0014: types named like
    /// no type the kernels name, a type in KernelGen named like a System type (the using directives come first), a
    /// generic arity the kernels do not use, polyfills in System's namespaces, a namespace named like a generic type, and a
    /// namespace inside an imported one named like a type the kernels name (a using directive imports types, not namespaces),
    /// and generic types named like a namespace the generated code spells in full (a namespace's name takes no type arguments).
    /// </summary>
    [Theory]
    [InlineData("namespace KernelGen.Generated { class Unrelated { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen { class Helper { } class Buffer { } class Span { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen.Internal { class Helper { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen { class Validation<T> { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace System.Runtime.CompilerServices { static class IsExternalInit { } sealed class CallerArgumentExpressionAttribute : Attribute { public CallerArgumentExpressionAttribute(string p) { } } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace System { readonly struct Index { } readonly struct Range { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen.Generated.Span { }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace System.Buffers.Math { class X { } }\nnamespace KernelGen.Internal.Unsafe { class Y { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    [InlineData("namespace KernelGen { class Internal<T> { } class Generated<T> { } }\nnamespace System.CodeDom.Compiler { class Unrelated { } }\nnamespace N { [Shapes(3, 2, 4)] static partial class Reg; }")]
    public void Declarations_in_KernelGen_namespaces_that_hide_nothing_compile_without_a_warning(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// A type or alias named <c>nuint</c> where lookup from the kernels' namespace reaches it after the imports (in
    /// KernelGen, in the global namespace, a global using alias) leaves the kernels alone: <c>nuint</c> means the native
    /// integer only while lookup finds no type of that name, so the group's exp pass (a shape of ten classes of three)
    /// names its count's type as <c>UIntPtr</c>, which <c>System</c> holds before any of them.
    /// </summary>
    [Theory]
    [InlineData("#pragma warning disable CS8981\nstruct nuint { }\n#pragma warning restore CS8981")]
    [InlineData("#pragma warning disable CS8981\nnamespace KernelGen { struct nuint { } }\n#pragma warning restore CS8981")]
    [InlineData("#pragma warning disable CS8981\nglobal using nuint = System.Int32;\n#pragma warning restore CS8981")]
    public void A_nuint_outside_the_imported_namespaces_compiles_with_the_kernels(string declaration)
    {
        // Not through AssertCompilesCleanly: a global using must come before its "using KernelGen;".
        var (result, diagnostics) = GeneratorHarness.Run(declaration + "\nnamespace N { [KernelGen.Shapes(10, 3, 64)] static partial class Reg; }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        // The shape takes the group exp pass, whose count the generated code converts.
        Assert.Contains("SimdMath.NegExpInPlace", Assert.Single(result.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// KG0014 is about the generated code: one report per declaration however many classes [Shapes] marks, none while no
    /// class is marked, and no generated file while it stands (it would not compile).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_reserved_name_is_one_KG0014_whatever_the_number_of_classes(int classes)
    {
        string source = "using KernelGen;\nnamespace KernelGen.Generated { static class Validation { } }\nnamespace N\n{\n" +
            string.Concat(Enumerable.Range(0, classes).Select(i => $"    [Shapes(2, 2, 4)] static partial class Reg{i};\n")) + "}\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(classes == 0 ? 0 : 1, result.Diagnostics.Count(d => d.Id == "KG0014"));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// Names spelled like generated members that keep their meaning once the members exist are not KG0012: the
    /// generated members themselves (unbound before), locals and parameters, names after a dot or in an initializer,
    /// nameof, type-only contexts, and members a nested type or its base declares nearer the name.
    /// </summary>
    [Theory]
    [InlineData("[Shapes(2, 3, 4)] static partial class Reg { public static int Total => NClasses * MaxPerClass * Features; static PrototypeRegularizer<float> R => Regularizer; }")]
    [InlineData("[Shapes(2, 3, 4)] static partial class Reg { static int F(int Features) { int Epsilon = Features; return Epsilon; } }")]
    [InlineData("class Box { public int Features; } [Shapes(2, 3, 4)] static partial class Reg { static Box B => new Box { Features = 1 }; static int F(Box b) => b.Features; static string N => nameof(Box.Features); }")]
    [InlineData("class Features { } [Shapes(2, 3, 4)] static partial class Reg { static object Make() => new Features(); }")]
    [InlineData("class Base { public const int Features = 9; } [Shapes(2, 3, 4)] static partial class Reg { class Inner : Base { int F => Features; } }")]
    [InlineData("class Base<T> { public const int Features = 9; } [Shapes(2, 3, 4)] static partial class Reg { class Inner : Base<int> { int F => Features; } }")]
    [InlineData("public partial class Outer { public const int Features = 4; [Shapes(2, 2, Outer.Features * 2)] public static partial class Reg; }")]
    [InlineData("[Shapes(2, 3, 4)] public partial class Reg { public enum Dim { NClasses = 1, Features = 2, Both = NClasses | Features } }")]
    [InlineData("public interface IHas { static int Features => 21; } [Shapes(2, 3, 4)] public partial class Reg { public interface INested : IHas { static int Twice => Features * 2; } }")]
    // The member comes from an interface the nested one extends through another: lookup still finds it before the class.
    [InlineData("public interface IHas { static int Features => 21; } public interface IMore : IHas { } [Shapes(2, 3, 4)] public partial class Reg { public interface INested : IMore { static int Twice => Features * 2; } }")]
    [InlineData("public sealed record Box(float[] Features); [Shapes(2, 3, 4)] public static partial class Reg { public static bool F(object o) => o is Box { Features.Length: Features }; }")]
    [InlineData("public class Features { } [Shapes(2, 3, 4)] public static partial class Reg { public static bool F(object o) => o is Features; }")]
    [InlineData("public partial class Gen<Features> { [Shapes(2, 3, 4)] public static partial class Reg { public static Features? F() => default(Features); } }")]
    public void Names_that_keep_their_meaning_compile_without_KG0012(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>One generated file for <paramref name="declaration"/>, no KG diagnostic, and no warning in the compilation.</summary>
    private static void AssertCompilesCleanly(string declaration)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// A class may implement the interface for the other element type itself: its explicit shape properties are
    /// <c>IPrototypeRegularizer&lt;double&gt;</c>'s, the generated ones <c>IPrototypeRegularizer&lt;float&gt;</c>'s, and the two
    /// sets compile side by side, so neither is KG0006.
    /// </summary>
    [Fact]
    public void Explicit_shape_properties_of_the_other_element_type_are_no_conflict() => AssertCompilesCleanly("""
        [Shapes(2, 3, 4)]
        public partial class Reg : IPrototypeRegularizer<double>
        {
            static int IPrototypeRegularizer<double>.NClasses => 2;
            static int IPrototypeRegularizer<double>.MaxPerClass => 3;
            static int IPrototypeRegularizer<double>.Features => 4;
            static int IPrototypeRegularizer<double>.MaxPrototypes => 6;
            static double IPrototypeRegularizer<double>.Epsilon => 1e-6;
            static PrototypeRegularizer<double> IPrototypeRegularizer<double>.Regularizer => Regularizers.Create<double>(2, 3, 4);
            static double IPrototypeRegularizer<double>.PrototypeDiversityLoss(System.ReadOnlySpan<double> prototypes, System.ReadOnlySpan<int> protoLabels, double sigmaDiv) => 0;
            static double IPrototypeRegularizer<double>.PrototypeDiversityLoss(System.ReadOnlySpan<double> prototypes, System.ReadOnlySpan<int> protoLabels, System.Span<double> gradient, double sigmaDiv) => 0;
            static double IPrototypeRegularizer<double>.ClassDiversityLoss(System.ReadOnlySpan<double> classPrototypes, double sigmaDiv) => 0;
            static double IPrototypeRegularizer<double>.ClassDiversityLoss(System.ReadOnlySpan<double> classPrototypes, System.Span<double> classGradient, double sigmaDiv) => 0;
            static int IPrototypeRegularizer<double>.SparseRelevanceProximal(System.ReadOnlySpan<double> relevances, System.Span<double> destination, double l1Weight, double lr) => 0;
            static int IPrototypeRegularizer<double>.SparseRelevanceProximal(System.Span<double> relevances, double l1Weight, double lr) => 0;
            static int IPrototypeRegularizer<double>.ElasticNetProximal(System.ReadOnlySpan<double> relevances, System.Span<double> destination, double l1Weight, double l2Weight, double lr) => 0;
            static int IPrototypeRegularizer<double>.ElasticNetProximal(System.Span<double> relevances, double l1Weight, double l2Weight, double lr) => 0;
        }
        """);

    /// <summary>
    /// The class's own explicit <c>Regularizer</c> for its element type is no KG0006: the generated <c>Regularizer</c> is
    /// a public static property that implements the interface implicitly, so the class's explicit one takes its place
    /// in the interface and both compile. Only the shape constants are implemented explicitly by the generated code.
    /// </summary>
    [Fact]
    public void An_explicit_Regularizer_of_the_element_type_is_no_conflict() => AssertCompilesCleanly("""
        [Shapes(2, 3, 4)]
        public partial class Reg : IPrototypeRegularizer<float>
        {
            static PrototypeRegularizer<float> IPrototypeRegularizer<float>.Regularizer => Regularizers.Create<float>(2, 3, 4);
        }
        """);

    /// <summary>
    /// A generic class listing <c>IPrototypeRegularizer&lt;T&gt;</c> is KG0013 even when it implements every member for
    /// T: the generated <c>IPrototypeRegularizer&lt;float&gt;</c> may unify with it (T = float), which C# refuses
    /// (CS0695), whatever the class implements.
    /// </summary>
    [Fact]
    public void A_generic_interface_argument_is_KG0013_even_when_the_class_implements_every_member()
    {
        const string source = """
            using KernelGen;
            namespace N;
            [Shapes(2, 3, 4)]
            public partial class Reg<T> : IPrototypeRegularizer<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
            {
                static int IPrototypeRegularizer<T>.NClasses => 2;
                static int IPrototypeRegularizer<T>.MaxPerClass => 3;
                static int IPrototypeRegularizer<T>.Features => 4;
                static double IPrototypeRegularizer<T>.Epsilon => 1e-6;
                static PrototypeRegularizer<T> IPrototypeRegularizer<T>.Regularizer => Regularizers.Create<T>(2, 3, 4);
                static T IPrototypeRegularizer<T>.PrototypeDiversityLoss(System.ReadOnlySpan<T> prototypes, System.ReadOnlySpan<int> protoLabels, T sigmaDiv) => T.Zero;
                static T IPrototypeRegularizer<T>.PrototypeDiversityLoss(System.ReadOnlySpan<T> prototypes, System.ReadOnlySpan<int> protoLabels, System.Span<T> gradient, T sigmaDiv) => T.Zero;
                static T IPrototypeRegularizer<T>.ClassDiversityLoss(System.ReadOnlySpan<T> classPrototypes, T sigmaDiv) => T.Zero;
                static T IPrototypeRegularizer<T>.ClassDiversityLoss(System.ReadOnlySpan<T> classPrototypes, System.Span<T> classGradient, T sigmaDiv) => T.Zero;
                static int IPrototypeRegularizer<T>.SparseRelevanceProximal(System.ReadOnlySpan<T> relevances, System.Span<T> destination, T l1Weight, T lr) => 0;
                static int IPrototypeRegularizer<T>.SparseRelevanceProximal(System.Span<T> relevances, T l1Weight, T lr) => 0;
                static int IPrototypeRegularizer<T>.ElasticNetProximal(System.ReadOnlySpan<T> relevances, System.Span<T> destination, T l1Weight, T l2Weight, T lr) => 0;
                static int IPrototypeRegularizer<T>.ElasticNetProximal(System.Span<T> relevances, T l1Weight, T l2Weight, T lr) => 0;
            }
            """;
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0013", diagnostic.Id);
        Assert.Equal("IPrototypeRegularizer<T>", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// A class that lists <c>IPrototypeRegularizer&lt;U&gt;</c> for another element type and implements only some of its
    /// members is KG0013 all the same: the members it leaves out would be CS0535 errors in the user's class. Only a class
    /// that implements every one of them is left alone.
    /// </summary>
    [Fact]
    public void Implementing_only_part_of_the_other_element_types_interface_is_KG0013()
    {
        const string source = """
            using KernelGen;
            namespace N;
            [Shapes(2, 3, 4, ElementType = typeof(double))]
            public partial class Reg : IPrototypeRegularizer<float>
            {
                static int IPrototypeRegularizer<float>.NClasses => 2;
                static int IPrototypeRegularizer<float>.MaxPerClass => 3;
            }
            """;
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(["KG0013"], result.Diagnostics.Select(d => d.Id));
        Diagnostic diagnostic = result.Diagnostics.Single();
        Assert.Equal("IPrototypeRegularizer<float>", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>[Shapes] where C# does not allow it (a struct, a record struct: CS0592) is the compiler's error alone, with no generated file beside it.</summary>
    [Theory]
    [InlineData("[Shapes(2, 3, 8)] public partial record struct Reg;")]
    [InlineData("[Shapes(2, 3, 8)] public partial struct Reg;")]
    public void Shapes_on_a_struct_generates_nothing(string declaration)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(diagnostics, d => d.Id == "CS0592");
    }

    /// <summary>Listing the interface [Shapes] implements, for its own element type, is no KG0013: the class implements it once.</summary>
    [Theory]
    [InlineData("[Shapes(2, 3, 4)] public partial class Reg : IPrototypeRegularizer<float>, System.IDisposable { public void Dispose() { } }")]
    [InlineData("[Shapes(2, 3, 4, ElementType = typeof(double))] public sealed partial class Reg : IPrototypeRegularizer<double>;")]
    public void The_interface_for_the_element_type_may_be_listed(string declaration) => AssertCompilesCleanly(declaration);

    /// <summary>
    /// A generic class's hint name keeps its metadata name, arity included (<c>Reg`1</c>, <c>Outer+Reg`2</c>), as
    /// a reader finds it under EmitCompilerGeneratedFiles; only characters a file name cannot hold become '_'.
    /// </summary>
    [Fact]
    public void Generic_classes_keep_their_arity_in_the_hint_name()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n" +
            "[Shapes(2, 2, 4)] public partial class Reg<T> { }\n" +
            "public partial class Outer<A> { [Shapes(2, 2, 4)] public partial class Reg<B, C> { } }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string[] hints = [.. result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal)];
        Assert.Equal(2, hints.Length);
        Assert.Matches(@"^N\.Outer`1\+Reg`2\.[0-9A-F]{16}\.KernelGen\.g\.cs$", hints[0]);
        Assert.Matches(@"^N\.Reg`1\.[0-9A-F]{16}\.KernelGen\.g\.cs$", hints[1]);
    }

    /// <summary><c>Parallel = false</c> written out is the default: the same source as not writing it, with no chunked kernels.</summary>
    [Fact]
    public void Parallel_false_generates_what_the_default_does()
    {
        static string Source(string attribute)
        {
            var (result, _) = GeneratorHarness.Run($"using KernelGen;\nnamespace N;\n[{attribute}] public static partial class Reg;\n");
            return Assert.Single(result.GeneratedSources).SourceText.ToString();
        }

        string byDefault = Source("Shapes(100, 8, 64)");
        Assert.Equal(byDefault, Source("Shapes(100, 8, 64, Parallel = false)"));
        Assert.DoesNotContain("ClassChunks", byDefault, StringComparison.Ordinal);
        Assert.Contains("ClassChunks", Source("Shapes(100, 8, 64, Parallel = true)"), StringComparison.Ordinal);
    }

    /// <summary>
    /// An unsupported <c>ElementType</c> is KG0004 alone: with no element type there is no "other" one, so a listed
    /// <c>IPrototypeRegularizer&lt;double&gt;</c> is not also KG0013 (which would tell the user to remove it, or to
    /// change ElementType to the float it never was).
    /// </summary>
    [Theory]
    [InlineData("typeof(int)")]
    [InlineData("null!")]
    public void An_unsupported_element_type_is_not_also_reported_against_a_listed_interface(string elementType)
    {
        var (result, _) = GeneratorHarness.Run(
            $"using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4, ElementType = {elementType})] public partial class Reg : IPrototypeRegularizer<double> {{ }}\n");
        Assert.Null(result.Exception);
        Assert.Equal("KG0004", Assert.Single(result.Diagnostics).Id);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>The largest ε is accepted: KG0005 is for values above it, which a double product of two pivots could overflow.</summary>
    [Fact]
    public void The_largest_epsilon_generates_kernels()
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n[Shapes(2, 3, 4, Epsilon = 1e150)] public static partial class Reg;\n");
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>A value below 1 is KG0002 alone: the limits (KG0003) are about sizes that exist, and a negative product could pass them.</summary>
    [Theory]
    [InlineData("Shapes(0, 2000, 4)")]
    [InlineData("Shapes(-2000000, -2000, 4)")]
    [InlineData("Shapes(2000000, 2000, 0)")]
    public void A_shape_below_one_is_not_also_reported_as_too_large(string attribute)
    {
        var (result, _) = GeneratorHarness.Run($"using KernelGen;\nnamespace N;\n[{attribute}] public static partial class Reg;\n");
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d => Assert.Equal("KG0002", d.Id));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>Every argument below 1 is reported, each on its own argument: a fix for the first alone would meet the next.</summary>
    [Fact]
    public void Every_shape_argument_below_one_is_reported_on_its_own_argument()
    {
        const string source = "using KernelGen;\nnamespace N;\n[Shapes(0, -1, features: 0)] public static partial class Reg;\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.All(result.Diagnostics, d => Assert.Equal("KG0002", d.Id));
        Assert.Equal(
            [("0", "nClasses must be at least 1, but is 0"), ("-1", "maxPerClass must be at least 1, but is -1"), ("features: 0", "features must be at least 1, but is 0")],
            result.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => (source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length), d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// <c>[Shapes]</c> on two partial declarations of one class: the compiler's CS0579, and the kernels once (two
    /// files of one name would take the generator down).
    /// </summary>
    [Fact]
    public void Shapes_on_two_declarations_of_one_class_generates_it_once()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public static partial class Reg { }\n",
            "using KernelGen;\nnamespace N;\n[Shapes(3, 2, 4)] public static partial class Reg { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("NClasses = 2", Assert.Single(result.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Equal(["CS0579"], diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id));
    }

    /// <summary>
    /// The same with both declarations in one file: the first attribute is told apart by its place in the file, not
    /// only by the file, or both declarations would be generated under one hint name, which the compiler refuses.
    /// </summary>
    [Fact]
    public void Shapes_on_two_declarations_of_one_class_in_one_file_generates_it_once()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public static partial class Reg { }\n[Shapes(3, 2, 4)] public static partial class Reg { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("NClasses = 2", Assert.Single(result.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Equal(["CS0579"], diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id));
    }

    /// <summary>
    /// A base class with <c>[Shapes]</c> of its own declares every generated member, though the generator does not see
    /// them in the compilation it reads: KG0006 on the derived class, whose members would hide them (CS0108).
    /// </summary>
    [Fact]
    public void A_base_class_with_shapes_of_its_own_is_a_conflict()
    {
        const string source = "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public partial class Base { }\n[Shapes(2, 2, 4)] public partial class Reg : Base { }\n";
        var (result, _) = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0006", diagnostic.Id);
        Assert.Equal("Reg", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("[Shapes] on 'Reg' generates 'NClasses', which 'Base' already declares; rename it, or put [Shapes] on a class of its own", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("class Base", Assert.Single(result.GeneratedSources).SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Deriving from a <c>[Shapes]</c> base is KG0006 alone, also where the class lists the base's interface for the
    /// other element type: the base implements it once generated, which the compilation the generator reads does not
    /// hold yet, so the listing is not reported as KG0013 on top.
    /// </summary>
    [Fact]
    public void A_shapes_base_is_KG0006_alone_when_the_class_lists_the_bases_interface()
    {
        var (result, _) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public partial class Base { }\n" +
            "[Shapes(2, 2, 4, ElementType = typeof(double))] public partial class Reg : Base, IPrototypeRegularizer<float> { }\n");
        Assert.Null(result.Exception);
        Assert.Equal("KG0006", Assert.Single(result.Diagnostics).Id);
    }

    /// <summary>
    /// A base's member is reported where it is declared, once for each <c>[Shapes]</c> class that inherits it, and the
    /// message names that class: the base may live in a file of its own, far from the classes.
    /// </summary>
    [Fact]
    public void An_inherited_member_is_reported_for_each_shapes_class_by_name()
    {
        const string source = "using KernelGen;\nnamespace N;\npublic class Common { public static double Epsilon = 1; }\n" +
            "[Shapes(2, 3, 4)] public partial class First : Common { }\n[Shapes(2, 3, 4)] public partial class Second : Common { }\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.All(result.Diagnostics, d => Assert.Equal(("KG0006", "Epsilon"), (d.Id, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))));
        Assert.Equal(
            ["[Shapes] on 'First' generates 'Epsilon', which 'Common' already declares; rename it, or put [Shapes] on a class of its own",
             "[Shapes] on 'Second' generates 'Epsilon', which 'Common' already declares; rename it, or put [Shapes] on a class of its own"],
            result.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    /// <summary>
    /// Members of a base in another assembly that the class cannot see (internal, private protected) are no conflict:
    /// nothing hides them. The ones it can see (protected) are, reported on the class: the base is referenced as a
    /// compilation, as an IDE references another project, so its members' source lies in a compilation where this
    /// one's diagnostics may not point (the compiler throws).
    /// </summary>
    [Fact]
    public void Inherited_members_count_only_where_the_class_can_see_them()
    {
        CSharpCompilation library = CSharpCompilation.Create("Library",
            [CSharpSyntaxTree.ParseText("namespace L; public class Base { internal const int Features = 1; private protected static void Regularizer() { } } public class Seen { protected const int Epsilon = 1; }", GeneratorHarness.ParseOptions)],
            GeneratorHarness.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        foreach ((string baseType, string? reported) in new[] { ("L.Base", (string?)null), ("L.Seen", "Epsilon") })
        {
            CSharpCompilation user = GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public partial class Reg : " + baseType + " { }\n")
                .AddReferences(library.ToMetadataReference());
            GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(user, out Compilation output, out _);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            if (reported is null)
            {
                Assert.Empty(result.Diagnostics);
                Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
            }
            else
            {
                Assert.Null(result.Exception);
                Assert.Equal($"[Shapes] on 'Reg' generates '{reported}', which 'Seen' already declares; rename it, or put [Shapes] on a class of its own",
                    Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>A member of a base class the class cannot see is no conflict: nothing hides it, and the code compiles clean.</summary>
    [Fact]
    public void An_inherited_private_member_with_a_generated_name_is_no_conflict()
    {
        var (result, diagnostics) = GeneratorHarness.Run(
            "using KernelGen;\nnamespace N;\npublic class Base { private const int Features = 3; public int F => Features; }\n[Shapes(2, 2, 4)] public partial class Reg : Base { }\n");
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// A class's primary-constructor parameters may be declared on a part other than the one with <c>[Shapes]</c>: one
    /// named like a generated member is KG0006 all the same, on that parameter in its own file. Unreported, the
    /// generated constant would take the parameter's place in the class's code, with no more than a warning that the
    /// parameter is unread.
    /// </summary>
    [Fact]
    public void A_primary_constructor_parameter_on_another_part_is_KG0006_on_that_parameter()
    {
        const string other = "namespace N;\npublic partial class Reg(int Features) { public int F() => Features; }\n";
        var (result, _) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public partial class Reg;\n", other);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0006", diagnostic.Id);
        Assert.Equal("File1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("Features", other.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("[Shapes] on 'Reg' generates 'Features', which 'Reg' already declares; rename it, or put [Shapes] on a class of its own",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// A name that the generated member would take over is KG0012 in every part of the class, not only the one with
    /// <c>[Shapes]</c>: here a part in another file reads the outer class's <c>MaxPerClass</c>, which would silently
    /// become the generated 2.
    /// </summary>
    [Fact]
    public void A_captured_name_on_another_part_is_KG0012_in_that_part()
    {
        const string other = "namespace N;\npublic partial class Outer { public const int MaxPerClass = 7; public static partial class Reg { public static int PerClass => MaxPerClass; } }\n";
        var (result, _) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\npublic partial class Outer { [Shapes(2, 2, 4)] public static partial class Reg; }\n", other);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0012", diagnostic.Id);
        Assert.Equal("File1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(other.LastIndexOf("MaxPerClass", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal("'MaxPerClass' here is 'Outer.MaxPerClass', but once [Shapes] generates 'MaxPerClass' into 'Reg' it will mean the generated member: qualify it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// A diagnostic lies in the user's own syntax tree, not at a bare file path: only there does the compiler apply
    /// <c>#pragma warning disable KG0007</c> and a file's <c>.editorconfig</c> severity to it.
    /// </summary>
    [Fact]
    public void Diagnostics_lie_in_the_users_syntax_tree_so_pragmas_apply()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(
            "using KernelGen;\nnamespace N;\n#pragma warning disable KG0007\n[Shapes(2, 16, 12)] public static partial class Reg { }\n");
        GeneratorRunResult result = GeneratorHarness.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.True(diagnostic.Location.IsInSource);
        Assert.Same(compilation.SyntaxTrees.Single(), diagnostic.Location.SourceTree);
    }

    /// <summary>
    /// The notes are the user's to silence: <c>#pragma warning disable KG0007</c> suppresses KG0007 in the diagnostics the
    /// generator run reports, where without the pragma the same declaration reports it unsuppressed.
    /// </summary>
    [Fact]
    public void A_pragma_suppresses_the_loop_path_note()
    {
        const string declaration = "[Shapes(2, 16, 12)] public static partial class Reg { }\n";
        Diagnostic plain = Assert.Single(DriverDiagnostics(GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n" + declaration)));
        Assert.Equal(("KG0007", false), (plain.Id, plain.IsSuppressed));

        Diagnostic silenced = Assert.Single(DriverDiagnostics(GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n#pragma warning disable KG0007\n" + declaration)));
        Assert.Equal(("KG0007", true), (silenced.Id, silenced.IsSuppressed));
    }

    /// <summary>
    /// A severity set for a KG id (what <c>dotnet_diagnostic.KG0007.severity</c> in an <c>.editorconfig</c> sets; here the
    /// compilation's own options) replaces the descriptor's: a team may make the loop-path note an error, or drop it.
    /// </summary>
    [Theory]
    [InlineData("KG0007", "[Shapes(2, 16, 12)]", ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData("KG0015", "[Shapes(4, 3, 64, Parallel = true)]", ReportDiagnostic.Warn, DiagnosticSeverity.Warning)]
    [InlineData("KG0002", "[Shapes(0, 2, 4)]", ReportDiagnostic.Warn, DiagnosticSeverity.Warning)]
    [InlineData("KG0007", "[Shapes(2, 16, 12)]", ReportDiagnostic.Suppress, null)]
    public void A_configured_severity_replaces_the_descriptors(string id, string attribute, ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation($"using KernelGen;\nnamespace N;\n{attribute} public static partial class Reg {{ }}\n");
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>(id, configured)]));
        ImmutableArray<Diagnostic> diagnostics = DriverDiagnostics(compilation);
        if (expected is null)
        {
            Assert.DoesNotContain(diagnostics, d => d.Id == id);
        }
        else
        {
            Diagnostic diagnostic = Assert.Single(diagnostics);
            Assert.Equal((id, expected.Value), (diagnostic.Id, diagnostic.Severity));
        }
    }

    /// <summary>The generator's diagnostics as the driver hands them to the compiler: after the compilation's options and pragmas.</summary>
    private static ImmutableArray<Diagnostic> DriverDiagnostics(CSharpCompilation compilation)
    {
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        return diagnostics;
    }

    /// <summary>
    /// What the compiler itself rejects: a second <c>[Shapes]</c> on a class (one shape per class; the generator reads
    /// only the first) and <c>[Shapes]</c> on a struct (the generator looks at classes only).
    /// </summary>
    [Theory]
    [InlineData("[Shapes(4, 3, 64)] [Shapes(2, 2, 8)] public static partial class Reg { }", "CS0579")]
    [InlineData("[Shapes(2, 2, 4)] public partial struct Reg { }", "CS0592")]
    public void The_attribute_allows_one_shape_on_a_class(string declaration, string compilerError)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.Contains(diagnostics, d => d.Id == compilerError && d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>KG0007 exactly where classes are factorised with loops: above 8 members per class, not at 8.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(8, false)]
    [InlineData(9, true)]
    [InlineData(1024, true)]
    public void The_loop_path_note_is_reported_exactly_above_eight_members_per_class(int maxPerClass, bool loopPath)
    {
        var (result, _) = GeneratorHarness.Run($"using KernelGen;\nnamespace N;\n[Shapes(2, {maxPerClass}, 4)] public static partial class Reg {{ }}\n");
        Assert.Null(result.Exception);
        Assert.Single(result.GeneratedSources);
        if (loopPath)
        {
            Diagnostic diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(("KG0007", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        }
        else
        {
            Assert.Empty(result.Diagnostics);
        }
    }

    /// <summary>
    /// KG0015 exactly where a Parallel shape's kernels stay serial: 32 classes of 8 × 64 are two chunks, 33 are three
    /// (KernelPlanTests); classes of one member have no work to split, and a shape without Parallel is not reported.
    /// </summary>
    [Theory]
    [InlineData("32, 8, 64, Parallel = true", true)]
    [InlineData("2, 1, 64, Parallel = true", true)]
    [InlineData("33, 8, 64, Parallel = true", false)]
    [InlineData("32, 8, 64, Parallel = false", false)]
    [InlineData("32, 8, 64", false)]
    public void The_serial_parallel_note_is_reported_exactly_where_the_kernels_do_not_split(string arguments, bool serial)
    {
        var (result, compilation) = GeneratorHarness.Run($"using KernelGen;\nnamespace N;\n[Shapes({arguments})] public static partial class Reg {{ }}\n");
        Assert.Null(result.Exception);
        Assert.Single(result.GeneratedSources);
        Assert.Empty(compilation.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        if (serial)
        {
            Diagnostic diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(("KG0015", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        }
        else
        {
            Assert.Empty(result.Diagnostics);
        }
    }

    [Fact]
    public void Every_descriptor_is_covered_by_a_test_case_and_the_release_tracking_file()
    {
        DiagnosticDescriptor[] descriptors = [.. typeof(ShapesGenerator).Assembly.GetType("KernelGen.Generators.DiagnosticDescriptors")!
            .GetFields().Select(f => (DiagnosticDescriptor)f.GetValue(null)!)];
        string[] ids = [.. descriptors.Select(d => d.Id)];
        var tested = Cases().Select(row => (string)row[0]).ToHashSet();
        // KG0008 is a generator fault no declaration triggers (A_failure_while_writing_becomes_KG0008_naming_the_class);
        // KG0009 depends on the project's C# version, not the declaration (Below_CSharp_11_one_located_KG0009_replaces_the_generated_code);
        // KG0016 on its references (A_library_referenced_only_under_an_extern_alias_is_KG0016_and_nothing_is_generated);
        // KG0017 on a chain of ten classes (A_class_that_reads_constants_through_more_than_8_classes_is_KG0017).
        Assert.Equal(ids.Where(id => id is not "KG0008" and not "KG0009" and not "KG0016" and not "KG0017").Order(), tested.Order());
        // Each rule in exactly one release file: shipped in a released version, or unshipped until the next.
        string[] releases = [.. new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Select(file => File.ReadAllText(RepositoryPaths.Combine("generators", "KernelGen.Generators", file)))];
        Assert.All(ids, id => Assert.Single(releases, text => text.Contains(id + " ", StringComparison.Ordinal)));
        // An unshipped rule is news of the next version: its CHANGELOG section (the first) names it under Added.
        string[] unshipped = [.. ids.Where(id => releases[1].Contains(id + " ", StringComparison.Ordinal))];
        if (unshipped.Length > 0)
        {
            string[] next = File.ReadAllText(RepositoryPaths.Combine("CHANGELOG.md")).Split("\n## ")[1].Split("### Added");
            Assert.True(next.Length > 1, "CHANGELOG.md's first section has no Added part for the unshipped rules " + string.Join(", ", unshipped));
            string added = next[1].Split("\n### ")[0];
            Assert.All(unshipped, id => Assert.Contains(id, added, StringComparison.Ordinal));
        }
        // Each descriptor's description sends the user to the Diagnostics table of the README and the package page, which
        // give its severity alike: errors bare, any other severity in parentheses before the text.
        string readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).Split("## Diagnostics")[1].Split("\n## ")[0];
        string package = File.ReadAllText(RepositoryPaths.Combine("src", "KernelGen", "PACKAGE.md")).Split("## Diagnostics")[1].Split("\n## ")[0];
        foreach ((string name, string table) in new[] { ("README.md", readme), ("src/KernelGen/PACKAGE.md", package) })
        {
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                string severity = descriptor.DefaultSeverity.ToString().ToLowerInvariant();
                bool error = descriptor.DefaultSeverity == DiagnosticSeverity.Error;
                string row = error ? $"| {descriptor.Id} | " : $"| {descriptor.Id} | ({severity}) ";
                Assert.True(table.Contains(row, StringComparison.Ordinal), $"{name}'s Diagnostics table has no row starting `{row}`");
                if (error) Assert.False(table.Contains($"| {descriptor.Id} | (", StringComparison.Ordinal), $"{name} gives the error {descriptor.Id} a severity in parentheses");
            }
        }

        // And no row for an id that has no descriptor (one removed or renumbered), each id once.
        var rows = new System.Text.RegularExpressions.Regex(@"^\| (KG[0-9]{4}) \|", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Matches(readme).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), rows.Matches(package).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_prefix_of_a_malformed_attribute_runs_without_generator_exception()
    {
        const string attribute = "[Shapes(nClasses: 4, maxPerClass: 3, features: 64, ElementType = typeof(double), Epsilon = 1e-6)]";
        for (int length = 0; length <= attribute.Length; length++)
        {
            string source = "using KernelGen;\nnamespace N;\n" + attribute[..length] + "\npublic static partial class Reg { }\n";
            var (result, _) = GeneratorHarness.Run(source);
            Assert.Null(result.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "KG0008");
        }
    }

    [Theory]
    [InlineData("[Shapes(4, 3, 64)] public static partial class")]
    [InlineData("[Shapes(4, 3, \"64\")] public static partial class Reg { }")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(Missing))] public static partial class Reg { }")]
    [InlineData("[Shapes(4, 3, 64)] public static partial class Reg<")]
    [InlineData("[Shapes(int.MaxValue, int.MaxValue, int.MaxValue)] public static partial class Reg { }")]
    [InlineData("[Shapes(4, 3, 64)] [Shapes(4, 3, 64)] public static partial class Reg { }")]
    [InlineData("[Shapes(4, 3, 64)] public static partial class Reg { public int PrototypeDiversityLoss")]
    public void Half_typed_source_never_crashes_the_generator(string declaration)
    {
        var (result, _) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "KG0008");
    }

    /// <summary>
    /// What the compiler refuses or cannot bind is its error to report, alone: no KG diagnostic beside it for the same
    /// mistake, and no code, which would use a default the argument stands for (ε, serial, float) unasked. A named
    /// argument it cannot bind; <c>typeof</c> of a type parameter (CS0416) or of <c>dynamic</c> (CS1962) in
    /// <c>ElementType</c>; an argument named like a generated constant but no parameter (<c>Features: 64</c>, which names a
    /// parameter, not a constant read).
    /// </summary>
    [Theory]
    [InlineData("[Shapes(4, 3, 64, Epsilon = Missing.E)] public static partial class Reg { }", "CS0103")]
    [InlineData("[Shapes(4, 3, 64, Parallel = Missing.P)] public static partial class Reg { }", "CS0103")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(Missing))] public static partial class Reg { }", "CS0246")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(Missing[]))] public static partial class Reg { }", "CS0246")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(System.Collections.Generic.List<Missing>))] public static partial class Reg { }", "CS0246")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(T))] public partial class Reg<T> { }", "CS0416")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(T[]))] public partial class Reg<T> { }", "CS0416")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(System.Collections.Generic.List<T>))] public partial class Reg<T> { }", "CS0416")]
    [InlineData("[Shapes(4, 3, 64, ElementType = typeof(dynamic))] public partial class Reg<T> { }", "CS1962")]
    [InlineData("public class Outer<U> { public class Inner { } } [Shapes(4, 3, 64, ElementType = typeof(Outer<Missing>.Inner))] public static partial class Reg { }", "CS0246")]
    [InlineData("[Shapes(nClasses: 4, maxPerClass: 3, Features: 64)] static partial class Reg;", "CS1739")]
    public void What_the_compiler_refuses_is_its_error_alone(string declaration, string compilerError)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(diagnostics, d => d.Id == compilerError);
    }

    /// <summary>
    /// An interface argument the compiler cannot bind (<c>IPrototypeRegularizer&lt;Missing&gt;</c>) is the compiler's
    /// CS0246 alone: it names no element type, so it is not KG0013's "other" one.
    /// </summary>
    [Fact]
    public void An_unbound_interface_argument_is_left_to_the_compiler()
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] public partial class Reg : IPrototypeRegularizer<Missing> { }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(diagnostics, d => d.Id == "CS0246");
    }

    /// <summary>
    /// An argument may read the constants [Shapes] generates into another class (<c>Small.Features</c>), a chain of such
    /// classes, one nested in a generic type, or one a class derives from, directly or through other constants (a
    /// class's, an enum member, the class's own): those exist only once generated, so the compiler accepts the argument
    /// and the class gets the kernels of the values they will hold.
    /// </summary>
    [Theory]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; [Shapes(Small.NClasses, 2 * Small.MaxPerClass, Small.Features / 2)] static partial class Big;", 2, "4 classes × 6 prototypes × 32 features (float)")]
    [InlineData("[Shapes(4, 3, 64, Epsilon = 1e-3)] partial class Small; [Shapes(2, 2, 2, Epsilon = Small.Epsilon * 10, ElementType = typeof(double))] static partial class Big;", 2, "public const double Epsilon = 0.01d;")]
    [InlineData("[Shapes(2, 2, 8)] static partial class A; [Shapes(A.NClasses + 1, A.MaxPerClass, A.Features)] static partial class B; [Shapes(B.MaxPrototypes, 1, B.Features)] static partial class Big;", 3, "6 classes × 1 prototype × 8 features (float)")]
    [InlineData("public partial class Outer<T> { [Shapes(3, 2, 5)] public static partial class Small; } [Shapes(Outer<int>.Small.Features, 1, 1)] static partial class Big;", 2, "5 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] partial class Small; class Derived : Small; [Shapes(Derived.Features, 1, 2)] static partial class Big;", 2, "64 classes × 1 prototype × 2 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; static class K { public const int N = Small.Features / 2; } [Shapes(K.N, 2, 3)] static partial class Big;", 2, "32 classes × 2 prototypes × 3 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; enum E { A = Small.NClasses } [Shapes((int)E.A, 2, 3)] static partial class Big;", 2, "4 classes × 2 prototypes × 3 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; [Shapes(M, 2, 3)] static partial class Big { private const int M = Small.MaxPerClass; }", 2, "3 classes × 2 prototypes × 3 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; static class K { public const int A = Small.Features, B = A / 4; } [Shapes(K.B, 1, 1)] static partial class Big;", 2, "16 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small { public static class K { public const int N = Features + 1; } } [Shapes(Small.K.N, 1, 1)] static partial class Big;", 2, "65 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(2, 2, 8)] static partial class A; static class K { public const int N = A.Features; } [Shapes(K.N, 1, 1)] static partial class B; [Shapes(B.NClasses, 2, 2)] static partial class Big;", 3, "8 classes × 2 prototypes × 2 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] static partial class Small; enum E { A = Small.NClasses, B, C } [Shapes((int)E.C, 2, 3)] static partial class Big;", 2, "6 classes × 2 prototypes × 3 features (float)")]
    [InlineData("[Shapes(2, 2, 2)] static partial class Small { public const int N = Features * 2; } [Shapes(Small.N, 1, 1)] static partial class Big;", 2, "4 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(2, 2, 5)] partial class Small; class Derived : Small { public const int N = Features - 1; } [Shapes(Derived.N, 1, 1)] static partial class Big;", 2, "4 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; static class Holder { public static Small Small => null!; public const int N = Small.Features; } [Shapes(Holder.N, 1, 1)] static partial class Big;", 2, "64 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; [Shapes(Small.Features, 1, 1)] partial class Big { public static Small Small => null!; }", 2, "64 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; [Shapes(2, 2, 7)] public partial class Other; static class Outer { public const int Features = 5; public class K : Other { public const int N = Small.Features + Features; } } [Shapes(Outer.K.N, 1, 1)] static partial class Big;", 3, "71 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; static class Outer { public const int Features = 5; public class K : Small { public const int N = Features; } } [Shapes(Outer.K.N, 1, 1)] static partial class Big;", 2, "64 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; static class Outer { public const int Features = 5; public class K : Small { public const int N = Features; } } [Shapes(Outer.K.N, 1, Small.MaxPerClass)] static partial class Big;", 2, "64 classes × 1 prototype × 3 features (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; static class Outer { public const int Features = 5; public class K : Small { public const int N = Features; } } [Shapes(Outer.K.N, 1, 1)] public partial class Mid; [Shapes(Mid.NClasses, 1, 1)] static partial class Big;", 3, "64 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; public enum Features { A } [Shapes(D.N, 1, 1)] public partial class Big; public class D : Big { public const int N = (int)(Features)3 + Small.NClasses; }", 2, "7 classes × 1 prototype × 1 feature (float)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; public interface I { const int Features = 5; } [Shapes(D.J.N, 1, 1)] public partial class Big; public class D : Big { public interface J : I { const int N = Features + Small.NClasses; } }", 2, "9 classes × 1 prototype × 1 feature (float)")]
    public void Arguments_may_read_the_constants_of_another_shapes_class(string declaration, int classes, string expected)
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n" + declaration + "\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(classes, result.GeneratedSources.Length);
        Assert.Contains(expected, Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("N.Big.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// A simple name in the arguments that binds to nothing until another [Shapes] class has its kernels (an outer class
    /// or one it derives from, or one a using static directive imports), then to that class's constant, and once this
    /// class has its own, to that: KG0012 on the name, as for a constant the user declares there; the other class still
    /// gets its kernels.
    /// </summary>
    [Theory]
    [InlineData("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64)] public partial class Outer { [Shapes(Features, 2, 2)] internal static partial class Inner; }\n", "Features", "Outer.Features", "Inner", "N.Outer.")]
    [InlineData("using static N.Small;\nnamespace N;\n[KernelGen.Shapes(4, 3, 64)] static partial class Small; [KernelGen.Shapes(NClasses, 3, 8)] static partial class Big;\n", "NClasses", "Small.NClasses", "Big", "N.Small.")]
    [InlineData("global using static N.Small;\nnamespace N;\n[KernelGen.Shapes(4, 3, 64)] static partial class Small; [KernelGen.Shapes(4, MaxPerClass, 8)] static partial class Big;\n", "MaxPerClass", "Small.MaxPerClass", "Big", "N.Small.")]
    [InlineData("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64)] public partial class Small; public partial class Derived : Small { [Shapes(NClasses, 2, 2)] internal static partial class Big; }\n", "NClasses", "Small.NClasses", "Big", "N.Small.")]
    [InlineData("using KernelGen;\nusing static N.Outer.Inner;\nnamespace N;\n[Shapes(4, 3, 64)] public partial class Outer { [Shapes(Features, 2, 2)] internal static partial class Inner; }\n", "Features", "Outer.Features", "Inner", "N.Outer.")]
    public void A_simple_name_another_shapes_class_answers_is_KG0012(string source, string name, string meaning, string target, string generated)
    {
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0012", diagnostic.Id);
        Assert.Equal(source.IndexOf(name + ", ", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal($"'{name}' here is '{meaning}', but once [Shapes] generates '{name}' into '{target}' it will mean the generated member: qualify it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(generated, Assert.Single(result.GeneratedSources).HintName, StringComparison.Ordinal);
    }

    /// <summary>
    /// The values are read on every run: an edit to the class whose constants the arguments read, in another file,
    /// gives the reading class the kernels of the new values.
    /// </summary>
    [Fact]
    public void An_edit_to_the_class_read_regenerates_the_reading_class()
    {
        SyntaxTree small = CSharpSyntaxTree.ParseText("namespace N; [KernelGen.Shapes(4, 3, 64)] static partial class Small;", GeneratorHarness.ParseOptions, path: "File0.cs");
        SyntaxTree big = CSharpSyntaxTree.ParseText("namespace N; [KernelGen.Shapes(Small.NClasses, 2, Small.Features)] static partial class Big;", GeneratorHarness.ParseOptions, path: "File1.cs");
        CSharpCompilation compilation = GeneratorHarness.Compilation().AddSyntaxTrees(small, big);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Contains("4 classes × 2 prototypes × 64 features", BigSource(driver), StringComparison.Ordinal);

        SyntaxTree edited = small.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From("namespace N; [KernelGen.Shapes(5, 3, 32)] static partial class Small;"));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(small, edited));
        Assert.Contains("5 classes × 2 prototypes × 32 features", BigSource(driver), StringComparison.Ordinal);

        static string BigSource(GeneratorDriver driver) =>
            Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName.StartsWith("N.Big.", StringComparison.Ordinal)).SourceText.ToString();
    }

    /// <summary>
    /// A class that several classes read is worked out once per class reading it, not once per path to it: in eight
    /// layers of four classes, each reading every class of the layer below, the top class has 4⁷ = 16,384 paths to the
    /// classes of the second layer, and all 33 classes get their kernels well within the time allowed.
    /// </summary>
    [Fact]
    public void A_class_that_several_classes_read_is_read_once()
    {
        var source = new System.Text.StringBuilder("using KernelGen;\nnamespace N;\n");
        for (int i = 0; i < 4; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes({i + 1}, 2, 4)] static partial class L0C{i};\n");
        }

        for (int layer = 1; layer < 8; layer++)
        {
            string below = string.Join(" + ", Enumerable.Range(0, 4).Select(i => $"L{layer - 1}C{i}.NClasses"));
            for (int i = 0; i < 4; i++)
            {
                source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes(({below}) / 4 + {i}, 2, 4)] static partial class L{layer}C{i};\n");
            }
        }

        source.Append("[Shapes((L7C0.NClasses + L7C1.NClasses + L7C2.NClasses + L7C3.NClasses) / 4, 2, 4)] static partial class Top;\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(source.ToString()), timeout.Token);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(33, result.GeneratedSources.Length);
        // Layer k's classes hold k + 1 to k + 4 classes (the floor of the mean below, k + 1, plus their index): the top
        // class, the floor of layer 7's mean, 9.
        Assert.Contains("9 classes × 2 prototypes × 4 features (float)", Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("N.Top.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Arguments may read constants through a chain of at most 8 [Shapes] classes, a bound on the copies of the
    /// compilation a class costs: along a chain of ten classes, each reading the one before it, the last reads through
    /// nine and gets one located KG0017 and no kernels, where it would otherwise get neither, and every other class gets
    /// its kernels. The first class costs no copy whether its arguments are literals or name a plain constant.
    /// </summary>
    [Theory]
    [InlineData("[Shapes(2, 2, 4)] static partial class C0;")]
    [InlineData("static class K { public const int N = 2; } [Shapes(K.N, 2, 4)] static partial class C0;")]
    public void A_class_that_reads_constants_through_more_than_8_classes_is_KG0017(string first)
    {
        var source = new System.Text.StringBuilder("using KernelGen;\nnamespace N;\n" + first + "\n");
        for (int k = 1; k < 10; k++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes(C{k - 1}.NClasses + 1, 2, 4)] static partial class C{k};\n");
        }

        string text = source.ToString();
        var (result, diagnostics) = GeneratorHarness.Run(text);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("KG0017", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        string last = "[Shapes(C8.NClasses + 1, 2, 4)]";
        Assert.Equal((text.IndexOf(last, StringComparison.Ordinal) + 1, last.Length - 2), (diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("The arguments of 'C9' read constants through more than 8 [Shapes] classes, too many to work out: write the value, or read a class nearer the start of the chain",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(9, result.GeneratedSources.Length);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("N.C9.", StringComparison.Ordinal));
        Assert.Contains("10 classes × 2 prototypes × 4 features (float)",
            Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("N.C8.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The bound is on the longest chain the arguments read through, whichever argument leads along it and whatever the
    /// others read: a class that reads X (two classes deep) or Bad (no shape to give) beside L1 (nine deep, L1 reading
    /// L2 … L7, which reads X) is KG0017 with either argument first, though X, worked out along the short path, is met
    /// again at the end of the long one.
    /// </summary>
    [Theory]
    [InlineData("X.NClasses, L1.MaxPerClass")]
    [InlineData("L1.NClasses, X.MaxPerClass")]
    [InlineData("Bad.NClasses, L1.MaxPerClass")]
    [InlineData("L1.NClasses, Bad.MaxPerClass")]
    public void The_chain_bound_does_not_depend_on_the_order_of_the_arguments(string arguments)
    {
        var source = new System.Text.StringBuilder("using KernelGen;\nnamespace N;\n[Shapes(2, 2, 4)] static partial class Y;\n[Shapes(Y.NClasses, 2, 4)] static partial class X;\n");
        source.Append("[Shapes(0, 2, 4)] static partial class Bad;\n[Shapes(X.NClasses, 2, 4)] static partial class L7;\n");
        for (int k = 6; k >= 1; k--)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes(L{k + 1}.NClasses, 2, 4)] static partial class L{k};\n");
        }

        source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes({arguments}, 4)] static partial class T;\n");
        var (result, _) = GeneratorHarness.Run(source.ToString());
        Assert.Null(result.Exception);
        Assert.Equal(["KG0002", "KG0017"], result.Diagnostics.Select(d => d.Id).Order());
        Assert.Contains("'T'", Assert.Single(result.Diagnostics, d => d.Id == "KG0017").GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(9, result.GeneratedSources.Length);
    }

    /// <summary>
    /// Classes that read each other around a cycle have no values to give, and nor has a class that reads into one:
    /// around a cycle as long as the bound or longer, each class in it is KG0018 (not KG0017), and a class outside it
    /// that reads into it is left to the compiler, which reports its names, as it does every class's. The measure of a
    /// chain follows it 64 classes, so a cycle longer than that is KG0017 on every class, as a chain that long is.
    /// </summary>
    [Theory]
    [InlineData(8, false)]
    [InlineData(8, true)]
    [InlineData(12, false)]
    [InlineData(64, false)]
    [InlineData(65, false)]
    public void A_cycle_is_KG0018_on_each_class_in_it(int length, bool tail)
    {
        var source = new System.Text.StringBuilder("using KernelGen;\nnamespace N;\n");
        for (int k = 0; k < length; k++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"[Shapes(C{(k + length - 1) % length}.NClasses, 2, 4)] static partial class C{k};\n");
        }

        if (tail)
        {
            source.Append("[Shapes(C0.NClasses, 2, 4)] static partial class Tail;\n");
        }

        var (result, diagnostics) = GeneratorHarness.Run(source.ToString());
        Assert.Null(result.Exception);
        Assert.Equal(length > 64 ? length : 0, result.Diagnostics.Count(d => d.Id == "KG0017"));
        Assert.Equal(length > 64 ? 0 : length, result.Diagnostics.Count(d => d.Id == "KG0018"));
        Assert.Equal(length, result.Diagnostics.Length);
        Assert.DoesNotContain(result.Diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Tail'", StringComparison.Ordinal));
        Assert.Empty(result.GeneratedSources);
        Assert.Equal(length + (tail ? 1 : 0), diagnostics.Count(d => d.Id == "CS0117"));
    }

    /// <summary>
    /// A simple name in a constant of the reader's own (<c>const int M = Features</c>), or of a class derived from it,
    /// finds the reader's constants once generated, whatever answers it now (an outer <c>[Shapes]</c> class, a using
    /// static import, an outer class's constant): KG0018 on the reader, where it got the other value and then read its
    /// own; the other class gets its kernels.
    /// </summary>
    [Theory]
    [InlineData("[Shapes(4, 3, 64)] public partial class Outer { [Shapes(M, 3, 8)] internal static partial class Reg { private const int M = Features; } }", "Shapes(M, 3, 8)")]
    [InlineData("using static N.Small;\n[Shapes(4, 3, 64)] static partial class Small; [Shapes(M, 1, 1)] static partial class Reg { private const int M = Features + 1; }", "Shapes(M, 1, 1)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; public static partial class Outer { public const int Features = 5; [Shapes(D.N, 1, 1)] public partial class Reg; public class D : Reg { public const int N = Small.NClasses + Features; } }", "Shapes(D.N, 1, 1)")]
    [InlineData("[Shapes(4, 3, 64)] public partial class Small; public static partial class Outer { public const int Features = 5; [Shapes(D.N, 1, 1)] public partial class Reg; public class D : Reg { public const int N = Features; } }", "Shapes(D.N, 1, 1)")]
    public void A_simple_name_that_will_find_the_readers_own_constants_is_KG0018_whatever_answers_it_now(string declaration, string located)
    {
        string source = "using KernelGen;\nnamespace N;\n" + declaration + "\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("KG0018", diagnostic.Id);
        Assert.Equal(located, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal("Reg", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.Contains("Reg.", StringComparison.Ordinal));
        Assert.Single(result.GeneratedSources);
    }

    /// <summary>
    /// A constant of a <c>[Shapes]</c> class nested in the reader, reading the nested class's own constants by a simple
    /// name, is the nested class's to give: the reader gets the kernels of that value, not KG0018.
    /// </summary>
    [Fact]
    public void A_constant_of_a_nested_shapes_class_reads_that_class_not_the_reader()
    {
        var (result, diagnostics) = GeneratorHarness.Run("using KernelGen;\nnamespace N;\n[Shapes(Reg.K.N, 1, 1)] static partial class Reg { [Shapes(2, 2, 2)] internal static partial class K { public const int N = Features * 3; } }\n");
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("6 classes × 1 prototype × 1 feature (float)", StringComparison.Ordinal));
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    /// <summary>
    /// A chain of constants thousands long, each reading the one before and the first another class's generated
    /// constant, is followed without running out of stack (which would take the compiler's process down), and the reader
    /// gets the kernels of its value.
    /// </summary>
    [Fact]
    public void A_chain_of_ten_thousand_constants_is_followed_without_overflowing_the_stack()
    {
        var source = new System.Text.StringBuilder("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64)] static partial class Small;\nstatic class K\n{\n    public const int C0 = Small.Features;\n");
        for (int i = 1; i < 10_000; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"    public const int C{i} = C{i - 1} + {(i == 9_999 ? 1 : 0)};\n");
        }

        source.Append("}\n[Shapes(K.C9999, 1, 1)] static partial class Big;\n");
        var (result, _) = GeneratorHarness.Run(source.ToString());
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("65 classes × 1 prototype × 1 feature (float)",
            Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("N.Big.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A constant of a referenced project's compilation (an IDE's project reference) whose value does not bind has syntax
    /// this compilation cannot read: not followed, and no KG0008; the compiler reports it.
    /// </summary>
    [Fact]
    public void A_constant_of_a_referenced_compilation_is_not_followed()
    {
        CSharpCompilation library = GeneratorHarness.Compilation("namespace L; public static class K { public const int N = Nope.Features; public const int M = 3; }")
            .WithAssemblyName("Library");
        CSharpCompilation compilation = GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n[Shapes(L.K.N, L.K.M, 1)] static partial class Reg;\n")
            .AddReferences(library.ToMetadataReference());
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// A class whose arguments lead round a cycle back to it is KG0018 even where the walk from it meets another cycle
    /// first: R reads X, X reads Y, Y reads Z and R, Z reads X.
    /// </summary>
    [Fact]
    public void Every_class_on_a_cycle_is_KG0018_where_cycles_cross()
    {
        const string source = "using KernelGen;\nnamespace N;\n[Shapes(X.Features, 1, 1)] static partial class R; [Shapes(Y.Features, 1, 1)] static partial class X; " +
            "[Shapes(Z.Features, R.Features, 1)] static partial class Y; [Shapes(X.Features, 1, 1)] static partial class Z;\n";
        var (result, _) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal(["R", "X", "Y", "Z"], result.Diagnostics.Where(d => d.Id == "KG0018")
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]).Order());
        Assert.Equal(4, result.Diagnostics.Length);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// Every constant the generated class holds may be read by another class's arguments, at the value it holds: the
    /// parser declares the constants that the API writer generates, all of them and of the same values, and a constant
    /// the writer starts generating fails here until the parser declares it too.
    /// </summary>
    [Fact]
    public void Every_generated_constant_reads_as_the_value_generated()
    {
        const string small = "using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64, Epsilon = 1e-3, ElementType = typeof(double))] static partial class Small;\n";
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(small), out Compilation generated, out _);
        IFieldSymbol[] constants = [.. generated.GetTypeByMetadataName("N.Small")!.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst)];
        Assert.Equal(5, constants.Length);
        foreach (IFieldSymbol constant in constants)
        {
            string value = constant.ConstantValue switch
            {
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                var other => throw new InvalidOperationException($"{constant.Name} is {other?.GetType().Name}"),
            };
            var (result, _) = GeneratorHarness.Run(small + $"[Shapes(2, 2, Small.{constant.Name} == {value} ? 5 : 6)] static partial class Big;\n");
            Assert.Null(result.Exception);
            Assert.Empty(result.Diagnostics);
            Assert.Contains("2 classes × 2 prototypes × 5 features (float)",
                Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("N.Big.", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Two classes whose arguments read each other's constants have no values to give: neither is generated, and each
    /// gets KG0018 on its attribute, beside the compiler's report of the names that then stay unbound. So with a class
    /// whose arguments bind now, to a constant whose simple name the reader's generated constant will hide
    /// (<c>class D : Reg { const int N = Features; }</c>): the reader took that class's value of today.
    /// </summary>
    [Theory]
    [InlineData("[Shapes(B.NClasses, 2, 2)] static partial class A; [Shapes(A.NClasses, 2, 2)] static partial class B;",
        "Shapes(A.NClasses, 2, 2)", "Shapes(B.NClasses, 2, 2)", 2)]
    [InlineData("[Shapes(Mid.NClasses, 1, 1)] public partial class Reg; public static class Outer { public const int Features = 5; public class D : Reg { public const int N = Features; } } [Shapes(Outer.D.N, 1, 1)] public partial class Mid;",
        "Shapes(Mid.NClasses, 1, 1)", "Shapes(Outer.D.N, 1, 1)", 1)]
    public void Arguments_that_read_each_others_constants_are_KG0018_on_both(string declarations, string first, string second, int unbound)
    {
        string source = "using KernelGen;\nnamespace N;\n" + declarations + "\n";
        var (result, diagnostics) = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Equal([first, second],
            result.Diagnostics.Select(d => (d.Id, Text: source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)))
                .Where(d => d.Id == "KG0018").Select(d => d.Text).Order());
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.Empty(result.GeneratedSources);
        Assert.Equal(unbound, diagnostics.Count(d => d.Id == "CS0117"));
    }

    [Theory]
    [InlineData("public static partial class Reg { }")]
    [InlineData("public sealed partial class Reg { }")]
    public void Every_member_the_generator_adds_is_a_reserved_name(string declaration)
    {
        // KG0006 is only as good as its list: a generated name missing from it turns a user's member of that name
        // into CS0111 inside the generated file instead of a diagnostic on the user's own line.
        var compilation = GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 8)] " + declaration + "\n");
        GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        INamedTypeSymbol reg = output.GetTypeByMetadataName("N.Reg")!;
        string[] added = reg.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName && m.DeclaringSyntaxReferences.All(r => !compilation.SyntaxTrees.Contains(r.SyntaxTree)))
            .Select(m => m.Name)
            .Distinct()
            .Order()
            .ToArray();
        Assert.Contains("ClassDiversityLoss", added);
        Assert.Equal(added, ShapesGenerator.GeneratedMemberNames.Order());
    }

    [Fact]
    public void A_failure_while_writing_becomes_KG0008_naming_the_class()
    {
        var spec = new KernelGen.Generators.Model.ShapeSpec(
            "N.Outer.Reg.g.cs", "N",
            new[] { new KernelGen.Generators.Model.TypeDeclarationSpec("partial class", "Outer", "") }.ToEquatableArray(),
            new KernelGen.Generators.Model.TypeDeclarationSpec("partial class", "Reg", ""),
            IsStatic: true, NClasses: 4, MaxPerClass: 3, Features: 8, IsDouble: false, Epsilon: 1e-6);

        var (source, failure) = ShapesGenerator.EmitOrFailure(spec, _ => throw new InvalidOperationException("unbalanced blocks"));

        Assert.Null(source);
        Diagnostic diagnostic = failure!.ToDiagnostic();
        Assert.Equal("KG0008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("KernelGen could not generate kernels for 'N.Outer.Reg': InvalidOperationException: unbalanced blocks; please report this", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The same spec written for real: the file, and no diagnostic.
        var (written, none) = ShapesGenerator.EmitOrFailure(spec, s => ShapesGenerator.Emitter.Emit(s));
        Assert.Null(none);
        Assert.Contains("partial class Reg", written, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two names that differ only in case, whose 32-bit FNV-1a hashes collide (a search finds such pairs within a
    /// second): the compiler refuses two files of one name ignoring case, and its exception would fail the generator,
    /// every class's file with it. The 64-bit hash gives each its own file.
    /// </summary>
    [Fact]
    public void Case_variants_whose_32_bit_hashes_collide_get_files_of_their_own()
    {
        var (result, diagnostics) = GeneratorHarness.Run("""
            using KernelGen;
            namespace N
            {
                [Shapes(2, 3, 4)] static partial class rEGuLaRiZeRkeRnelsab;
                [Shapes(2, 3, 4)] static partial class REGUlarIzerKernElsab;
                [Shapes(2, 2, 2)] static partial class Other;
            }
            """);

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.GeneratedSources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void KG0008_names_a_class_of_the_global_namespace_without_a_leading_dot()
    {
        var (source, failure) = ShapesGenerator.EmitOrFailure(Spec(null), _ => throw new InvalidOperationException("boom"));

        Assert.Null(source);
        Assert.Equal(
            "KernelGen could not generate kernels for 'Reg': InvalidOperationException: boom; please report this",
            failure!.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A failure while looking for the project's reserved-name clashes is KG0008 naming the project, where an exception
    /// would take every class's file down with the compiler's CS8785; the same compilation checked for real has none.
    /// </summary>
    [Fact]
    public void A_failure_while_checking_reserved_names_becomes_KG0008_naming_the_project()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64)] public static partial class Reg;\n")
            .WithAssemblyName("Consumer");

        Diagnostic diagnostic = Assert.Single(ShapesGenerator.ClashesOrFailure(compilation, _ => throw new InvalidOperationException("boom"))).ToDiagnostic();

        Assert.Equal("KG0008", diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Equal("KernelGen could not generate kernels for 'Consumer': InvalidOperationException: boom; please report this",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(ShapesGenerator.ClashesOrFailure(compilation, c => ShapesGenerator.ReservedNames.Clashes(c, CancellationToken.None)));
        Assert.Throws<OperationCanceledException>(() => ShapesGenerator.ClashesOrFailure(compilation, _ => throw new OperationCanceledException()));
    }

    [Fact]
    public void Cancellation_while_writing_propagates_and_is_not_KG0008() =>
        Assert.Throws<OperationCanceledException>(() => ShapesGenerator.EmitOrFailure(Spec("N"), _ => throw new OperationCanceledException()));

    /// <summary>
    /// Cancellation while reading a class propagates too: a KG0008 in its place would be cached as the class's result
    /// until the file changed. The context is built as Roslyn builds it (its constructor is internal).
    /// </summary>
    [Fact]
    public void Cancellation_while_parsing_propagates_and_is_not_KG0008()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("using KernelGen;\nnamespace N;\n[Shapes(4, 3, 64)] public static partial class Reg;\n");
        SyntaxTree tree = compilation.SyntaxTrees.First(t => t.ToString().Contains("class Reg", StringComparison.Ordinal));
        SemanticModel model = compilation.GetSemanticModel(tree);
        var node = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>().Single();
        INamedTypeSymbol symbol = model.GetDeclaredSymbol(node)!;
        var constructor = typeof(GeneratorAttributeSyntaxContext).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).Single();
        var context = (GeneratorAttributeSyntaxContext)constructor.Invoke([node, symbol, model, symbol.GetAttributes()]);

        // The same context parses when not cancelled, so the throw below is the token's doing.
        Assert.NotNull(ShapesGenerator.Parser.Parse(context, CancellationToken.None).Spec);
        Assert.ThrowsAny<OperationCanceledException>(() => ShapesGenerator.Parser.Parse(context, new CancellationToken(canceled: true)));
    }

    private static KernelGen.Generators.Model.ShapeSpec Spec(string? ns) => new(
        "Reg.g.cs", ns, KernelGen.Generators.Helpers.EquatableArray<KernelGen.Generators.Model.TypeDeclarationSpec>.Empty,
        new KernelGen.Generators.Model.TypeDeclarationSpec("partial class", "Reg", ""),
        IsStatic: true, NClasses: 4, MaxPerClass: 3, Features: 8, IsDouble: false, Epsilon: 1e-6);
}
