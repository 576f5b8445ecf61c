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

    public CacheLinePlacement(Problem problem, int offset)
    {
        _length = problem.Prototypes.Length;
        _prototypes = GC.AllocateArray<float>(_length + LineBytes / sizeof(float), pinned: true);
        _gradient = GC.AllocateArray<float>(_length + LineBytes / sizeof(float), pinned: true);
        _prototypesStart = StartFor(_prototypes, offset);
        _gradientStart = StartFor(_gradient, offset);
        problem.Prototypes.CopyTo(_prototypes, _prototypesStart);
    }

    public ReadOnlySpan<float> Prototypes => _prototypes.AsSpan(_prototypesStart, _length);

    public Span<float> Gradient => _gradient.AsSpan(_gradientStart, _length);

    private static int StartFor(float[] pinned, int offset)
    {
        // Pinned, so the address holds for the array's life.
        long address = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        long bytes = ((offset - address) % LineBytes + LineBytes) % LineBytes;
        if (bytes % sizeof(float) != 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "Not reachable in whole floats from this array.");
        return (int)(bytes / sizeof(float));
    }
}
