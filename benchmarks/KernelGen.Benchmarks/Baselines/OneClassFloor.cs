using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using KernelGen.Internal;

namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// The least a one-class kernel can cost while its rows stay the bits the full call writes: one 3 × 64 float class,
/// the generated kernel's arithmetic step for step (the same reductions, exps, LDLᵀ, coefficients and row updates, from
/// the same library helpers), written by hand for this one shape with every value in registers: no block of four
/// lanes, no scratch, no class ranges, one reduction and one exp for the three pairs. Hand-written AVX-512; the setup
/// of <see cref="ClassKernelBenchmarks"/> checks it against the generated class kernel bit for bit.
/// </summary>
internal static class OneClassFloor
{
    private const int Features = 64;
    // The generated shape's constants: ε = 1e-6 (the default) and the float coefficients' flush bound.
    private const double OnePlusEpsilon = 1d + 1E-06d;
    private const double Tiny = 1E-30d;

    public static float LossAndGradient(ReadOnlySpan<float> classPrototypes, Span<float> classGradient, float sigmaDiv) =>
        LossAndGradient<FloorParts.All>(classPrototypes, classGradient, sigmaDiv);

    /// <summary>The floor, or the floor less one of its parts (<see cref="FloorParts"/>), to see what each part costs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float LossAndGradient<TParts>(ReadOnlySpan<float> classPrototypes, Span<float> classGradient, float sigmaDiv)
        where TParts : struct, IFloorParts
    {
        if (!Vector512.IsHardwareAccelerated) throw new PlatformNotSupportedException("The floor is written for AVX-512.");
        if (classPrototypes.Length != 3 * Features) throw new ArgumentException("Three rows of 64.", nameof(classPrototypes));
        if (classGradient.Length != 3 * Features) throw new ArgumentException("Three rows of 64.", nameof(classGradient));

        double sigma = sigmaDiv;
        double scale = 1d / (2d * sigma * sigma);
        double gradScale = 2d / (sigma * sigma);
        ref float w0 = ref MemoryMarshal.GetReference(classPrototypes);
        ref float w1 = ref Unsafe.Add(ref w0, Features);
        ref float w2 = ref Unsafe.Add(ref w0, 2 * Features);

        // The pair sums, as the kernels' ClassSums3.
        Vector512<float> s01 = Vector512<float>.Zero, s02 = Vector512<float>.Zero, s12 = Vector512<float>.Zero;
        for (nuint o = 0; o < Features; o += 16)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref w0, o), x1 = Vector512.LoadUnsafe(ref w1, o), x2 = Vector512.LoadUnsafe(ref w2, o);
            Vector512<float> t01 = x0 - x1;
            s01 = Vector512Ops<float>.MultiplyAdd(t01, t01, s01);
            Vector512<float> t02 = x0 - x2;
            s02 = Vector512Ops<float>.MultiplyAdd(t02, t02, s02);
            Vector512<float> t12 = x1 - x2;
            s12 = Vector512Ops<float>.MultiplyAdd(t12, t12, s12);
        }

        // The kernels reduce one pair of four classes per vector; the reduction treats every lane alike, so the three
        // pairs of one class reduce in one vector to the same bits. The kernels test the distances here too, and take
        // their slow path on +∞ or NaN; the floor has no such path and rejects the input instead.
        Vector256<double> d = Vector512Ops<float>.Sum4(s01, s02, s12, Vector512<float>.Zero);
        if (!Vector256.LessThanAll(d, Vector256.Create(double.PositiveInfinity))) throw new ArgumentException("Distances below +∞ only.", nameof(classPrototypes));
        Vector256<double> k = SimdMath.NegExp(d * Vector256.Create(scale));
        double k01 = k[0], k02 = k[1], k12 = k[2];

        // LDLᵀ, inverse and coefficients as UnrolledFactorisation.FactoriseWithCoefficients3 computes one lane.
        double jittered = OnePlusEpsilon, b2 = OnePlusEpsilon;
        double p0 = jittered, q0 = 1d / OnePlusEpsilon;
        double e10 = k01, l10 = e10 * q0;
        double p1 = FusedMath.MultiplyAddNegated(l10, e10, jittered), q1 = Reciprocal<TParts>(p1);
        double e20 = k02, l20 = e20 * q0;
        double e21 = FusedMath.MultiplyAddNegated(e20, l10, k12), l21 = e21 * q1;
        double reduced2 = FusedMath.MultiplyAddNegated(l20, e20, b2);
        double last2 = FusedMath.MultiplyAdd(p1, reduced2, -(e21 * e21));
        double p2 = FusedMath.MultiplyAddNegated(l21, e21, reduced2), q2 = Reciprocal<TParts>(p2);
        double x20 = -FusedMath.MultiplyAdd(l21, -l10, l20);
        double g01 = gradScale * k01, g02 = gradScale * k02, g12 = gradScale * k12;
        double c01 = Flush(FusedMath.MultiplyAdd(x20 * (-l21) * g01, q2, (-l10) * g01 * q1));
        double c02 = Flush(x20 * g02 * q2);
        double c12 = Flush((-l21) * g12 * q2);

        // Less the rows, the coefficients go into the result so that nothing computes them in vain.
        if (!TParts.Rows) return (float)(ManagedMath.NegativeLog(p0 * last2) + c01 + c02 + c12);

        // The rows, as the kernels' ClassGradient3.
        Vector512<float> v01 = Vector512.Create((float)c01), v02 = Vector512.Create((float)c02), v12 = Vector512.Create((float)c12);
        ref float g0 = ref MemoryMarshal.GetReference(classGradient);
        ref float g1 = ref Unsafe.Add(ref g0, Features);
        ref float g2 = ref Unsafe.Add(ref g0, 2 * Features);
        for (nuint o = 0; o < Features; o += 16)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref w0, o), x1 = Vector512.LoadUnsafe(ref w1, o), x2 = Vector512.LoadUnsafe(ref w2, o);
            Vector512<float> t01 = x0 - x1;
            Vector512<float> r0 = v01 * t01;
            Vector512<float> r1 = Vector512Ops<float>.MultiplyAddNegated(v01, t01, Vector512<float>.Zero);
            Vector512<float> t02 = x0 - x2;
            r0 = Vector512Ops<float>.MultiplyAdd(v02, t02, r0);
            Vector512<float> r2 = Vector512Ops<float>.MultiplyAddNegated(v02, t02, Vector512<float>.Zero);
            Vector512<float> t12 = x1 - x2;
            r1 = Vector512Ops<float>.MultiplyAdd(v12, t12, r1);
            r2 = Vector512Ops<float>.MultiplyAddNegated(v12, t12, r2);
            Vector512.StoreUnsafe(r2, ref g2, o);
            Vector512.StoreUnsafe(r1, ref g1, o);
            Vector512.StoreUnsafe(r0, ref g0, o);
        }

        return TParts.Log ? (float)ManagedMath.NegativeLog(p0 * last2) : (float)(p0 * last2);
    }

    // Less the divisions, p stands in for 1/p: the same links in the chain, each a multiply's latency instead of a divide's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reciprocal<TParts>(double p)
        where TParts : struct, IFloorParts => TParts.Divisions ? 1d / p : p;

    // Coefficients below 1e-30 are flushed to zero, as the kernels do (float subnormals); NaN is kept. Inlined as the
    // kernels' flush is: left to the JIT, the floor called it out of line and spilled its values around the calls.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Flush(double c) => Math.Abs(c) < Tiny ? 0d : c;
}
