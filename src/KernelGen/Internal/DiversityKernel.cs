using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>
/// The dynamic-shape diversity loss −Σ_c log det(K_c + εI) and its gradient (see <c>docs/semantics.md</c>):
/// one validating pass over the labels, then each class's own pairs only.
/// </summary>
/// <remarks>
/// The methods with loops are compiled fully optimised on their first call, as the generated kernels are, so that a
/// fresh process's first calls run at full speed; that forgoes the profile tiering would gather, a few percent of the
/// steady state (docs/benchmarks.md, "First call").
/// </remarks>
internal static unsafe class DiversityKernel
{
    // Stack budgets: 256 ints (1 KiB) for label bookkeeping, 384 doubles (3 KiB) for one class's matrices.
    private const int StackInts = 256;
    private const int StackDoubles = 384;

    /// <summary>Gradient coefficients below this are flushed to zero (the generated kernels use the same bound).</summary>
    private static double TinyCoefficient<T>() => ShapeLimits.TinyCoefficient(typeof(T) == typeof(double));

    /// <summary>Marks the overloads without a shape: classes = max label + 1, each of at most <see cref="ShapeLimits.MaxPerClass"/>.</summary>
    public const int ShapeFromLabels = -1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Compute<T>(
        ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, bool withGradient,
        T sigmaDiv, int nClasses, int maxPerClass, double epsilon, bool parallel = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // ---- validation: nothing below writes an output until every check has passed ----
        Validation.CheckElementType<T>();
        int p = protoLabels.Length;
        if (nClasses != ShapeFromLabels)
        {
            Validation.CheckClasses(nClasses, maxPerClass);
            Validation.CheckEpsilon(epsilon);
            long maxPrototypes = (long)nClasses * maxPerClass;
            if (p > maxPrototypes) Validation.ThrowTooManyLabels(p, maxPrototypes);
        }

        int features = p == 0 ? 0 : prototypes.Length / p;
        if (p == 0 ? prototypes.Length != 0 : features == 0 || (long)features * p != prototypes.Length)
        {
            if (p == 0) Validation.ThrowLength(nameof(prototypes), prototypes.Length, 0, "protoLabels.Length × features");
            Validation.ThrowLengthMultiple(nameof(prototypes), prototypes.Length, p, "protoLabels.Length × features");
        }

        if (withGradient)
        {
            if (gradient.Length != prototypes.Length) Validation.ThrowGradientLength(gradient.Length, prototypes.Length);
            Validation.CheckGradientApart(prototypes, gradient, nameof(gradient), nameof(prototypes));
        }

        // σ after the lengths, as the generated entries check it, so that every engine names the same parameter.
        Validation.CheckSigma(sigmaDiv);
        double sigma = double.CreateTruncating(sigmaDiv);

        bool fromLabels = nClasses == ShapeFromLabels;
        if (fromLabels)
        {
            int maxLabel = -1;
            for (int i = 0; i < p; i++)
            {
                int label = protoLabels[i];
                if (label < 0) Validation.ThrowNegativeLabel(i, label);
                if (label >= ShapeLimits.MaxClasses) Validation.ThrowLabelOutOfRange(i, label, ShapeLimits.MaxClasses);
                if (label > maxLabel) maxLabel = label;
            }

            nClasses = maxLabel + 1;
            maxPerClass = ShapeLimits.MaxPerClass;
        }

        // Count per class (validating labels), then prefix offsets, then scatter prototype indices class-major.
        int[]? rentedCounts = null, rentedOrder = null;
        double[]? rentedMatrices = null;
        try
        {
            Span<int> counts = PooledScratch.Get(stackalloc int[StackInts], nClasses + 1, ref rentedCounts);
            counts.Clear();
            for (int i = 0; i < p; i++)
            {
                int label = protoLabels[i];
                if ((uint)label >= (uint)nClasses) Validation.ThrowLabelOutOfRange(i, label, nClasses);
                if (++counts[label + 1] > maxPerClass) ThrowClassTooLarge(i, label, maxPerClass, fromLabels);
            }

            // ---- every check passed ----
            int largest = 0;
            for (int c = 1; c <= nClasses; c++)
            {
                largest = Math.Max(largest, counts[c]);
                counts[c] += counts[c - 1];
            }

            if (largest < 2)
            {
                if (withGradient)
                {
                    gradient.Clear();
                }

                return T.Zero;
            }

            // counts[c] is now the start of class c; scattering advances it to the start of class c + 1.
            Span<int> order = PooledScratch.Get(stackalloc int[StackInts], p, ref rentedOrder);
            for (int i = 0; i < p; i++)
            {
                order[counts[protoLabels[i]]++] = i;
            }

            // Cleared only once the labels are read for the last time: labels kept in the gradient's memory (the
            // generated kernels group them before any write too) must not change under the scatter.
            if (withGradient)
            {
                gradient.Clear();
            }

            double invTwoSigmaSq = 1 / (2 * sigma * sigma);
            double gradScale = 2 / (sigma * sigma);
            int chunkClasses = parallel ? ShapeLimits.ParallelChunkClasses(nClasses, largest, features, 1) : 0;
            if (chunkClasses > 0)
            {
                // Pinned so that worker threads can read the spans through pointers; each chunk has its own scratch.
                fixed (T* w = prototypes)
                fixed (T* g = gradient)
                fixed (int* o = order)
                fixed (int* e = counts)
                {
                    var range = new ClassRange<T>(w, g, o, e, p, features, withGradient, epsilon, invTwoSigmaSq, gradScale, largest);
                    return T.CreateTruncating(0d - ChunkJob<ClassRange<T>>.Sum(in range, nClasses, chunkClasses));
                }
            }

            // largest ≤ ShapeLimits.MaxPerClass, so the three matrices fit an int (and 24 MiB).
            Span<double> scratch = PooledScratch.Get(stackalloc double[StackDoubles], 3 * largest * largest, ref rentedMatrices);

            // 0 − Σ, not −Σ: a sum of exactly 0 (every determinant 1) is then +0, as on the other engines.
            return T.CreateTruncating(0d - SumLogDets(prototypes, order, counts, gradient, withGradient, features,
                epsilon, invTwoSigmaSq, gradScale, scratch, 0, nClasses));
        }
        finally
        {
            PooledScratch.Return(rentedCounts);
            PooledScratch.Return(rentedOrder);
            PooledScratch.Return(rentedMatrices);
        }
    }

    /// <summary>An over-full class: the caller's <c>maxPerClass</c>, or for the overloads without a shape the limit every engine has.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowClassTooLarge(int index, int label, int maxPerClass, bool fromLabels)
    {
        if (!fromLabels) Validation.ThrowClassTooLarge(index, label, maxPerClass);
        throw new ArgumentException($"Class {label} has more than {maxPerClass} prototypes, the most a class may hold: protoLabels[{index}] is its prototype number {maxPerClass + 1}.", "protoLabels");
    }

    /// <summary>
    /// One class's term −log det(K_c + εI) and, with a gradient, its rows: <see cref="ClassLogDet"/> on the class's
    /// own rows in order, as the full call runs it on the class's members, so the rows are the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T ComputeClass<T>(
        ReadOnlySpan<T> classPrototypes, Span<T> classGradient, bool withGradient, T sigmaDiv, int features, int maxPerClass, double epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Validation.CheckClass(classPrototypes, classGradient, sigmaDiv, withGradient, features, maxPerClass);
        double sigma = double.CreateTruncating(sigmaDiv);

        // ---- every check passed ----
        if (withGradient)
        {
            classGradient.Clear();
        }

        if (n < 2)
        {
            return T.Zero;
        }

        int[]? rentedMembers = null;
        double[]? rentedMatrices = null;
        try
        {
            Span<int> members = PooledScratch.Get(stackalloc int[StackInts], n, ref rentedMembers);
            for (int i = 0; i < n; i++)
            {
                members[i] = i;
            }

            Span<double> scratch = PooledScratch.Get(stackalloc double[StackDoubles], 3 * n * n, ref rentedMatrices);
            double logDet = ClassLogDet(classPrototypes, members, classGradient, withGradient, features, epsilon,
                1 / (2 * sigma * sigma), 2 / (sigma * sigma), scratch);
            return T.CreateTruncating(0d - logDet);   // +0 for a determinant of exactly 1, as 0 − log 1 and the full call
        }
        finally
        {
            PooledScratch.Return(rentedMembers);
            PooledScratch.Return(rentedMatrices);
        }
    }

    /// <summary>
    /// Σ log det over classes [<paramref name="firstClass"/>, <paramref name="endClass"/>) in class order, each class's
    /// members at <c>order[ends[c − 1] .. ends[c])</c>: the serial call's whole sum and a parallel chunk's share.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumLogDets<T>(
        ReadOnlySpan<T> prototypes, ReadOnlySpan<int> order, ReadOnlySpan<int> ends, Span<T> gradient, bool withGradient,
        int features, double epsilon, double invTwoSigmaSq, double gradScale, Span<double> scratch, int firstClass, int endClass)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int c = firstClass, start = firstClass == 0 ? 0 : ends[firstClass - 1]; c < endClass; start = ends[c], c++)
        {
            int n = ends[c] - start;
            if (n >= 2)
            {
                sum += ClassLogDet(prototypes, order.Slice(start, n), gradient, withGradient, features, epsilon, invTwoSigmaSq, gradScale, scratch);
            }
        }

        return sum;
    }

    /// <summary>A chunk of classes of a parallel call: the arguments, pinned, as a value the workers share.</summary>
    private readonly struct ClassRange<T> : IClassRange
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T* _prototypes, _gradient;
        private readonly int* _order, _ends;
        private readonly int _count, _features, _largest;
        private readonly bool _withGradient;
        private readonly double _epsilon, _invTwoSigmaSq, _gradScale;

        public ClassRange(T* prototypes, T* gradient, int* order, int* ends, int count, int features, bool withGradient,
            double epsilon, double invTwoSigmaSq, double gradScale, int largest)
        {
            _prototypes = prototypes;
            _gradient = gradient;
            _order = order;
            _ends = ends;
            (_count, _features, _withGradient, _largest) = (count, features, withGradient, largest);
            (_epsilon, _invTwoSigmaSq, _gradScale) = (epsilon, invTwoSigmaSq, gradScale);
        }

        public double LogDeterminants(int firstClass, int endClass)
        {
            double[]? rented = null;
            try
            {
                Span<double> scratch = PooledScratch.Get(stackalloc double[StackDoubles], 3 * _largest * _largest, ref rented);
                return SumLogDets(new ReadOnlySpan<T>(_prototypes, _count * _features), new ReadOnlySpan<int>(_order, _count),
                    new ReadOnlySpan<int>(_ends, endClass), _withGradient ? new Span<T>(_gradient, _count * _features) : default,
                    _withGradient, _features, _epsilon, _invTwoSigmaSq, _gradScale, scratch, firstClass, endClass);
            }
            finally
            {
                PooledScratch.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ClassLogDet<T>(
        ReadOnlySpan<T> prototypes, ReadOnlySpan<int> members, Span<T> gradient, bool withGradient, int features,
        double epsilon, double invTwoSigmaSq, double gradScale, Span<double> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = members.Length;
        int nn = n * n;

        // A NaN or ±∞ coordinate makes the class's term and all of its rows NaN (semantics.md, Non-finite coordinates).
        foreach (int member in members)
        {
            if (!AllFinite(prototypes.Slice(member * features, features)))
            {
                if (withGradient)
                {
                    foreach (int row in members)
                    {
                        gradient.Slice(row * features, features).Fill(T.NaN);
                    }
                }

                return double.NaN;
            }
        }

        Span<double> kernel = scratch.Slice(0, nn);
        Span<double> factor = scratch.Slice(nn, nn);

        // Kernel entries in double (semantics.md, Precision); only the lower triangle is factorised.
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> wi = prototypes.Slice(members[i] * features, features);
            for (int j = 0; j < i; j++)
            {
                double d = SpanMath.SquaredDistance(wi, prototypes.Slice(members[j] * features, features));
                double k = Math.Exp(-d * invTwoSigmaSq);
                kernel[i * n + j] = k;
                factor[i * n + j] = k;
            }

            factor[i * n + i] = 1 + epsilon;
        }

        double logDet = DenseCholesky.FactorLogDeterminant(factor, n);
        if (withGradient)
        {
            Span<double> inverse = scratch.Slice(2 * nn, nn);
            DenseCholesky.Invert(factor, inverse, n);

            // ∂loss/∂w_i = (2/σ²) Σ_j A_ij K_ij (w_i − w_j); each pair adds to both rows with opposite signs.
            for (int i = 0; i < n; i++)
            {
                int rowI = members[i] * features;
                for (int j = 0; j < i; j++)
                {
                    int rowJ = members[j] * features;
                    double coefficient = gradScale * inverse[i * n + j] * kernel[i * n + j];

                    // A coefficient this small changes no entry measurably, and would be subnormal in T (slow on x64).
                    if (Math.Abs(coefficient) < TinyCoefficient<T>())
                    {
                        continue;
                    }

                    T c = T.CreateTruncating(coefficient);
                    SpanMath.AddPairGradient(prototypes.Slice(rowI, features), prototypes.Slice(rowJ, features),
                        gradient.Slice(rowI, features), gradient.Slice(rowJ, features), c);
                }
            }
        }

        return logDet;
    }

    /// <summary>Whether every value is finite: x − x is 0 for finite x and NaN for ±∞ and NaN, a vector at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AllFinite<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<T>.Count <= row.Length; i += Vector<T>.Count)
            {
                var v = new Vector<T>(row.Slice(i));
                if (!Vector.EqualsAll(v - v, Vector<T>.Zero)) return false;
            }
        }

        for (; i < row.Length; i++)
        {
            if (!T.IsFinite(row[i])) return false;
        }

        return true;
    }
}
