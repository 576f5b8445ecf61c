using System;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the unrolled path's width-generic cores: the loop over blocks of four classes, in groups whose distances
/// are all computed before any block is factorised (and every block's coefficients before any gradient row), so the
/// blocks' exp → pivots → product chains overlap; with <see cref="KernelPlan.GroupExpPass"/> the group's exps run in one
/// pass before the factorisations. A shape of one block takes a single pass.
/// </summary>
internal static class BlockLoopWriter
{
    /// <param name="w">The writer.</param>
    /// <param name="plan">The shape's plan.</param>
    /// <param name="unrolled">Its <see cref="KernelPlan.Unrolled"/>: the runtime code the blocks call.</param>
    public static void Write(SourceWriter w, KernelPlan plan, UnrolledPlan unrolled)
    {
        WriteCore(w, plan, unrolled, withGradient: false);
        w.Line();
        WriteCore(w, plan, unrolled, withGradient: true);
    }

    private static void WriteCore(SourceWriter w, KernelPlan plan, UnrolledPlan unrolled, bool withGradient)
    {
        bool product = plan.Folding == DeterminantFolding.Product;
        using var method = CoreWriter.Open(w, plan, withGradient, "after the checks and the label pass");
        w.Line($"// {unrolled.PerBlock} doubles per block: entry 4·p + lane is pair p of the class in that lane.");
        w.Line($"Span<double> scratch = stackalloc double[{plan.CoreScratch(withGradient)}];");
        w.Line("ref double distances = ref MemoryMarshal.GetReference(scratch);");
        if (withGradient)
        {
            w.Line($"ref double coefficients = ref Unsafe.Add(ref distances, {plan.GroupScratch});");
        }

        string Take(string cursor, bool clearLoneRows) => clearLoneRows
            ? $"ClassQuad quad = ClassQuad.TakeClearingLoneRows(ref ends, block, NClasses, ref {cursor}, ref order, ref gradientOrigin, Features);"
            : $"ClassQuad quad = ClassQuad.Take(ref ends, block, NClasses, ref {cursor});";
        if (plan.SinglePass)
        {
            // One block: its result is the whole sum, so it needs no running product, fold or running sum. Folding
            // would end in the same bits (log(1) is +0, and 0 − x is +0 for either zero), one add and a branch later
            // on the loss's chain.
            w.Line("int cursor = 0, block = 0, slot = 0;");
            w.Line(Take("cursor", withGradient));
            WriteDistances(w, plan, unrolled);
            string call = FactorisationCall(plan, unrolled, withGradient);
            w.Line(product ? $"double det = {call};" : $"double logDet = {call};");
            if (withGradient)
            {
                WriteGradient(w, plan, unrolled);
            }

            WriteReturn(w, plan, product, singlePass: true);
            return;
        }

        w.Line(product ? "double det = 1d, logDet = 0d;" : "double logDet = 0d;");
        int groupClasses = plan.GroupClasses;
        string blocks = $"for (int block = group, slot = 0; block < groupEnd; block += {KernelPlan.Lanes}, slot += {unrolled.PerBlock})";
        string first = CoreWriter.FirstClass(plan), end = CoreWriter.EndClass(plan);
        if (CoreWriter.FirstMember(plan) is { } firstMember)
        {
            w.Line("// The range's first member in the grouped order (a parallel chunk is whole groups).");
            w.Line($"int begin = {firstMember}, next = begin{(withGradient ? ", rows = begin" : "")};");
        }
        else
        {
            w.Line(withGradient ? "int begin = 0, next = 0, rows = 0;" : "int begin = 0, next = 0;");
        }

        using (w.OpenBlock($"for (int group = {first}; group < {end}; group += {groupClasses})"))
        {
            w.Line($"int groupEnd = Math.Min(group + {groupClasses}, {end});");
            WriteLoop(w, blocks, "Distances of every block in the group first, each into its own slice.", () =>
            {
                w.Line(Take("begin", false));
                WriteDistances(w, plan, unrolled);
            });
            if (plan.GroupExpPass)
            {
                w.Line("// Then the kernel entries of all the group's blocks in one pass, eight lanes at a time where 512-bit vectors are");
                w.Line("// accelerated: half the exps' instructions of four-lane exps block by block.");
                // UIntPtr, not nuint: nuint is the native integer only while lookup finds no type of that name, and lookup
                // goes on past the imports to KernelGen, the global namespace and global using aliases; System comes first.
                w.Line($"SimdMath.NegExpInPlace(ref distances, (UIntPtr)((groupEnd - group + {KernelPlan.Lanes - 1}) / {KernelPlan.Lanes} * {unrolled.PerBlock}), scale);");
            }

            WriteLoop(w, blocks, "Then the blocks' factorisations: independent of each other, so they overlap.", () =>
            {
                w.Line(Take("next", false));
                WriteFactorisation(w, plan, unrolled, withGradient, product);
            });
            if (withGradient)
            {
                WriteLoop(w, blocks, "Last the gradient rows from each block's coefficients.", () =>
                {
                    w.Line(Take("rows", true));
                    WriteGradient(w, plan, unrolled);
                });
            }
        }

        WriteReturn(w, plan, product, singlePass: false);
    }

    /// <summary>
    /// The core's result: for a range the chunk's Σ log det as it is (the caller adds the chunks in order), otherwise
    /// the loss −Σ log det. The last log comes negated (<c>NegativeLog</c>, the same bits as 0 − log), so the loss takes
    /// no subtraction after it: −log(det) − logDet is 0 − (logDet + log(det)) to the bit, +0 included.
    /// </summary>
    private static void WriteReturn(SourceWriter w, KernelPlan plan, bool product, bool singlePass)
    {
        // A chunk returns its double; the whole call narrows it to the element type, a compound expression in parentheses.
        // A single pass is never a chunk (KernelPlan.CoresReturnLogDeterminants), and its one block's result is the loss.
        (string result, bool compound) = (plan.CoresReturnLogDeterminants, product) switch
        {
            (false, true) when singlePass => ("ManagedMath.NegativeLog(det)", false),
            (false, true) => ("ManagedMath.NegativeLog(det) - logDet", true),
            (false, false) => ("0d - logDet", true),
            (true, true) => ("logDet + ManagedMath.Log(det)", true),
            (true, false) => ("logDet", false),
        };
        w.Line(plan.CoresReturnLogDeterminants ? $"return {result};" : $"return ({plan.ElementType}){(compound ? $"({result})" : result)};");
    }

    private static void WriteLoop(SourceWriter w, string header, string comment, Action body)
    {
        w.Line("// " + comment);
        using (w.OpenBlock(header))
        {
            body();
        }
    }

    private static void WriteDistances(SourceWriter w, KernelPlan plan, UnrolledPlan unrolled)
    {
        w.Line("ref double d = ref Unsafe.Add(ref distances, slot);");
        w.Line(DistancesWriter.Call(unrolled, plan.ElementType));
        w.Line("// +∞ or NaN: a non-finite coordinate (its class becomes NaN) or an overflow (not special).");
        w.Line($"if (!NonFinite.AllBelowInfinity(ref d, {unrolled.PerBlock})) NonFinite.PoisonBlock(ref d, {unrolled.PairCount}, in quad, ref origin, ref order, Features);");
    }

    private static void WriteFactorisation(SourceWriter w, KernelPlan plan, UnrolledPlan unrolled, bool withGradient, bool product)
    {
        string call = FactorisationCall(plan, unrolled, withGradient);
        if (!product)
        {
            w.Line($"logDet += {call};");
            return;
        }

        w.Line($"det *= {call};");
        w.Line($"// Into the log once the product is below {Literals.Number(KernelPlan.FoldBelow)} or above {Literals.Number(KernelPlan.FoldAbove)}, not once per class.");
        w.Line($"if (det < {Literals.Double(KernelPlan.FoldBelow)} || det > {Literals.Double(KernelPlan.FoldAbove)}) {{ logDet += ManagedMath.Log(det); det = 1d; }}");
    }

    private static string FactorisationCall(KernelPlan plan, UnrolledPlan unrolled, bool withGradient) =>
        FactorisationWriter.Call(plan, unrolled, withGradient, "Unsafe.Add(ref distances, slot)", "Unsafe.Add(ref coefficients, slot)");

    private static void WriteGradient(SourceWriter w, KernelPlan plan, UnrolledPlan unrolled) =>
        w.Line(GradientRowsWriter.Call(unrolled, plan.ElementType));
}
