using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelGen.Generators.Emitting;

/// <summary>Culture-proof C# literals: invariant culture, round-trip form, whatever the build machine's locale.</summary>
internal static class Literals
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value) => Number(value) + "d";

    /// <summary>
    /// A double as text that parses back to it, without its suffix, also for comments that quote a literal's value.
    /// Not "R": a generator also runs in compilers hosted on .NET Framework (Visual Studio's), whose "R" on 64-bit does
    /// not round-trip some values, and whose <c>double.Parse</c> is not always correctly rounded. So the text is the
    /// fewest of 15, 16 or 17 significant digits that the C# compiler itself reads back as the value; 17 digits always
    /// identify a double.
    /// </summary>
    public static string Number(double value)
    {
        for (int digits = 15; digits < 17; digits++)
        {
            string text = value.ToString("G" + Int(digits), CultureInfo.InvariantCulture);
            // A literal has no sign: the minus is an operator.
            if (SyntaxFactory.ParseToken(text.TrimStart('-') + "d").Value is double parsed && parsed.Equals(Math.Abs(value)))
            {
                return text;
            }
        }

        return value.ToString("G17", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An identifier as C# source must spell it: a keyword, reserved (<c>int</c>) or contextual (<c>record</c>,
    /// <c>file</c>), and any other name of lower-case ASCII letters alone (<c>dynamic</c>, CS8981's names), gets its
    /// '@', which a symbol's name has dropped. Unescaped, a class the user wrote as <c>@int</c> would be redeclared as
    /// <c>int</c>, a contextual keyword would change the declaration's meaning, and the rest would warn in a file the
    /// user did not write.
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None || name.All(c => c is >= 'a' and <= 'z')
            ? "@" + name
            : name;

    /// <summary>
    /// Put on the generated types and on the members added to the user's class: tools (coverage, analyzers) tell
    /// generated code by it. Fully qualified, so that no type of the user's named <c>System</c> can capture it.
    /// </summary>
    public static string GeneratedCode => $"[global::System.CodeDom.Compiler.GeneratedCode(\"KernelGen\", \"{ShapesGenerator.Emitter.Version}\")]";

    /// <summary>
    /// Put on every kernel method: compiled fully optimised on first call. Without it, methods without loops start
    /// as unoptimised tier-0 code, whose vector code is many times slower, and a short training run would spend much
    /// of its time there. The kernels are straight-line code with nothing for tiered PGO to learn.
    /// </summary>
    public const string Optimized = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    /// <summary>
    /// The run-time test for <see cref="Model.DistanceStrategy.BlockInRegistersWithAvx512"/>: a constant to the JIT,
    /// which keeps one side of the branch. The block code and the lone class test it alike, so a class gets the same
    /// bits from either. <c>X64</c>: a 32-bit process has 8 vector registers whatever the instruction set.
    /// </summary>
    public const string Avx512 = "global::System.Runtime.Intrinsics.X86.Avx512F.X64.IsSupported";

    /// <summary>Put on the helpers the kernels call inside their straight-line code (row code, the exp), so each compiles into its caller.</summary>
    public const string Inlined = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    /// <summary>
    /// Put on kernel methods that should compile into their callers but are long enough that the JIT might decline:
    /// then they still compile fully optimised on first call, as <see cref="Optimized"/> ones do.
    /// </summary>
    public const string InlinedOptimized = "[MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]";

    /// <summary>
    /// Put on a kernel core that a user's method calls through a small entry and that has no stack scratch to keep the
    /// JIT from compiling it in: a lone class's chain. Compiled into a caller at tier 1, the core's own inlined pieces
    /// would exceed the caller's inlining budget and be called, each passing its vectors through memory, which costs
    /// far more than the one call this attribute keeps (docs/benchmarks.md, class kernels).
    /// </summary>
    public const string CalledOptimized = "[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]";
}
