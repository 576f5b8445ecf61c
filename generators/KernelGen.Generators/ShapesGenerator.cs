using System;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KernelGen.Generators;

/// <summary>
/// Emits shape-specialised, allocation-free diversity-loss (whole and per class) and proximal kernels into every
/// partial class annotated with <c>[KernelGen.Shapes]</c>.
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

        /// <summary>The user's declarations that would take over a name in the generated kernels (KG0014).</summary>
        public const string ReservedNames = nameof(ReservedNames);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ShapesAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword },
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

        // Looked for in every compilation, but cheap (a few namespaces of the user's own source) and equal, so cached,
        // until such a declaration changes. Reported once, not per class, and only where something is generated.
        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> reservedNames = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => ClashesOrFailure(compilation, c => ReservedNames.Clashes(c, cancellationToken)))
            .WithTrackingName(TrackingNames.ReservedNames);
        IncrementalValueProvider<bool> namesFree = reservedNames.Select(static (clashes, _) => clashes.Length == 0);

        // With a clash the file would not compile: KG0014 alone says why.
        context.RegisterSourceOutput(specs.Combine(namesFree), static (spc, input) =>
        {
            var (spec, free) = input;
            if (!free) return;
            var (source, failure) = EmitOrFailure(spec, static s => Emitter.Emit(s));
            if (source is not null) spc.AddSource(spec.HintName, source);
            if (failure is not null) spc.ReportDiagnostic(failure.ToDiagnostic());
        });
        context.RegisterSourceOutput(diagnostics, static (spc, diagnostic) => spc.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(reservedNames.Combine(specs.Collect()), static (spc, input) =>
        {
            if (input.Right.IsEmpty) return;
            foreach (DiagnosticInfo clash in input.Left) spc.ReportDiagnostic(clash.ToDiagnostic());
        });
    }

    /// <summary>
    /// The project's reserved-name clashes (KG0014), or KG0008 where looking for them failed: the generator never takes
    /// the compiler down, which would drop every class's file with a CS8785. Like a clash, the failure stops every class's
    /// file (one unchecked could fail to compile); the diagnostic names the project, since no class is at fault.
    /// </summary>
    /// <param name="compilation">The project's compilation.</param>
    /// <param name="clashes"><see cref="ReservedNames.Clashes"/> but in tests.</param>
    internal static EquatableArray<DiagnosticInfo> ClashesOrFailure(Compilation compilation, Func<Compilation, EquatableArray<DiagnosticInfo>> clashes)
    {
        try
        {
            return clashes(compilation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new[]
            {
                DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, compilation.AssemblyName ?? "the project", ex.GetType().Name + ": " + ex.Message),
            }.ToEquatableArray();
        }
    }

    /// <summary>
    /// The generated file, or KG0008 where writing it failed: the generator never takes the compiler down, here as in
    /// the parser. The model holds no location (a location would change with every edit above the class and re-emit
    /// it), so the diagnostic names the class in full instead.
    /// </summary>
    /// <param name="spec">The annotated class.</param>
    /// <param name="emit">Writes the file; <see cref="Emitter.Emit"/> but in tests.</param>
    internal static (string? Source, DiagnosticInfo? Failure) EmitOrFailure(ShapeSpec spec, Func<ShapeSpec, string> emit)
    {
        try
        {
            return (emit(spec), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string name = string.Join(".", new[] { spec.Namespace }.Concat(spec.ContainingTypes.Select(t => t.Name)).Append(spec.Type.Name).Where(n => n is not null));
            return (null, DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, name, ex.GetType().Name + ": " + ex.Message));
        }
    }
}
