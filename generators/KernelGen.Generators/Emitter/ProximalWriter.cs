using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// Writes the fused proximal pass: <c>y = (x − clamp(x, −t, t))·s</c> with <c>t = l1·lr</c> and
/// <c>s = 1/(1 + l2·lr)</c>, i.e. <c>sign(x)·max(|x| − t, 0)/(1 + l2·lr)</c> to within one rounding, exact zeros
/// for <c>|x| ≤ t</c>, NaN kept, and the non-zero count taken in the same pass. On AVX-512 the clamp is one
/// <c>VRANGEPS</c>/<c>VRANGEPD</c>, because the loop is bound by the two 512-bit vector ports: clamp, subtract, scale
/// and compare are four operations per vector instead of five.
/// </summary>
internal static class ProximalWriter
{
    private const string Unsafe = "Unsafe";

    public static void Write(SourceWriter w, ShapeSpec spec)
    {
        WriteProximal(w, spec);
        WriteClamp512(w, spec);
    }

    private static void WriteProximal(SourceWriter w, ShapeSpec spec)
    {
        string t = spec.ElementType;
        w.Line("/// <summary>Soft-thresholding followed by the elastic-net scaling, in one pass; returns the non-zero count.</summary>");
        w.Line(Literals.Optimized);
        using var method = w.OpenBlock($"public static int Proximal(ReadOnlySpan<{t}> relevances, Span<{t}> destination, {t} l1Weight, {t} l2Weight, {t} lr)");
        w.Lines($"""
            int length = relevances.Length;
            if (length == 0 || length % Features != 0 || length > MaxPrototypes * Features) Validation.ThrowLength("relevances", length, "k × {spec.Features} with 1 ≤ k ≤ {spec.MaxPrototypes}");
            if (destination.Length != length) Validation.ThrowLength("destination", destination.Length, "relevances.Length");
            Validation.CheckNoPartialOverlap(relevances, destination);
            Validation.CheckProximal(l1Weight, l2Weight, lr);

            // Products in the element type (semantics.md); the division by 1 + l2·lr becomes one reciprocal.
            {t} threshold = l1Weight * lr;
            {t} scale = 1 / (1 + l2Weight * lr);
            ref {t} source = ref MemoryMarshal.GetReference(relevances);
            ref {t} target = ref MemoryMarshal.GetReference(destination);
            int zeros = 0;
            """);
        VectorWidth.Dispatch(w, spec, v =>
        {
            string vt = "" + v.Type;
            string vec = vt + "<" + t + ">";
            int lanes = v.Lanes(spec);
            w.Lines($"""
                nuint n = (nuint)length, i = 0;
                {vec} low = {vt}.Create(-threshold), high = {vt}.Create(threshold), factor = {vt}.Create(scale);

                // The last vector's original values, read before any store so an in-place call sees its input.
                {vec} last = {vt}.LoadUnsafe(ref source, n - {lanes});
                """);
            using (w.OpenBlock($"for (; i + {4 * lanes} <= n; i += {4 * lanes})"))
            {
                w.Line("// Four vectors per iteration keep the load, clamp, subtract, scale and store units busy.");
                for (int u = 0; u < 4; u++)
                {
                    string offset = u == 0 ? "i" : $"i + {u * lanes}";
                    Step(w, v, vec, $"{vt}.LoadUnsafe(ref source, {offset})", offset, u.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            using (w.OpenBlock($"for (; i + {lanes} <= n; i += {lanes})"))
            {
                Step(w, v, vec, $"{vt}.LoadUnsafe(ref source, i)", "i", "");
            }

            using (w.OpenBlock("if (i < n)"))
            {
                w.Line($"// The remainder: the last vector again, counting only its lanes past i (the others were counted above and get the same values).");
                w.Line($"{vec} y = (last - {Clamp(v, "last")}) * factor;");
                w.Line($"{vt}.StoreUnsafe(y, ref target, n - {lanes});");
                w.Line($"// Lanes below {lanes} − (n − i) were counted already; shift their bits out.");
                w.Line($"zeros += BitOperations.PopCount({vt}.ExtractMostSignificantBits({vt}.Equals(y, {vec}.Zero)) >> ({lanes} - (int)(n - i)));");
            }

        },
        () =>
        {
            using (w.OpenBlock("for (int i = 0; i < length; i++)"))
            {
                w.Line($"{t} x = {Unsafe}.Add(ref source, i);");
                w.Line($"{t} y = (x - Math.Clamp(x, -threshold, threshold)) * scale;");
                w.Line($"{Unsafe}.Add(ref target, i) = y;");
                w.Line("if (y == 0) zeros++;");
            }
        });
        w.Line("return length - zeros;");
    }

    /// <summary>
    /// The clamp of <paramref name="x"/> to [−t, t] at width <paramref name="v"/>. x goes second: x86's max and min
    /// return their second operand on ties (±0) and NaN, so a clamp that changes nothing returns x itself and
    /// x − clamp is +0, as in the reference, never −0 − (+0) = −0.
    /// </summary>
    private static string Clamp(VectorWidth v, string x) =>
        v.Bytes == 64 ? $"Clamp({x}, low, high)" : $"{v.Type}.MinNative(high, {v.Type}.MaxNative(low, {x}))";

    /// <summary>
    /// Only the 512-bit path uses <c>VRANGEPS</c>: wherever <c>Vector512</c> is accelerated AVX-512DQ is present, and
    /// the narrower paths run on hardware without it (or with a third vector port, where max then min costs no more).
    /// </summary>
    private static void WriteClamp512(SourceWriter w, ShapeSpec spec)
    {
        if (!VectorWidth.Usable(spec).Any(v => v.Bytes == 64))
        {
            return;
        }

        string vec = "Vector512<" + spec.ElementType + ">";
        w.Line();
        w.Lines($"""
            /// <summary>
            /// clamp(x, −t, t) for t = <paramref name="high"/> ≥ 0. VRANGE with imm8 0b0010 keeps the operand of smaller
            /// magnitude and gives it the sign of x: exactly the clamp, x itself when |x| ≤ t, NaN kept. Max then min
            /// (x second, so ties return x) without AVX-512DQ.
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static {vec} Clamp({vec} x, {vec} low, {vec} high) =>
                System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported
                    ? System.Runtime.Intrinsics.X86.Avx512DQ.Range(x, high, 0b0010)
                    : Vector512.MinNative(high, Vector512.MaxNative(low, x));
            """);
    }

    private static void Step(SourceWriter w, VectorWidth v, string vec, string load, string offset, string suffix)
    {
        string vt = v.Type;
        w.Line($"{vec} x{suffix} = {load};");
        w.Line($"{vec} y{suffix} = (x{suffix} - {Clamp(v, "x" + suffix)}) * factor;");
        w.Line($"{vt}.StoreUnsafe(y{suffix}, ref target, {offset});");
        // Count through a mask register and popcnt: the vector ports are the bottleneck of this loop, the scalar ones are idle.
        w.Line($"zeros += BitOperations.PopCount({vt}.ExtractMostSignificantBits({vt}.Equals(y{suffix}, {vec}.Zero)));");
    }
}
