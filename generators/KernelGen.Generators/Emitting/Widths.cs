using System;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// The vector-width side of the emitted code. Kernels are written once, generic over <c>W</c> (an
/// <c>IVectorOps&lt;TV, T&gt;</c> of the runtime library) and its vector type <c>TV</c>; an entry point picks the
/// widest width the hardware accelerates among those the plan found usable, in JIT-time constant branches.
/// </summary>
internal static class Widths
{
    /// <summary>The type parameter list of a width-generic kernel.</summary>
    public const string TypeParameters = "<W, TV>";

    /// <summary>The constraints of a width-generic kernel.</summary>
    public static string Constraints(KernelPlan plan) => $"where W : IVectorOps<TV, {plan.ElementType}> where TV : struct";

    /// <summary>
    /// An expression calling <paramref name="method"/> at the widest accelerated width, e.g.
    /// <c>Vector512.IsHardwareAccelerated ? Loss&lt;Vector512Ops&lt;float&gt;, Vector512&lt;float&gt;&gt;(args) : … : Loss&lt;ScalarOps&lt;float&gt;, double&gt;(args)</c>.
    /// </summary>
    /// <param name="w">The writer.</param>
    /// <param name="plan">The shape's plan.</param>
    /// <param name="method">The width-generic method.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="explain">Whether to write the comment saying why (false where the same dispatch just said it).</param>
    public static void WriteDispatch(SourceWriter w, KernelPlan plan, string method, string arguments, bool explain = true)
    {
        string t = plan.ElementType;
        if (explain)
        {
            w.Line("// The widest vector the hardware accelerates (JIT-time constants: one branch survives).");
        }

        foreach (string width in plan.VectorWidths)
        {
            w.Line($"if ({width}.IsHardwareAccelerated) return {method}<{width}Ops<{t}>, {width}<{t}>>({arguments});");
        }

        w.Line($"return {method}<ScalarOps<{t}>, double>({arguments});");
    }

    /// <summary>
    /// Walks one row of the row code in vectors of <c>W.Count</c> with offset <c>o</c>, a constant trip count per
    /// width; where a width leaves a remainder, one more vector ends exactly at the row's end, overlapping the one
    /// before. <paramref name="body"/> gets whether the vector overlaps (so sums must keep only its new lanes).
    /// </summary>
    public static void WriteFeatureLoop(SourceWriter w, Action<bool> body)
    {
        using (w.OpenBlock("for (nuint o = 0; o + (nuint)W.Count <= (nuint)Features; o += (nuint)W.Count)"))
        {
            body(false);
        }

        using (w.OpenBlock($"if ({RowCode.HasTail})"))
        {
            w.Line("nuint o = (nuint)(Features - W.Count);");
            body(true);
        }
    }

    /// <summary>The difference of rows a and b at offset o, masked to the new lanes when <paramref name="masked"/>.</summary>
    public static string Difference(string a, string b, bool masked) =>
        masked ? $"W.KeepLast(W.Subtract({a}, {b}), Features % W.Count)" : $"W.Subtract({a}, {b})";
}
