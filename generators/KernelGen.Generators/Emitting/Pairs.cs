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
    /// Declares <c>nint rowk</c>, the offset of member k's row (k &lt; <paramref name="m"/>; the class's run starts at
    /// <c>start</c> in the grouped order <c>order</c>, <c>LabelGroups.Member</c>: the position itself for class-major
    /// labels), then <c>ref T {prefix}k</c> at that offset from each origin: the prototype rows and, for the gradient,
    /// the gradient rows, so each member's index is looked up once. Members at or past <c>n</c> alias member 0.
    /// </summary>
    public static void WriteRows(SourceWriter w, string t, int m, params (string Prefix, string Origin)[] rows)
    {
        w.Line("// Row offsets of the members; absent members (index ≥ n) alias member 0.");
        for (int k = 0; k < m; k++)
        {
            string offset = $"(nint)LabelGroups.Member(ref order, {(k == 0 ? "start" : $"start + {k}")}) * Features";
            w.Line(k < 2 ? $"nint row{k} = {offset};" : $"nint row{k} = n > {k} ? {offset} : row0;");
        }

        foreach (var (prefix, origin) in rows)
        {
            for (int k = 0; k < m; k++)
            {
                w.Line($"ref {t} {prefix}{k} = ref Unsafe.Add(ref {origin}, row{k});");
            }
        }
    }
}
