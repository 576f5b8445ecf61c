using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes a parallel plan's two range kernels, <c>LossRange</c> and <c>LossAndGradientRange</c>: what a chunk of
/// classes runs, at the widest accelerated width, on whichever thread takes it (<c>ClassChunks</c> in the runtime).
/// </summary>
internal static class RangeKernelWriter
{
    /// <summary>The range kernel's name for one of the two entries.</summary>
    public static string Name(bool withGradient) => withGradient ? "LossAndGradientRange" : "LossRange";

    public static void Write(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        foreach (bool withGradient in new[] { false, true })
        {
            w.Line();
            w.Line($"/// <summary>Σ log det of a chunk of classes{(withGradient ? ", and their gradient rows" : "")}.</summary>");
            using (w.OpenBlock($"private readonly struct {Name(withGradient)} : IClassRangeKernel<{t}>"))
            {
                w.Line(Literals.Optimized);
                using (w.OpenBlock($"public static double LogDeterminants(ref {t} origin, ref int ends, ref int order, double sigma, ref {t} gradientOrigin, int firstClass, int endClass)"))
                {
                    Widths.WriteDispatch(w, plan, CoreWriter.Name(withGradient), CoreWriter.Arguments(plan, withGradient, "ref origin", "sigma", "ref gradientOrigin"));
                }
            }
        }
    }
}
