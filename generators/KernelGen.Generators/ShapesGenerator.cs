using System.Linq;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

/// <summary>
/// Emits shape-specialised, allocation-free diversity-loss and proximal kernels into every partial class
/// annotated with <c>[KernelGen.Shapes]</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ShapesGenerator : IIncrementalGenerator
{
    /// <summary>The attribute's metadata name; the pipeline starts from it.</summary>
    public const string ShapesAttributeName = "KernelGen.ShapesAttribute";

    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The parsed model and diagnostics per annotated class.</summary>
        public const string Parse = nameof(Parse);

        /// <summary>The source model alone.</summary>
        public const string Spec = nameof(Spec);

        /// <summary>The diagnostics alone.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ShapesAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: Parser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        // Split before output: a change to diagnostics alone does not re-emit source, and vice versa.
        IncrementalValuesProvider<ShapeSpec> specs = parsed
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (spc, spec) => spc.AddSource(spec.HintName, Emitter.Emit(spec)));
        context.RegisterSourceOutput(diagnostics, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
