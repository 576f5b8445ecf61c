using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>
/// Cholesky log-determinant and inverse of a symmetric positive-definite matrix held row-major in a span of
/// doubles. The reference kernel uses it for every class; generated kernels use it for classes too large to
/// unroll.
/// </summary>
/// <remarks>
/// Both methods are compiled fully optimised on their first call, as the kernels that call them are: tiered, their
/// loops would run at tier 0 through a fresh process's first thousands of calls (docs/benchmarks.md, "First call").
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseCholesky
{
    /// <summary>
    /// Factorises the lower triangle of <paramref name="matrix"/> (n×n, row-major) in place into L with
    /// <c>L·Lᵀ = B</c> and returns <c>log det B = Σ log L_kk²</c>. The upper triangle is not read.
    /// </summary>
    /// <param name="matrix">The matrix; its lower triangle is overwritten with L.</param>
    /// <param name="n">The order of the matrix.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FactorLogDeterminant(Span<double> matrix, int n)
    {
        double logDet = 0;
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = matrix.Slice(j * n, n);
            double s = rowJ[j];
            for (int k = 0; k < j; k++)
            {
                s -= rowJ[k] * rowJ[k];
            }

            // s is the pivot L_jj²; its log is 2·log L_jj, so the determinant needs no square root.
            logDet += ManagedMath.Log(s);
            double ljj = Math.Sqrt(s);
            rowJ[j] = ljj;
            double inv = 1 / ljj;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = matrix.Slice(i * n, n);
                double t = rowI[j];
                for (int k = 0; k < j; k++)
                {
                    t -= rowI[k] * rowJ[k];
                }

                rowI[j] = t * inv;
            }
        }

        return logDet;
    }

    /// <summary>
    /// Writes <c>A = B⁻¹ = L⁻ᵀ·L⁻¹</c> (full, symmetric) into <paramref name="inverse"/> from the factor L that
    /// <see cref="FactorLogDeterminant"/> left in the lower triangle of <paramref name="factor"/>.
    /// </summary>
    /// <param name="factor">n×n; its lower triangle holds L and is overwritten with L⁻¹.</param>
    /// <param name="inverse">n×n output.</param>
    /// <param name="n">The order of the matrix.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Invert(Span<double> factor, Span<double> inverse, int n)
    {
        // L⁻¹ by forward substitution, in place, row by row. Within row i we go left to right: entry j reads
        // L[i,k] for k ≥ j (not yet overwritten) and L⁻¹[k,j] from rows above (already inverted).
        for (int i = 0; i < n; i++)
        {
            Span<double> rowI = factor.Slice(i * n, n);
            double invDiag = 1 / rowI[i];
            for (int j = 0; j < i; j++)
            {
                double s = 0;
                for (int k = j; k < i; k++)
                {
                    s += rowI[k] * factor[k * n + j];
                }

                rowI[j] = -s * invDiag;
            }

            rowI[i] = invDiag;
        }

        // A[i,j] = Σ_k L⁻¹[k,i]·L⁻¹[k,j], k ≥ max(i, j).
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = i; k < n; k++)
                {
                    s += factor[k * n + i] * factor[k * n + j];
                }

                inverse[i * n + j] = s;
                inverse[j * n + i] = s;
            }
        }
    }
}
