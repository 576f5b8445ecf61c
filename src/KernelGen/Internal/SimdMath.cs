using System.ComponentModel;

namespace KernelGen.Internal;

/// <summary>Vector maths the unrolled kernels share, whatever their shape.</summary>
/// <remarks>
/// The exp itself, <c>NegExp</c> at 4 and 8 lanes and the in-place loop over a block's distances, is rendered from one
/// text into Unrolled.g.cs by the generator's ExpWriter; this half holds its constants and the scalar fallback.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[CLSCompliant(false)]
public static partial class SimdMath
{
    private const double Log2E = 1.4426950408889634;          // 1/ln 2
    private const double Ln2Hi = ManagedMath.Ln2Hi;            // ln 2 in two parts, as the log splits it
    private const double Ln2Lo = ManagedMath.Ln2Lo;
    private const double RoundingShift = 6755399441055744.0;  // 1.5·2^52: adding it rounds to an integer in the low bits

    /// <summary>Below −708 (e^−708 ≈ 3e−308, the bottom of the normal range) the result is exactly 0.</summary>
    public const double NegExpZeroBelow = -708;

    private static double Scalar(double x) => -x < NegExpZeroBelow ? 0d : Math.Exp(-x);
}
