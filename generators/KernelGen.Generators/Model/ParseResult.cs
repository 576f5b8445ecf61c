using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Model;

/// <summary>What the parser makes of one annotated class: a model to emit (when valid) and its diagnostics.</summary>
internal sealed record ParseResult(ShapeSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
