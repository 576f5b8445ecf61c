using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the loop path's width-generic cores, for classes too large to unroll: one class at a time through the
/// runtime's <c>LoopClass</c> (its Gram matrix filled into scratch, stack when small and <c>ArrayPool</c> beyond,
/// factorised by <c>DenseCholesky</c>).
/// </summary>
internal static class LoopPathWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        WriteCore(w, plan, withGradient: false);
        w.Line();
        WriteCore(w, plan, withGradient: true);
    }

    private static void WriteCore(SourceWriter w, KernelPlan plan, bool withGradient)
    {
        string t = plan.ElementType;
        string first = CoreWriter.FirstClass(plan), end = CoreWriter.EndClass(plan);
        bool clearWhole = withGradient && plan.ClearsWholeGradient;
        using var method = CoreWriter.Open(w, plan, withGradient, "class by class");
        if (clearWhole)
        {
            w.Line("// Pairs accumulate into both of their rows, so start from zero.");
            w.Line("MemoryMarshal.CreateSpan(ref gradientOrigin, count * Features).Clear();");
        }

        string beginAt = "0";
        if (CoreWriter.FirstMember(plan) is { } firstMember)
        {
            w.Line("// The range's first member in the grouped order.");
            w.Line($"int start = {firstMember};");
            beginAt = "start";
        }

        bool rented = plan.MatrixScratch == ScratchSource.Rented;
        if (rented)
        {
            w.Line("// The largest class sets the scratch: kernel, factor and inverse.");
            w.Line("int largest = 0;");
            using (w.OpenBlock($"for (int c = {first}, previous = {beginAt}; c < {end}; previous = Unsafe.Add(ref ends, c), c++)"))
            {
                w.Line("largest = Math.Max(largest, Unsafe.Add(ref ends, c) - previous);");
            }

            string doubles = KernelPlan.MatrixDoublesText("largest");
            w.Line($"double[] rentedMatrix = ArrayPool<double>.Shared.Rent({doubles});");
            w.Line($"Span<double> matrix = new Span<double>(rentedMatrix, 0, {doubles});");
        }
        else
        {
            w.Line($"Span<double> matrix = stackalloc double[{plan.MatrixDoubles}];");
        }

        using (rented ? w.OpenBlock("try") : (SourceWriter.Block?)null)
        {
            w.Line("double logDet = 0d;");
            using (w.OpenBlock($"for (int c = {first}, begin = {beginAt}; c < {end}; begin = Unsafe.Add(ref ends, c), c++)"))
            {
                w.Line("int n = Unsafe.Add(ref ends, c) - begin;");
                if (withGradient && !clearWhole)
                {
                    w.Line("// Pairs accumulate into both of their rows, so start the class's rows (and a lone member's) from zero.");
                    w.Line("LoopClass.ClearRows(ref gradientOrigin, ref order, begin, n, Features);");
                }

                string generic = RowCode.Generic(t);
                w.Line(withGradient
                    ? $"if (n >= 2) logDet += LoopClass.LogDeterminantWithGradient{generic}(ref origin, ref gradientOrigin, ref order, begin, n, scale, OnePlusEpsilon, gradScale, {Literals.Double(plan.TinyCoefficient)}, matrix);"
                    : $"if (n >= 2) logDet += LoopClass.LogDeterminant{generic}(ref origin, ref order, begin, n, scale, OnePlusEpsilon, matrix);");
            }

            w.Line(plan.CoresReturnLogDeterminants ? "return logDet;" : $"return ({t})(0d - logDet);");
        }

        if (rented)
        {
            using (w.OpenBlock("finally"))
            {
                w.Line("ArrayPool<double>.Shared.Return(rentedMatrix);");
            }
        }
    }
}
