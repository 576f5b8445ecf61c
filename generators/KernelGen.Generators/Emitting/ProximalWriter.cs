using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the proximal entry: the length check against the shape, then the runtime library's fused pass
/// (<c>KernelGen.Internal.ProximalKernel</c>), which does not depend on the shape and so is not emitted per class.
/// </summary>
internal static class ProximalWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        w.Lines($$"""
            /// <summary>Soft-thresholding followed by the elastic-net scaling, in one pass; returns the non-zero count.</summary>
            {{Literals.Optimized}}
            public static int Proximal(ReadOnlySpan<{{t}}> relevances, Span<{{t}}> destination, {{t}} l1Weight, {{t}} l2Weight, {{t}} lr)
            {
                int length = relevances.Length;
                if (length == 0 || length % Features != 0) Validation.ThrowRelevancesRows(length, Features);
                return ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, lr);
            }
            """);
    }
}
