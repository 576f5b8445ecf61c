using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the kernel entries' vector exp, <c>SimdMath.NegExp</c>, at 4 and 8 lanes from one text, and
/// <c>SimdMath.NegExpInPlace</c>, the loop over many entries: a group's exp pass, the factorisations of
/// <see cref="Planning.KernelPlanner.ExpLoopMembers"/> or more members, and a lone class with more pairs than a
/// <c>Vector256&lt;double&gt;</c> has lanes (<see cref="Model.UnrolledPlan.LoneEntriesInRegister"/> false). The two widths
/// compute each lane with the same operations, so they agree to the bit; 8 lanes halve the instructions where 512-bit
/// vectors are accelerated, and the exps are a large share of a large shape's loss.
/// </summary>
/// <remarks>
/// Rendered into the runtime library with the factorisations (<see cref="RuntimeFileWriter"/>), as the other half of
/// <c>SimdMath</c> (its constants and scalar fallback are written by hand), rather than kept twice by hand or made
/// generic over the width: a generic exp would be one more layer of wrappers for the JIT to inline at every kernel
/// entry on the first call.
/// </remarks>
internal static class ExpWriter
{
    public static void Write(SourceWriter w)
    {
        WriteNegExp(w, "Vector256", lanes: 4,
            fallback: "// Without 256-bit vectors the operations below would run element by element in software anyway.",
            fallbackReturn: "return Vector256.Create(Scalar(x[0]), Scalar(x[1]), Scalar(x[2]), Scalar(x[3]));");
        w.Line();
        WriteNegExp(w, "Vector512", lanes: 8,
            fallback: "// Emulated 512-bit operations would cost more than the two halves at the width below.",
            fallbackReturn: "return Vector512.Create(NegExp(x.GetLower()), NegExp(x.GetUpper()));");
        w.Line();
        WriteInPlace(w);
    }

    private static void WriteNegExp(SourceWriter w, string v, int lanes, string fallback, string fallbackReturn)
    {
        string vd = v + "<double>";
        w.Line("/// <summary>");
        w.Line($"/// exp(−x) for {lanes} doubles x ≥ 0 (a kernel entry exp(−d/2σ²)): within 2.5 ulp of the exact value for");
        w.Line("/// −x ≥ −708 (tested against a high-precision reference), exactly 0 below, NaN for NaN.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line($"/// Written here rather than taken from <c>{v}.Exp</c>: the framework's is a generic method that is neither");
        w.Line("/// inlined nor precompiled for this use, so a fresh process would run it as unoptimised tier-0 code for its");
        w.Line("/// first thousands of calls; and its chain is longer. exp(y) = 2^k·e^r with k = round(y/ln 2), r = y − k·ln 2 in two");
        w.Line("/// parts (|r| ≤ ln 2/2), e^r by its Taylor polynomial to r¹³ (truncation below 4e−18) in Estrin's scheme: five");
        w.Line("/// levels of multiply-adds instead of thirteen, since the exp heads the kernels' dependency chain. Every width");
        w.Line("/// computes a lane with the same operations, so the widths agree to the bit.");
        w.Line("/// </remarks>");
        w.Line(Literals.Inlined);
        using (w.OpenBlock($"public static {vd} NegExp({vd} x)"))
        {
            using (w.OpenBlock($"if (!{v}.IsHardwareAccelerated)"))
            {
                w.Line(fallback);
                w.Line(fallbackReturn);
            }

            w.Line();
            w.Line($"{vd} y = -x;");
            w.Line($"{vd} shifted = {v}.MultiplyAddEstimate(y, {v}.Create(Log2E), {v}.Create(RoundingShift));");
            w.Line($"{vd} k = shifted - {v}.Create(RoundingShift);");
            w.Line($"{vd} r = {v}.MultiplyAddEstimate(k, {v}.Create(-Ln2Hi), y);");
            w.Line($"r = {v}.MultiplyAddEstimate(k, {v}.Create(-Ln2Lo), r);");
            w.Line();
            w.Line("// e^r = Σ r^i / i!, i ≤ 13, grouped in pairs and quadruples (Estrin).");
            w.Line($"{vd} r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;");
            string[] factorials = ["1d", "1d", "1d / 2", "1d / 6", "1d / 24", "1d / 120", "1d / 720", "1d / 5040", "1d / 40320", "1d / 362880", "1d / 3628800", "1d / 39916800", "1d / 479001600", "1d / 6227020800"];
            for (int i = 0; i < 7; i++)
            {
                // a_i = 1/(2i)! + r/(2i+1)!
                w.Line($"{vd} a{i} = {v}.MultiplyAddEstimate(r, {v}.Create({factorials[2 * i + 1]}), {v}.Create({factorials[2 * i]}));");
            }

            w.Line($"{vd} b0 = {v}.MultiplyAddEstimate(r2, a1, a0);");
            w.Line($"{vd} b1 = {v}.MultiplyAddEstimate(r2, a3, a2);");
            w.Line($"{vd} b2 = {v}.MultiplyAddEstimate(r2, a5, a4);");
            w.Line($"{vd} c0 = {v}.MultiplyAddEstimate(r4, b1, b0);");
            w.Line($"{vd} c1 = {v}.MultiplyAddEstimate(r4, a6, b2);");
            w.Line($"{vd} p = {v}.MultiplyAddEstimate(r8, c1, c0);");
            w.Line();
            w.Line("// 2^k from the integer in the low bits of the shifted value: (k + 1023) << 52 keeps just the exponent field.");
            w.Line($"{vd} scale = {v}.ShiftLeft(shifted.AsInt64() + {v}.Create(1023L), 52).AsDouble();");
            w.Line($"return {v}.AndNot(p * scale, {v}.LessThan(y, {v}.Create(NegExpZeroBelow)));");
        }
    }

    private static void WriteInPlace(SourceWriter w)
    {
        w.Line("/// <summary>");
        w.Line("/// Overwrites each of <paramref name=\"count\"/> values x (a multiple of 4) with exp(−x·<paramref name=\"scale\"/>): 8 lanes at");
        w.Line("/// a time where 512-bit vectors are accelerated, then 4. The same bits as <see cref=\"NegExp(Vector256{double})\"/> on each.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"values\">The first value; overwritten.</param>");
        w.Line("/// <param name=\"count\">How many, a multiple of 4.</param>");
        w.Line("/// <param name=\"scale\">The factor applied before the exp, 1/(2σ²).</param>");
        w.Line(Literals.Inlined);
        using (w.OpenBlock("public static void NegExpInPlace(ref double values, nuint count, double scale)"))
        {
            using (w.OpenBlock("if (Vector512.IsHardwareAccelerated)"))
            {
                w.Line("Vector512<double> wide = Vector512.Create(scale);");
                w.Line("nuint offset = 0;");
                using (w.OpenBlock("for (; offset + 8 <= count; offset += 8)"))
                {
                    w.Line("Vector512.StoreUnsafe(NegExp(Vector512.LoadUnsafe(ref values, offset) * wide), ref values, offset);");
                }

                w.Line();
                w.Line("// One 4-lane step left at most. The factorisations and the lone class of four pass a constant count; where it is");
                w.Line("// a multiple of 8 the JIT drops this step, and with it a second inlined copy of the exp to compile on the first");
                w.Line("// call. A group pass's count is known only at run time.");
                using (w.OpenBlock("if (count % 8 != 0)"))
                {
                    w.Line("Vector256.StoreUnsafe(NegExp(Vector256.LoadUnsafe(ref values, offset) * Vector256.Create(scale)), ref values, offset);");
                }

                w.Line("return;");
            }

            w.Line();
            w.Line("Vector256<double> narrow = Vector256.Create(scale);");
            using (w.OpenBlock("for (nuint offset = 0; offset < count; offset += 4)"))
            {
                w.Line("Vector256.StoreUnsafe(NegExp(Vector256.LoadUnsafe(ref values, offset) * narrow), ref values, offset);");
            }
        }
    }
}
