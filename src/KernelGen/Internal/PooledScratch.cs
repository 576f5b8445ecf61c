using System.Buffers;

namespace KernelGen.Internal;

/// <summary>
/// Scratch memory that comes from the caller's stack buffer when it is large enough, else from
/// <see cref="ArrayPool{T}.Shared"/>. In steady state the pool hands back the same arrays, so calls allocate nothing.
/// </summary>
internal static class PooledScratch
{
    /// <summary>Returns <paramref name="stack"/> sliced to <paramref name="length"/> when it fits, else a rented array recorded in <paramref name="rented"/>.</summary>
    public static Span<T> Get<T>(Span<T> stack, int length, ref T[]? rented)
    {
        if (length <= stack.Length)
        {
            return stack.Slice(0, length);
        }

        rented = ArrayPool<T>.Shared.Rent(length);
        return rented.AsSpan(0, length);
    }

    /// <summary>Returns <paramref name="rented"/>, if any, to the pool.</summary>
    public static void Return<T>(T[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
