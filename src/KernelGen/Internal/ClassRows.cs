using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// One class's term and gradient rows from its rows of the whole prototype matrix, for labels in any order: the class's
/// rows are copied into scratch, the engine's class kernel runs on them, and its gradient rows are copied back to the
/// same rows of the whole gradient; consecutive rows, as class-major labels give, are passed as slices instead. The
/// copies cost what the class's own rows cost, so the call stays independent of the number of classes; rows given in
/// ascending order are the order the full call takes a class's members in, so the rows written are the bits the full
/// call writes.
/// </summary>
internal static class ClassRows
{
    // Each scratch (the class's rows, its gradient rows) on the stack up to this many elements (2 KiB of float, 4 KiB
    // of double): every class up to 8 × 64; larger ones come from the pool.
    private const int StackElements = 512;

    /// <summary>The class's term, and with <paramref name="withGradient"/> its rows written into <paramref name="gradient"/>.</summary>
    /// <param name="engine">The engine whose class kernel computes the term.</param>
    /// <param name="prototypes">P × Features values, 1 ≤ P ≤ MaxPrototypes.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending, 1 to MaxPerClass of them.</param>
    /// <param name="gradient">The whole gradient, the prototypes' length; only the class's rows are written.</param>
    /// <param name="sigmaDiv">σ.</param>
    /// <param name="withGradient">Whether to write the rows.</param>
    /// <returns>The class's term.</returns>
    [SkipLocalsInit] // the rows' scratch is written in full by the copies before it is read; the gradient's is cleared
    public static T Term<T>(PrototypeRegularizer<T> engine, ReadOnlySpan<T> prototypes, ReadOnlySpan<int> classRows, Span<T> gradient, T sigmaDiv, bool withGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Checks first: nothing is written unless all of them pass.
        int features = engine.Features;
        int p = prototypes.Length / features;
        if (p == 0 || p * features != prototypes.Length || p > engine.MaxPrototypes) ThrowPrototypesLength(prototypes.Length, features, engine.MaxPrototypes);
        int n = classRows.Length;
        if (n == 0 || n > engine.MaxPerClass) ThrowRowCount(n, engine.MaxPerClass);
        for (int i = 0, previous = -1; i < n; previous = classRows[i++])
        {
            if (classRows[i] <= previous || classRows[i] >= p) ThrowRow(i, classRows[i], previous, p);
        }

        if (withGradient)
        {
            if (gradient.Length != prototypes.Length) Validation.ThrowGradientLength(gradient.Length, prototypes.Length);
            Validation.CheckGradientApart(prototypes, gradient, nameof(gradient), nameof(prototypes));

            // The copy back reads the indices while it writes the gradient: indices in its memory would change under it.
            if (MemoryMarshal.AsBytes(classRows).Overlaps(MemoryMarshal.AsBytes((ReadOnlySpan<T>)gradient))) Validation.ThrowGradientOverlap(nameof(gradient), nameof(classRows));
        }

        Validation.CheckSigma(sigmaDiv);

        // ---- every check passed ----
        int length = n * features;
        if (Run(classRows, 0) == n)
        {
            // Consecutive rows (class-major labels): the class is a slice of both matrices, and needs no copies.
            ReadOnlySpan<T> slice = prototypes.Slice(classRows[0] * features, length);
            return withGradient
                ? engine.ClassDiversityLoss(slice, gradient.Slice(classRows[0] * features, length), sigmaDiv)
                : engine.ClassDiversityLoss(slice, sigmaDiv);
        }

        T[]? rentedRows = null, rentedGradient = null;
        Span<T> rows = PooledScratch.Get(stackalloc T[StackElements], length, ref rentedRows);
        for (int i = 0, run; i < n; i += run)
        {
            // Consecutive rows in one copy.
            run = Run(classRows, i);
            Copy(ref Unsafe.Add(ref MemoryMarshal.GetReference(prototypes), classRows[i] * features), ref rows[i * features], run * features);
        }

        T term;
        if (withGradient)
        {
            // Cleared: an engine written outside this library might not write every element of its rows, and what an
            // earlier call left in the scratch must not reach the caller's gradient. (Consecutive rows above need no
            // such care: the engine writes the caller's own memory, as its call on those slices would.)
            Span<T> rowsGradient = PooledScratch.Get(stackalloc T[StackElements], length, ref rentedGradient);
            rowsGradient.Clear();
            term = engine.ClassDiversityLoss(rows, rowsGradient, sigmaDiv);
            for (int i = 0, run; i < n; i += run)
            {
                run = Run(classRows, i);
                Copy(ref rowsGradient[i * features], ref gradient[classRows[i] * features], run * features);
            }
        }
        else
        {
            term = engine.ClassDiversityLoss(rows, sigmaDiv);
        }

        PooledScratch.Return(rentedRows);
        PooledScratch.Return(rentedGradient);
        return term;
    }

    /// <summary>
    /// Copies <paramref name="count"/> values between buffers that do not overlap, in 256-bit vectors where they are
    /// accelerated (the last one overlapping the one before it): at a row's length a call to the runtime's memmove per
    /// row costs more than the copying. Inlined into <see cref="Term"/>, which is compiled fully optimised: a call would
    /// run tiered, its loop at tier 0 through a fresh process's first calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(ref T source, ref T destination, int count)
    {
        int last = count - Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated && last >= 0)
        {
            for (int i = 0; i < last; i += Vector256<T>.Count)
            {
                Vector256.LoadUnsafe(ref source, (nuint)i).StoreUnsafe(ref destination, (nuint)i);
            }

            Vector256.LoadUnsafe(ref source, (nuint)last).StoreUnsafe(ref destination, (nuint)last);
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>How many rows from <paramref name="start"/> on follow each other with no gap (at least one).</summary>
    private static int Run(ReadOnlySpan<int> classRows, int start)
    {
        int end = start + 1;
        while (end < classRows.Length && classRows[end] == classRows[end - 1] + 1) end++;
        return end - start;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPrototypesLength(int length, int features, int maxPrototypes) =>
        throw new ArgumentException(
            $"prototypes has length {length}; expected P × {features} with 1 ≤ P ≤ {maxPrototypes} (the whole prototype matrix).", "prototypes");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRowCount(int count, int maxPerClass) =>
        throw new ArgumentException($"classRows has {count} indices; a class has 1 to {maxPerClass} (MaxPerClass).", "classRows");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRow(int index, int row, int previous, int count) =>
        throw new ArgumentOutOfRangeException("classRows", row,
            row < 0 || row >= count ? $"classRows[{index}] = {row} is outside the prototypes' rows [0, {count})."
            : row == previous ? $"classRows[{index}] = {row} repeats classRows[{index - 1}]: each row once, in ascending order."
            : $"classRows[{index}] = {row} does not follow classRows[{index - 1}] = {previous}: the rows must be ascending, each once.");
}
