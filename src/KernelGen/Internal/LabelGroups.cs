using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KernelGen.Internal;

/// <summary>
/// The generated kernels' label pass: validate every label and group prototype indices by class. It does not
/// depend on the shape beyond two numbers, so it lives here once instead of in every generated file.
/// </summary>
/// <remarks>
/// Groups are laid out as <c>groups[c]</c> = the end of class <c>c</c>'s run (its start is the previous class's
/// end), one unused slot at <c>groups[nClasses]</c>, then the prototype indices class by class from
/// <c>groups[nClasses + 1]</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LabelGroups
{
    /// <summary>
    /// Validates every label and groups prototype indices by class into <paramref name="groups"/>, at least
    /// <c>nClasses + 1 + protoLabels.Length</c> entries whatever they hold on entry: the generated kernels pass it
    /// <c>stackalloc</c> memory, which is not zeroed in a module that skips locals' initialisation.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A label is outside <c>[0, nClasses)</c> or a class has too many members (<c>protoLabels</c>), or
    /// <paramref name="groups"/> is too short.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Group(ReadOnlySpan<int> protoLabels, Span<int> groups, int nClasses, int maxPerClass)
    {
        // Checked once, so that the unchecked writes below stay inside the span.
        if ((long)groups.Length < (long)nClasses + 1 + protoLabels.Length)
        {
            Validation.ThrowLength(nameof(groups), groups.Length, (long)nClasses + 1 + protoLabels.Length, "nClasses + 1 + protoLabels.Length");
        }

        groups.Slice(0, nClasses + 1).Clear();
        ref int starts = ref MemoryMarshal.GetReference(groups);
        for (int i = 0; i < protoLabels.Length; i++)
        {
            int label = protoLabels[i];
            if ((uint)label >= (uint)nClasses) Validation.ThrowLabelOutOfRange(i, label, nClasses);
            if (++Unsafe.Add(ref starts, label + 1) > maxPerClass) Validation.ThrowClassTooLarge(i, label, maxPerClass);
        }

        // Counts to start offsets.
        for (int c = 1; c <= nClasses; c++)
        {
            Unsafe.Add(ref starts, c) += Unsafe.Add(ref starts, c - 1);
        }

        // Scatter; each class's cursor ends at the end of its run.
        ref int order = ref Unsafe.Add(ref starts, nClasses + 1);
        for (int i = 0; i < protoLabels.Length; i++)
        {
            Unsafe.Add(ref order, Unsafe.Add(ref starts, protoLabels[i])++) = i;
        }
    }

    /// <summary>
    /// The prototype at <paramref name="position"/> in the grouped order: the order's entry there, or the position itself
    /// when <paramref name="order"/> is a null reference, as the kernels pass it for class-major labels (whose order is
    /// the identity). Rows are then addressed without loading their index first: one dependent load fewer per row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Member(ref int order, int position) =>
        Unsafe.IsNullRef(ref order) ? position : Unsafe.Add(ref order, position);

    /// <summary>The class-major labels with every class full: label i = i / maxPerClass.</summary>
    public static int[] ClassMajorLabels(int nClasses, int maxPerClass)
    {
        var labels = new int[nClasses * maxPerClass];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i / maxPerClass;
        }

        return labels;
    }

    /// <summary>What <see cref="Group"/> produces for <see cref="ClassMajorLabels"/>: class ends, one unused slot, the identity order.</summary>
    public static int[] ClassMajorGroups(int nClasses, int maxPerClass)
    {
        int count = nClasses * maxPerClass;
        var groups = new int[nClasses + 1 + count];
        for (int c = 0; c < nClasses; c++)
        {
            groups[c] = (c + 1) * maxPerClass;
        }

        groups[nClasses] = count;
        for (int i = 0; i < count; i++)
        {
            groups[nClasses + 1 + i] = i;
        }

        return groups;
    }

    /// <summary>
    /// Whether <paramref name="protoLabels"/> equals <paramref name="classMajor"/>: the layout prototype code usually
    /// keeps, for which the grouping is a constant table. Compiled here, not taken from the framework's
    /// precompiled <c>SequenceEqual</c>, so a fresh process runs it at full speed from the first call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsClassMajor(ReadOnlySpan<int> protoLabels, int[] classMajor)
    {
        int n = protoLabels.Length;
        if (n != classMajor.Length)
        {
            return false;
        }

        ref int a = ref MemoryMarshal.GetReference(protoLabels);
        ref int b = ref MemoryMarshal.GetArrayDataReference(classMajor);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<int>.Count <= n; i += Vector256<int>.Count)
            {
                if (Vector256.LoadUnsafe(ref a, (nuint)i) != Vector256.LoadUnsafe(ref b, (nuint)i)) return false;
            }
        }

        for (; i < n; i++)
        {
            if (Unsafe.Add(ref a, i) != Unsafe.Add(ref b, i)) return false;
        }

        return true;
    }
}
