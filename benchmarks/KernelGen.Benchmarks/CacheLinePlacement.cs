using System.Runtime.InteropServices;

namespace KernelGen.Benchmarks;

/// <summary>
/// A problem's prototypes and gradient copied into pinned memory that starts a given number of bytes past a 64-byte
/// boundary (a cache line): where an array lands is the allocator's choice, a multiple of 8 bytes that differs between
/// processes, and a call whose vectors straddle cache lines can run slower than one whose vectors do not.
/// </summary>
internal sealed class CacheLinePlacement
{
    private const int LineBytes = 64;
    private readonly float[] _prototypes;
    private readonly float[] _gradient;
    private readonly int _prototypesStart;
    private readonly int _gradientStart;
    private readonly int _length;

    /// <summary>Copies <paramref name="problem"/>'s prototypes, and makes room for its gradient, <paramref name="bytesPastLine"/> bytes past a cache line.</summary>
    public CacheLinePlacement(Problem problem, int bytesPastLine)
    {
        _length = problem.Prototypes.Length;
        _prototypes = GC.AllocateArray<float>(_length + LineBytes / sizeof(float), pinned: true);
        _gradient = GC.AllocateArray<float>(_length + LineBytes / sizeof(float), pinned: true);
        _prototypesStart = StartFor(_prototypes, bytesPastLine);
        _gradientStart = StartFor(_gradient, bytesPastLine);
        problem.Prototypes.CopyTo(_prototypes, _prototypesStart);
    }

    /// <summary>The prototypes' copy.</summary>
    public ReadOnlySpan<float> Prototypes => _prototypes.AsSpan(_prototypesStart, _length);

    /// <summary>The gradient's room, as long as the prototypes.</summary>
    public Span<float> Gradient => _gradient.AsSpan(_gradientStart, _length);

    /// <summary>The index in <paramref name="pinned"/> whose element starts <paramref name="bytesPastLine"/> bytes past a cache line.</summary>
    private static int StartFor(float[] pinned, int bytesPastLine)
    {
        // Pinned, so the address holds for the array's life.
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        long bytes = ((bytesPastLine - address) % LineBytes + LineBytes) % LineBytes;
        if (bytes % sizeof(float) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPastLine), bytesPastLine, "Not reachable in whole floats from this array.");
        }

        return (int)(bytes / sizeof(float));
    }
}
