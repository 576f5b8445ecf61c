using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the loop path's width-generic cores, for classes too large to unroll: one class at a time, its Gram
/// matrix filled entry by entry into scratch (stack when small, <c>ArrayPool</c> beyond) and factorised by
/// <c>DenseCholesky</c>.
/// </summary>
internal static class LoopPathWriter
{
    public static void Write(SourceWriter w, KernelPlan plan)
    {
        WriteCore(w, plan, withGradient: false);
        w.Line();
        WriteCore(w, plan, withGradient: true);
        w.Line();
        WriteClass(w, plan, withGradient: false);
        w.Line();
        WriteClass(w, plan, withGradient: true);
        w.Line();
        WriteRowHelpers(w, plan);
    }

    private static void WriteCore(SourceWriter w, KernelPlan plan, bool withGradient)
    {
        string t = plan.ElementType;
        string gradient = withGradient ? $", ref {t} gradientOrigin, int count" : "";
        w.Line($"/// <summary>The {(withGradient ? "loss and gradient" : "loss")} at width <typeparamref name=\"W\"/>, class by class.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"private static {t} {EntryWriter.CoreName(withGradient)}{Widths.TypeParameters}(ref {t} origin, ref int ends, double sigma{gradient}) {Widths.Constraints(plan)}");
        w.Line("ref int order = ref Unsafe.Add(ref ends, NClasses + 1);");
        w.Line("double scale = 1d / (2d * sigma * sigma);");
        if (withGradient)
        {
            w.Line("double gradScale = 2d / (sigma * sigma);");
            w.Line("// Pairs accumulate into both of their rows, so start from zero.");
            w.Line("MemoryMarshal.CreateSpan(ref gradientOrigin, count * Features).Clear();");
        }

        bool rented = plan.MatrixScratch == ScratchSource.Rented;
        if (rented)
        {
            w.Line("// The largest class sets the scratch: kernel, factor and inverse.");
            w.Line("int largest = 0;");
            using (w.OpenBlock("for (int c = 0, previous = 0; c < NClasses; previous = Unsafe.Add(ref ends, c), c++)"))
            {
                w.Line("largest = Math.Max(largest, Unsafe.Add(ref ends, c) - previous);");
            }

            w.Line("double[] rentedMatrix = ArrayPool<double>.Shared.Rent(3 * largest * largest);");
            w.Line("Span<double> matrix = new Span<double>(rentedMatrix, 0, 3 * largest * largest);");
        }
        else
        {
            w.Line($"Span<double> matrix = stackalloc double[{plan.MatrixDoubles}];");
        }

        using (rented ? w.OpenBlock("try") : (SourceWriter.Block?)null)
        {
            w.Line("double logDet = 0d;");
            using (w.OpenBlock("for (int c = 0, begin = 0; c < NClasses; begin = Unsafe.Add(ref ends, c), c++)"))
            {
                w.Line("int n = Unsafe.Add(ref ends, c) - begin;");
                w.Line(withGradient
                    ? "if (n >= 2) logDet += ClassWithGradient<W, TV>(ref origin, ref gradientOrigin, ref Unsafe.Add(ref order, begin), n, scale, gradScale, matrix);"
                    : "if (n >= 2) logDet += Class<W, TV>(ref origin, ref Unsafe.Add(ref order, begin), n, scale, matrix);");
            }

            w.Line($"return ({t})(0d - logDet);");
        }

        if (rented)
        {
            using (w.OpenBlock("finally"))
            {
                w.Line("ArrayPool<double>.Shared.Return(rentedMatrix);");
            }
        }
    }

    private static void WriteClass(SourceWriter w, KernelPlan plan, bool withGradient)
    {
        string t = plan.ElementType;
        string tiny = Literals.Double(plan.TinyCoefficient);
        w.Line($"/// <summary>One class of 2 to {plan.MaxPerClass} members: log det(K + εI){(withGradient ? " and its members' gradient rows" : "")}.</summary>");
        w.Line(Literals.Optimized);
        string parameters = withGradient
            ? $"ref {t} origin, ref {t} gradientOrigin, ref int members, int n, double scale, double gradScale, Span<double> matrix"
            : $"ref {t} origin, ref int members, int n, double scale, Span<double> matrix";
        using var method = w.OpenBlock($"private static double {(withGradient ? "ClassWithGradient" : "Class")}{Widths.TypeParameters}({parameters}) {Widths.Constraints(plan)}");
        w.Line("int nn = n * n;");
        w.Line("Span<double> kernel = matrix.Slice(0, nn), factor = matrix.Slice(nn, nn);");
        w.Line("bool belowInfinity = true;");
        using (w.OpenBlock("for (int i = 0; i < n; i++)"))
        {
            w.Line($"ref {t} wi = ref Unsafe.Add(ref origin, (nint)Unsafe.Add(ref members, i) * Features);");
            using (w.OpenBlock("for (int j = 0; j < i; j++)"))
            {
                w.Line("double d = SquaredDistance<W, TV>(ref wi, ref Unsafe.Add(ref origin, (nint)Unsafe.Add(ref members, j) * Features));");
                w.Line("belowInfinity &= d < double.PositiveInfinity;");
                w.Line("kernel[i * n + j] = factor[i * n + j] = Math.Exp(-(d * scale));");
            }

            w.Line("factor[i * n + i] = OnePlusEpsilon;");
        }

        w.Line("// +∞ or NaN: a coordinate may be non-finite, which makes the class's term (and rows) NaN, or a finite distance overflowed.");
        using (w.OpenBlock("if (!belowInfinity && !NonFinite.RowsAreFinite(ref origin, ref members, n, Features))"))
        {
            if (withGradient)
            {
                w.Line("NonFinite.FillRowsWithNaN(ref gradientOrigin, ref members, n, Features);");
            }

            w.Line("return double.NaN;");
        }

        w.Line("double logDet = DenseCholesky.FactorLogDeterminant(factor, n);");
        if (withGradient)
        {
            w.Line("Span<double> inverse = matrix.Slice(2 * nn, nn);");
            w.Line("DenseCholesky.Invert(factor, inverse, n);");
            w.Line("// Each pair adds c·(w_i − w_j) to row i and subtracts it from row j.");
            using (w.OpenBlock("for (int i = 0; i < n; i++)"))
            {
                w.Line("nint rowI = (nint)Unsafe.Add(ref members, i) * Features;");
                using (w.OpenBlock("for (int j = 0; j < i; j++)"))
                {
                    w.Line("nint rowJ = (nint)Unsafe.Add(ref members, j) * Features;");
                    w.Line("double coefficient = gradScale * inverse[i * n + j] * kernel[i * n + j];");
                    w.Line($"// A coefficient below {tiny} changes nothing measurable and would be subnormal as {t}.");
                    w.Line($"if (Math.Abs(coefficient) < {tiny}) continue;");
                    w.Line($"AddPairGradient<W, TV>(ref Unsafe.Add(ref origin, rowI), ref Unsafe.Add(ref origin, rowJ), ref Unsafe.Add(ref gradientOrigin, rowI), ref Unsafe.Add(ref gradientOrigin, rowJ), ({t})coefficient);");
                }
            }
        }

        w.Line("return logDet;");
    }

    private static void WriteRowHelpers(SourceWriter w, KernelPlan plan)
    {
        string t = plan.ElementType;
        w.Line("/// <summary>Σ_f (a[f] − b[f])² over one row.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.OpenBlock($"private static double SquaredDistance{Widths.TypeParameters}(ref {t} a, ref {t} b) {Widths.Constraints(plan)}"))
        {
            w.Line("TV s = W.Zero;");
            Widths.WriteFeatureLoop(w, plan.NeedsTailMask, masked =>
            {
                w.Line($"TV t = {Widths.Difference("W.Load(ref a, o)", "W.Load(ref b, o)", masked)};");
                w.Line("s = W.MultiplyAdd(t, t, s);");
            });
            w.Line("return W.Sum(s);");
        }

        w.Line();
        w.Line("/// <summary>ga += c·(a − b) and gb −= c·(a − b): one pair's share of the difference-form gradient.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        using (w.OpenBlock($"private static void AddPairGradient{Widths.TypeParameters}(ref {t} a, ref {t} b, ref {t} ga, ref {t} gb, {t} c) {Widths.Constraints(plan)}"))
        {
            w.Line("TV vc = W.Create(c), nc = W.Create(-c);");
            w.Line("// The overlapping tail accumulates, so its repeated lanes are masked to zero.");
            Widths.WriteFeatureLoop(w, plan.NeedsTailMask, masked =>
            {
                w.Line($"TV t = {Widths.Difference("W.Load(ref a, o)", "W.Load(ref b, o)", masked)};");
                w.Line("W.Store(W.MultiplyAdd(vc, t, W.Load(ref ga, o)), ref ga, o);");
                w.Line("W.Store(W.MultiplyAdd(nc, t, W.Load(ref gb, o)), ref gb, o);");
            });
        }
    }
}
