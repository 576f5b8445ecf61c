using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one annotated class's kernels.
/// </summary>
/// <remarks>
/// The model is a value: plain strings, numbers and equatable arrays, with no <c>ISymbol</c>, <c>SyntaxNode</c>,
/// <c>Location</c> or <c>Compilation</c>. The incremental pipeline compares successive models for equality,
/// and emits again only when this one changes; holding a symbol would root a whole compilation and defeat that.
/// </remarks>
/// <param name="HintName">The file name of the generated source, unique per type.</param>
/// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Type">The annotated type's declaration.</param>
/// <param name="IsStatic">A static class gets no interface implementation (static classes cannot implement one).</param>
/// <param name="NClasses">Number of classes.</param>
/// <param name="MaxPerClass">Most prototypes per class.</param>
/// <param name="Features">Features per prototype.</param>
/// <param name="IsDouble">Element type is double (else float).</param>
/// <param name="Epsilon">The diagonal jitter ε.</param>
/// <param name="Parallel">The loss and gradient may split classes over every core (<c>[Shapes(Parallel = true)]</c>).</param>
internal sealed record ShapeSpec(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclarationSpec> ContainingTypes,
    TypeDeclarationSpec Type,
    bool IsStatic,
    int NClasses,
    int MaxPerClass,
    int Features,
    bool IsDouble,
    double Epsilon,
    bool Parallel = false)
{
    /// <summary>Most prototypes in one call: <c>NClasses × MaxPerClass</c>.</summary>
    public int MaxPrototypes => NClasses * MaxPerClass;
}

/// <summary>One type declaration of the chain the generated partial must repeat.</summary>
/// <param name="PartialKeywords">
/// What opens its partial declaration: "partial class", "partial struct", "partial record", "partial record struct",
/// "partial interface", or "ref partial struct" (C# wants <c>ref</c> before <c>partial</c>).
/// </param>
/// <param name="Name">The type's name.</param>
/// <param name="TypeParameters">"&lt;T, U&gt;" (keywords escaped, "&lt;@var&gt;") or empty.</param>
internal sealed record TypeDeclarationSpec(string PartialKeywords, string Name, string TypeParameters);
