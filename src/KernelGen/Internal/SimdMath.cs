using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>Vector maths the unrolled kernels share, whatever their shape.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SimdMath
{
    /// <summary>exp(−x) for four doubles in one vector operation (two on 128-bit hardware, scalar without SIMD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> NegExp(Vector256<double> x)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            return Vector256.Exp(-x);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            return Vector256.Create(Vector128.Exp(-Vector256.GetLower(x)), Vector128.Exp(-Vector256.GetUpper(x)));
        }

        return Vector256.Create(Math.Exp(-x[0]), Math.Exp(-x[1]), Math.Exp(-x[2]), Math.Exp(-x[3]));
    }
}
