using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KernelGen.Internal;

/// <summary>
/// The tensor overloads' checks: rank, lengths and layout of a <see cref="ReadOnlyTensorSpan{T}"/> or
/// <see cref="TensorSpan{T}"/>, then its elements as the span the kernels take (no copy). A dense tensor (its elements
/// one after another in row-major order, whatever the stride of a dimension of length 1) gives exactly the span
/// overloads' results; one the kernels cannot take is rejected with a message that says why, naming the
/// parameter, before anything is written.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TensorArguments
{
    /// <summary>Prototypes of lengths [P, <paramref name="features"/>], dense and row-major.</summary>
    public static ReadOnlySpan<T> Prototypes<T>(in ReadOnlyTensorSpan<T> prototypes, int features, string paramName = "prototypes") =>
        Rows(prototypes, features, maxRows: 0, paramName);

    /// <summary>
    /// One class's prototypes, lengths [n, <paramref name="features"/>] with 1 ≤ n ≤ <paramref name="maxPerClass"/>,
    /// dense and row-major. Checked on the tensor's lengths so that the message names them, where the span overload
    /// could only name the element count.
    /// </summary>
    public static ReadOnlySpan<T> ClassPrototypes<T>(in ReadOnlyTensorSpan<T> classPrototypes, int features, int maxPerClass) =>
        Rows(classPrototypes, features, maxPerClass, nameof(classPrototypes));

    /// <summary>
    /// Rows of <paramref name="features"/> values: any number of them where <paramref name="maxRows"/> is 0 (the span
    /// overload then checks the count against the labels), 1 to <paramref name="maxRows"/> otherwise.
    /// </summary>
    private static ReadOnlySpan<T> Rows<T>(in ReadOnlyTensorSpan<T> tensor, int features, int maxRows, string paramName)
    {
        if (tensor.Rank != 2)
        {
            throw new ArgumentException($"{paramName} must have rank 2, lengths {RowLengths(features, maxRows)}; it has rank {tensor.Rank}.", paramName);
        }

        nint rows = tensor.Lengths[0];
        if (tensor.Lengths[1] != features || (maxRows > 0 && (rows < 1 || rows > maxRows)))
        {
            throw new ArgumentException($"{paramName} has lengths [{rows}, {tensor.Lengths[1]}]; expected {RowLengths(features, maxRows)}.", paramName);
        }

        return Dense(tensor, paramName);
    }

    // Built only on the way to a throw: a call that passes its checks allocates nothing.
    private static string RowLengths(int features, int maxRows) =>
        maxRows == 0 ? $"[P, {features}]" : $"[n, {features}] with 1 ≤ n ≤ {maxRows}";

    /// <summary>A gradient of the same lengths as the prototypes, dense and row-major.</summary>
    public static Span<T> Gradient<T>(in TensorSpan<T> gradient, in ReadOnlyTensorSpan<T> prototypes, string paramName = "gradient") =>
        SameLengths(gradient, prototypes, paramName, "the prototypes");

    /// <summary>A class kernel's gradient rows of the same lengths as the class's prototypes, dense and row-major.</summary>
    public static Span<T> ClassGradient<T>(in TensorSpan<T> classGradient, in ReadOnlyTensorSpan<T> classPrototypes) =>
        SameLengths(classGradient, classPrototypes, nameof(classGradient), nameof(classPrototypes));

    private static Span<T> SameLengths<T>(in TensorSpan<T> gradient, in ReadOnlyTensorSpan<T> prototypes, string paramName, string prototypesName)
    {
        if (gradient.Rank != prototypes.Rank || !gradient.Lengths.SequenceEqual(prototypes.Lengths))
        {
            throw new ArgumentException($"{paramName} has lengths [{string.Join(", ", gradient.Lengths.ToArray())}]; expected {prototypesName}' [{string.Join(", ", prototypes.Lengths.ToArray())}].", paramName);
        }

        ReadOnlySpan<T> span = Dense((ReadOnlyTensorSpan<T>)gradient, paramName);
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(span), span.Length);
    }

    /// <summary>Relevances of lengths [<paramref name="features"/>] or [k, <paramref name="features"/>], dense and row-major.</summary>
    public static ReadOnlySpan<T> Relevances<T>(in ReadOnlyTensorSpan<T> relevances, int features, string paramName = "relevances")
    {
        bool shaped = relevances.Rank switch
        {
            1 => relevances.Lengths[0] == features,
            2 => relevances.Lengths[1] == features,
            _ => false,
        };
        if (!shaped)
        {
            throw new ArgumentException($"{paramName} has lengths [{string.Join(", ", relevances.Lengths.ToArray())}]; expected [{features}] or [k, {features}].", paramName);
        }

        return Dense(relevances, paramName);
    }

    /// <summary>Relevances the prox writes in place: the same rules as the read-only overload.</summary>
    public static Span<T> Relevances<T>(in TensorSpan<T> relevances, int features, string paramName = "relevances")
    {
        ReadOnlySpan<T> span = Relevances((ReadOnlyTensorSpan<T>)relevances, features, paramName);
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(span), span.Length);
    }

    /// <summary>A destination of the same lengths as the relevances.</summary>
    public static Span<T> Destination<T>(in TensorSpan<T> destination, in ReadOnlyTensorSpan<T> relevances, string paramName = "destination")
    {
        if (destination.Rank != relevances.Rank || !destination.Lengths.SequenceEqual(relevances.Lengths))
        {
            throw new ArgumentException($"{paramName} has lengths [{string.Join(", ", destination.Lengths.ToArray())}]; expected the relevances' [{string.Join(", ", relevances.Lengths.ToArray())}].", paramName);
        }

        ReadOnlySpan<T> span = Dense((ReadOnlyTensorSpan<T>)destination, paramName);
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(span), span.Length);
    }

    private static ReadOnlySpan<T> Dense<T>(in ReadOnlyTensorSpan<T> tensor, string paramName)
    {
        if (tensor.FlattenedLength == 0)
        {
            return default;
        }

        if (!IsRowMajor(tensor))
        {
            throw new ArgumentException(
                $"{paramName} has strides [{string.Join(", ", tensor.Strides.ToArray())}] for lengths [{string.Join(", ", tensor.Lengths.ToArray())}]: " +
                "the kernels take dense row-major tensors only (no gaps, no broadcast dimensions); copy it into a dense tensor first.", paramName);
        }

        if (tensor.FlattenedLength > int.MaxValue)
        {
            throw new ArgumentException($"{paramName} has {tensor.FlattenedLength} elements, more than a span holds.", paramName);
        }

        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in tensor.GetPinnableReference()), (int)tensor.FlattenedLength);
    }

    /// <summary>
    /// Whether the elements lie one after another in row-major order: each dimension's stride is the product of the
    /// lengths after it. A dimension of length 1 is never stepped along, so its stride does not matter; the tensor
    /// library's own <c>IsDense</c> refuses a slice of rows of one feature (lengths [n, 1], strides [1, 0]).
    /// </summary>
    private static bool IsRowMajor<T>(in ReadOnlyTensorSpan<T> tensor)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths, strides = tensor.Strides;
        nint step = 1;
        for (int d = lengths.Length - 1; d >= 0; d--)
        {
            if (lengths[d] != 1 && strides[d] != step)
            {
                return false;
            }

            step *= lengths[d];
        }

        return true;
    }
}
