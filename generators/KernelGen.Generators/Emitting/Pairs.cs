using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Emitting;

/// <summary>Names shared by the unrolled writers: member pairs and member rows.</summary>
internal static class Pairs
{
    /// <summary>All pairs (a, b), a &lt; b, of <paramref name="members"/> members, ordered by b then a.</summary>
    public static IEnumerable<(int A, int B)> Of(int members) =>
        from b in Enumerable.Range(1, members - 1) from a in Enumerable.Range(0, b) select (a, b);

    /// <summary>
    /// Declares <c>ref T {prefix}k</c> for the rows of members k &lt; <paramref name="m"/>, the class's run starting at
    /// <c>start</c> in the grouped order <c>order</c> (<c>LabelGroups.Member</c>: the position itself for class-major
    /// labels); members at or past <c>n</c> alias member 0.
    /// </summary>
    public static void WriteRows(SourceWriter w, string t, int m, string prefix, string origin)
    {
        w.Line($"// Rows of the members{(prefix == "g" ? "' gradients" : "")}; absent members (index ≥ n) alias member 0.");
        for (int k = 0; k < m; k++)
        {
            string row = $"Unsafe.Add(ref {origin}, (nint)LabelGroups.Member(ref order, {(k == 0 ? "start" : $"start + {k}")}) * Features)";
            w.Line(k < 2
                ? $"ref {t} {prefix}{k} = ref {row};"
                : $"ref {t} {prefix}{k} = ref n > {k} ? ref {row} : ref {prefix}0;");
        }
    }
}
