using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace KernelGen.Internal;

/// <summary>
/// The multiply-adds of the factorisation and the log: fused (one rounding) where the hardware has the instruction,
/// a multiply then an add where it has not.
/// </summary>
/// <remarks>
/// A fused multiply-add is one link of a dependency chain where a multiply and an add are two, and the factorisation's
/// chain is most of a small class's time. The scalar and the vector forms take the same branch on every machine (the
/// conditions are JIT-time constants), and a fused result is the exactly rounded one however it is computed, so a
/// class alone in scalars rounds as its lane of a block does. Unlike <c>MultiplyAddEstimate</c>, whose choice is the
/// runtime's per type, the choice here is written down, once, for both forms.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FusedMath
{
    /// <summary>Whether the multiply-adds are fused: x64 with FMA3, and ARM64.</summary>
    public static bool IsFused => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => IsFused ? Math.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary>c − a·b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAddNegated(double a, double b, double c) => IsFused ? Math.FusedMultiplyAdd(-a, b, c) : c - a * b;

    /// <summary>a·b + c in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        if (!IsFused) return a * b + c;
        // ARM64 has no 256-bit vectors: per lane, each an exactly rounded fused multiply-add.
        return Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : Vector256.FusedMultiplyAdd(a, b, c);
    }

    /// <summary>c − a·b in each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAddNegated(Vector256<double> a, Vector256<double> b, Vector256<double> c)
    {
        if (!IsFused) return c - a * b;
        return Fma.IsSupported ? Fma.MultiplyAddNegated(a, b, c) : Vector256.FusedMultiplyAdd(-a, b, c);
    }
}
