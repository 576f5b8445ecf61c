using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the feature-wise vector code: squared distances between a class's members and the difference-form
/// gradient rows, specialised to <c>Features</c> (constant offsets, no scalar tail loop).
/// </summary>
internal static class SimdWriter
{
    /// <summary>Classes up to this size keep every member's vector in registers at once; larger ones go member by member.</summary>
    private const int BlockedMembers = 4;

    /// <summary>All pairs (a, b), a &lt; b, of <paramref name="members"/> members, ordered by b then a.</summary>
    public static IEnumerable<(int A, int B)> Pairs(int members) =>
        from b in Enumerable.Range(1, members - 1) from a in Enumerable.Range(0, b) select (a, b);

    private static string Intrinsics(VectorWidth v) => "" + v.Type;

    /// <summary>
    /// Assigns <c>double dab</c> (declared by the caller) for every pair of the <paramref name="members"/> rows
    /// <c>w0…</c>: Σ_f (w_a[f] − w_b[f])², accumulated in the element type.
    /// </summary>
    public static void SquaredDistances(SourceWriter w, ShapeSpec spec, int members)
    {
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vt = Intrinsics(v);
            string vec = "" + v.Of(spec);
            v.DeclareTailMask(w, spec);
            var passes = (members <= BlockedMembers
                ? Pairs(members).GroupBy(_ => 0)          // one pass: every member's vector loaded once per chunk
                : Pairs(members).GroupBy(p => p.B)).ToList(); // one pass per member b: its pairs with the members before it
            foreach (IGrouping<int, (int A, int B)> pass in passes)
            {
                var pairs = pass.ToList();
                if (passes.Count > 1)
                {
                    w.Line($"// distances from member {pass.Key} to the members before it");
                }

                // Several passes each declare their accumulators, so each gets its own scope.
                using SourceWriter.Block? scope = passes.Count > 1 ? w.OpenBlock("") : null;
                w.Line($"{vec} {string.Join(", ", pairs.Select(p => $"s{p.A}{p.B} = {vec}.Zero"))};");
                AccumulateSquares(w, spec, v, pairs, r => "w" + r, (a, b) => $"s{a}{b}");
                foreach (var (a, b) in pairs)
                {
                    w.Line($"d{a}{b} = {vt}.Sum(s{a}{b});");
                }
            }
        },
        () =>
        {
            var pairs = Pairs(members).ToList();
            ScalarSquares(w, spec, pairs, r => "w" + r, (a, b) => $"s{a}{b}");
            foreach (var (a, b) in pairs)
            {
                w.Line($"d{a}{b} = s{a}{b};");
            }
        });
    }

    /// <summary>
    /// Walks the rows in vectors of width <paramref name="v"/>, adding (w_a − w_b)² of every pair to the accumulator
    /// <paramref name="accumulator"/>(a, b) (declared by the caller); each member's chunk is loaded once per pass.
    /// Needs the tail mask of <see cref="VectorWidth.DeclareTailMask"/> when the rows end in a partial vector.
    /// </summary>
    public static void AccumulateSquares(SourceWriter w, ShapeSpec spec, VectorWidth v, IReadOnlyList<(int A, int B)> pairs, Func<int, string> row, Func<int, int, string> accumulator)
    {
        string vt = Intrinsics(v);
        string vec = "" + v.Of(spec);
        int[] rows = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().OrderBy(r => r).ToArray();
        v.ForEachChunk(w, spec, (offset, masked) =>
        {
            foreach (int r in rows)
            {
                w.Line($"{vec} x{r} = {vt}.LoadUnsafe(ref {row(r)}, {offset});");
            }

            foreach (var (a, b) in pairs)
            {
                string diff = masked ? $"(x{a} - x{b}) & tail" : $"x{a} - x{b}";
                string s = accumulator(a, b);
                w.Line($"{vec} t{a}{b} = {diff};");
                w.Line($"{s} = {vt}.MultiplyAddEstimate(t{a}{b}, t{a}{b}, {s});");
            }
        });
    }

    /// <summary>
    /// The scalar fallback of <see cref="AccumulateSquares"/>: declares <c>double</c> sums <paramref name="sum"/>(a, b)
    /// and adds (w_a − w_b)² feature by feature, each member's value read once per feature. Without SIMD the sums are
    /// sequential, so their rounding error grows with the feature count: they are taken in double.
    /// </summary>
    public static void ScalarSquares(SourceWriter w, ShapeSpec spec, IReadOnlyList<(int A, int B)> pairs, Func<int, string> row, Func<int, int, string> sum)
    {
        int[] rows = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().OrderBy(r => r).ToArray();
        w.Line($"double {string.Join(", ", pairs.Select(p => $"{sum(p.A, p.B)} = 0"))};");
        using (w.OpenBlock("for (int f = 0; f < Features; f++)"))
        {
            foreach (int r in rows)
            {
                w.Line($"{spec.ElementType} x{r} = Unsafe.Add(ref {row(r)}, f);");
            }

            foreach (var (a, b) in pairs)
            {
                w.Line($"double t{a}{b} = (double)x{a} - x{b};");
                w.Line($"{sum(a, b)} += t{a}{b} * t{a}{b};");
            }
        }
    }

    /// <summary>
    /// Writes g_k = Σ_{j≠k} c_kj (w_k − w_j) into rows <c>g0…</c> from coefficients <c>cab</c> (element type).
    /// Absent members' rows alias member 0's and have all-zero coefficients, so rows are stored from the last
    /// member down to member 0, whose true row is therefore written last.
    /// </summary>
    public static void GradientRows(SourceWriter w, ShapeSpec spec, int members)
    {
        string t = spec.ElementType;
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vt = Intrinsics(v);
            string vec = "" + v.Of(spec);
            foreach (var (a, b) in Pairs(members))
            {
                w.Line($"{vec} v{a}{b} = {vt}.Create(c{a}{b}), n{a}{b} = -v{a}{b};");
            }

            if (members <= BlockedMembers)
            {
                v.ForEachChunk(w, spec, (offset, _) =>
                {
                    // Recomputing an overlapped lane gives the value already stored there, so no mask is needed.
                    for (int r = 0; r < members; r++)
                    {
                        w.Line($"{vec} x{r} = {vt}.LoadUnsafe(ref w{r}, {offset});");
                    }

                    foreach (var (a, b) in Pairs(members))
                    {
                        w.Line($"{vec} t{a}{b} = x{a} - x{b};");
                    }

                    for (int k = members - 1; k >= 0; k--)
                    {
                        w.Line($"{vec} y{k} = {GradientSum(k, members, vt)};");
                    }

                    for (int k = members - 1; k >= 0; k--)
                    {
                        w.Line($"{vt}.StoreUnsafe(y{k}, ref g{k}, {offset});");
                    }
                });
            }
            else
            {
                for (int k = members - 1; k >= 0; k--)
                {
                    w.Line($"// row of member {k}");
                    v.ForEachChunk(w, spec, (offset, _) =>
                    {
                        w.Line($"{vec} x{k} = {vt}.LoadUnsafe(ref w{k}, {offset});");
                        foreach (int j in Enumerable.Range(0, members).Where(j => j != k))
                        {
                            string pair = j > k ? $"{k}{j}" : $"{j}{k}";
                            w.Line($"{vec} t{pair} = {(j > k ? $"x{k} - {vt}.LoadUnsafe(ref w{j}, {offset})" : $"{vt}.LoadUnsafe(ref w{j}, {offset}) - x{k}")};");
                        }

                        w.Line($"{vt}.StoreUnsafe({GradientSum(k, members, vt)}, ref g{k}, {offset});");
                    });
                }
            }
        },
        () =>
        {
            using (w.OpenBlock("for (int f = 0; f < Features; f++)"))
            {
                for (int r = 0; r < members; r++)
                {
                    w.Line($"{t} x{r} = Unsafe.Add(ref w{r}, f);");
                }

                for (int k = members - 1; k >= 0; k--)
                {
                    string sum = string.Join(" + ", Enumerable.Range(0, members).Where(j => j != k)
                        .Select(j => $"c{System.Math.Min(j, k)}{System.Math.Max(j, k)} * (x{k} - x{j})"));
                    w.Line($"Unsafe.Add(ref g{k}, f) = {sum};");
                }
            }
        });
    }

    /// <summary>Σ_{j≠k} c_kj (w_k − w_j) over the pair differences t_ab = w_a − w_b: + for j &gt; k, − for j &lt; k.</summary>
    private static string GradientSum(int k, int members, string vt)
    {
        string expr = "";
        foreach (int j in Enumerable.Range(0, members).Where(j => j != k))
        {
            string pair = j > k ? $"{k}{j}" : $"{j}{k}";
            string coefficient = j > k ? $"v{pair}" : $"n{pair}";
            expr = expr.Length == 0 ? $"{coefficient} * t{pair}" : $"{vt}.MultiplyAddEstimate({coefficient}, t{pair}, {expr})";
        }

        return expr;
    }

    /// <summary>A helper method body: the squared distance between rows <c>a</c> and <c>b</c> (loop path).</summary>
    public static void PairDistanceBody(SourceWriter w, ShapeSpec spec)
    {
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vt = Intrinsics(v);
            string vec = "" + v.Of(spec);
            v.DeclareTailMask(w, spec);
            w.Line($"{vec} s = {vec}.Zero;");
            v.ForEachChunk(w, spec, (offset, masked) =>
            {
                w.Line($"{vec} t = {vt}.LoadUnsafe(ref a, {offset}) - {vt}.LoadUnsafe(ref b, {offset});");
                if (masked)
                {
                    w.Line("t &= tail;");
                }

                w.Line($"s = {vt}.MultiplyAddEstimate(t, t, s);");
            });
            w.Line($"return {vt}.Sum(s);");
        },
        () =>
        {
            ScalarSquares(w, spec, [(0, 1)], r => r == 0 ? "a" : "b", (_, _) => "s");
            w.Line("return s;");
        });
    }

    /// <summary>A helper method body: ga += c(a − b), gb −= c(a − b) (loop path; the overlapping tail is masked since it accumulates).</summary>
    public static void PairGradientBody(SourceWriter w, ShapeSpec spec)
    {
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vt = Intrinsics(v);
            string vec = "" + v.Of(spec);
            v.DeclareTailMask(w, spec);
            w.Line($"{vec} vc = {vt}.Create(c);");
            v.ForEachChunk(w, spec, (offset, masked) =>
            {
                w.Line($"{vec} t = vc * ({vt}.LoadUnsafe(ref a, {offset}) - {vt}.LoadUnsafe(ref b, {offset}));");
                if (masked)
                {
                    w.Line("t &= tail;");
                }

                w.Line($"{vt}.StoreUnsafe({vt}.LoadUnsafe(ref ga, {offset}) + t, ref ga, {offset});");
                w.Line($"{vt}.StoreUnsafe({vt}.LoadUnsafe(ref gb, {offset}) - t, ref gb, {offset});");
            });
        },
        () =>
        {
            using (w.OpenBlock("for (int f = 0; f < Features; f++)"))
            {
                w.Line($"{spec.ElementType} t = c * (Unsafe.Add(ref a, f) - Unsafe.Add(ref b, f));");
                w.Line("Unsafe.Add(ref ga, f) += t;");
                w.Line("Unsafe.Add(ref gb, f) -= t;");
            }
        });
    }
}
