using KernelGen.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KernelGen.Generators.Model;

/// <summary>A diagnostic as plain data, so the pipeline can cache it apart from the source model.</summary>
/// <remarks>
/// It keeps the syntax tree its location lies in, not a file path: a location made from a path is outside every tree,
/// and the compiler then applies neither <c>#pragma warning disable</c> nor a file's <c>.editorconfig</c> severity to
/// it. A tree compares by reference, and the compiler hands an unedited file's tree to every compilation unchanged,
/// so a diagnostic still compares equal until its own file is edited, when it has to be reported again anyway.
/// </remarks>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree? SyntaxTree, TextSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        location is { IsInSource: true, SourceTree: SyntaxTree tree }
            ? new(descriptor, tree, location.SourceSpan, arguments.ToEquatableArray())
            : new(descriptor, null, default, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, SyntaxTree is null ? null : Location.Create(SyntaxTree, Span), System.Linq.Enumerable.ToArray<object>(Arguments));
}
