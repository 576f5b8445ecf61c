using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the file-local <c>PrototypeRegularizer&lt;T&gt;</c> over a class's kernels, which its static
/// <c>Regularizer</c> property hands out: one trainer can then run on the generated, compiled and reference engines.
/// </summary>
internal static class RegularizerWriter
{
    public static void Write(SourceWriter w, ShapeSpec spec, KernelPlan plan, string kernels, string regularizer, bool runtimeCompiled)
    {
        string t = plan.ElementType;
        string engine = runtimeCompiled ? "Compiled" : "SourceGenerated";
        w.Line($"/// <summary>The kernels behind <c>{spec.Type.Name}</c> as a <see cref=\"PrototypeRegularizer{{T}}\"/>.</summary>");
        w.Line(Literals.GeneratedCode);
        w.Lines($$"""
            file sealed class {{regularizer}} : PrototypeRegularizer<{{t}}>
            {
                public static readonly {{regularizer}} Instance = new();

                private {{regularizer}}()
                    : base({{Literals.Int(plan.NClasses)}}, {{Literals.Int(plan.MaxPerClass)}}, {{Literals.Int(plan.Features)}}, {{Literals.Double(plan.Epsilon)}}{{(plan.ParallelRequested ? ", parallel: true" : "")}})
                {
                }

                public override RegularizerEngine Engine => RegularizerEngine.{{engine}};

                public override {{t}} PrototypeDiversityLoss(ReadOnlySpan<{{t}}> prototypes, ReadOnlySpan<int> protoLabels, {{t}} sigmaDiv) =>
                    {{kernels}}.Loss(prototypes, protoLabels, sigmaDiv);

                public override {{t}} PrototypeDiversityLoss(ReadOnlySpan<{{t}}> prototypes, ReadOnlySpan<int> protoLabels, Span<{{t}}> gradient, {{t}} sigmaDiv) =>
                    {{kernels}}.LossAndGradient(prototypes, protoLabels, gradient, sigmaDiv);

                public override {{t}} ClassDiversityLoss(ReadOnlySpan<{{t}}> classPrototypes, {{t}} sigmaDiv) =>
                    {{kernels}}.ClassLoss(classPrototypes, default, sigmaDiv, false);

                public override {{t}} ClassDiversityLoss(ReadOnlySpan<{{t}}> classPrototypes, Span<{{t}}> classGradient, {{t}} sigmaDiv) =>
                    {{kernels}}.ClassLoss(classPrototypes, classGradient, sigmaDiv, true);

                public override int SparseRelevanceProximal(ReadOnlySpan<{{t}}> relevances, Span<{{t}}> destination, {{t}} l1Weight, {{t}} lr) =>
                    {{kernels}}.Proximal(relevances, destination, l1Weight, 0, lr);

                public override int ElasticNetProximal(ReadOnlySpan<{{t}}> relevances, Span<{{t}}> destination, {{t}} l1Weight, {{t}} l2Weight, {{t}} lr) =>
                    {{kernels}}.Proximal(relevances, destination, l1Weight, l2Weight, lr);
            }
            """);
    }
}
