// This file is compiled into both the runtime library and the generator (netstandard2.0), so the limits the
// generator enforces at compile time and the ones the runtime documents can never drift apart.
#if SOURCE_GENERATOR
namespace KernelGen.Generators;
#else
namespace KernelGen;
#endif

/// <summary>The limits of a <c>[Shapes]</c> declaration and the defaults the kernels share.</summary>
internal static class ShapeLimits
{
    /// <summary>prosemble's diagonal jitter ε, the default.</summary>
    public const double DefaultEpsilon = 1e-6;

    /// <summary>
    /// Largest ε. The unrolled factorisation forms the product of a class's last two pivots, each about 1 + ε, which must
    /// not overflow a double; so far above the kernel entries (at most 1) the loss is −n_c·log ε to rounding anyway.
    /// </summary>
    public const double MaxEpsilon = 1e150;

    /// <summary><see cref="MaxEpsilon"/> as the messages write it.</summary>
    public const string MaxEpsilonText = "1e150";

    /// <summary>Whether ε is positive and at most <see cref="MaxEpsilon"/> (NaN is not).</summary>
    public static bool IsValidEpsilon(double epsilon) => epsilon > 0 && epsilon <= MaxEpsilon;

    /// <summary>
    /// Gradient coefficients (2/σ²)·(B⁻¹)_ij·K_ij smaller than this are flushed to zero for float: they change no
    /// entry measurably, and as floats they would be subnormal, which costs a microcode assist per multiply on x64.
    /// The reference and the generated kernels must use the same bound, hence here.
    /// </summary>
    public const double TinyFloatCoefficient = 1e-30;

    /// <summary>The same bound for double.</summary>
    public const double TinyDoubleCoefficient = 1e-290;

    /// <summary>The bound for the element type: <see cref="TinyDoubleCoefficient"/> or <see cref="TinyFloatCoefficient"/>.</summary>
    public static double TinyCoefficient(bool isDouble) => isDouble ? TinyDoubleCoefficient : TinyFloatCoefficient;

    /// <summary>Largest class size the generator unrolls into straight-line code; larger classes loop over scratch.</summary>
    public const int MaxUnrolledPerClass = 8;

    /// <summary>Largest <c>maxPerClass</c>: a class's Gram block (3·n² doubles of scratch) stays at most 24 MiB.</summary>
    public const int MaxPerClass = 1024;

    /// <summary>Largest <c>nClasses</c>; the loss loops over classes, so this only bounds the label bookkeeping.</summary>
    public const int MaxClasses = 1 << 20;

    /// <summary>Largest <c>features</c>.</summary>
    public const int MaxFeatures = 1 << 20;

    /// <summary>Largest <c>nClasses · maxPerClass</c>, so the label bookkeeping of one call stays under 70 MiB (2²⁴ + nClasses + 1 ints).</summary>
    public const int MaxPrototypes = 1 << 24;

    /// <summary>Largest number of elements one prototype buffer may hold (<c>nClasses · maxPerClass · features</c>), so every size fits an <see cref="int"/>.</summary>
    public const long MaxElements = int.MaxValue;

    /// <summary>
    /// Work per parallel chunk, in units of one pair-feature (a multiply-add of a squared distance) or one step of a
    /// class's m³ factorisation (a few microseconds): little enough that 2…16 cores get several chunks each to
    /// balance. One chunk does not pay for waking a pool thread; a shape splits from <see cref="ParallelMinChunks"/>.
    /// </summary>
    public const long ParallelChunkWork = 1 << 15;

    /// <summary>
    /// Fewest chunks a parallel kernel splits into. A chunk is less work than a parked pool thread takes to wake
    /// (docs/benchmarks.md, where splitting starts to pay): with two, the caller has done both before a helper starts,
    /// and the call pays for waking it.
    /// </summary>
    public const int ParallelMinChunks = 3;

    /// <summary>
    /// The classes per chunk of a parallel kernel, a multiple of <paramref name="align"/>, or 0 when the shape is too
    /// small to split (fewer than <see cref="ParallelMinChunks"/> chunks). It depends on its arguments alone (a generated
    /// shape's own, or the reference engine's with the labels' largest class), never on the machine: the chunks, and the
    /// order their partial sums are added in, are the same on any number of cores, so the result is bit-identical on
    /// all of them.
    /// </summary>
    /// <remarks>
    /// As many chunks as <see cref="ParallelChunkWork"/> a chunk makes, with the classes spread as evenly over them as
    /// <paramref name="align"/> allows: 40 classes of 12 a chunk are four chunks of 10, not 12, 12, 12 and 4, of which
    /// two cores would take 24 and 16 classes.
    /// </remarks>
    public static int ParallelChunkClasses(int nClasses, int maxPerClass, int features, int align)
    {
        long m = maxPerClass;
        long perClass = m * (m - 1) / 2 * features + m * m * m;
        if (m < 2 || align < 1)
        {
            return 0;
        }

        long classes = (ParallelChunkWork + perClass - 1) / perClass;
        classes = (classes + align - 1) / align * align;
        long chunks = (nClasses + classes - 1) / classes;
        if (chunks < ParallelMinChunks)
        {
            return 0;
        }

        // No more chunks and no larger ones: ⌈n / chunks⌉ ≤ classes, and both are multiples of align.
        long even = (nClasses + chunks - 1) / chunks;
        return (int)((even + align - 1) / align * align);
    }

    /// <summary>
    /// The first upper limit the shape breaks, or <see langword="null"/> when it is within every limit: the parameter
    /// that breaks it, that parameter's value and the limit as the messages write it ("nClasses · maxPerClass ≤ 16777216").
    /// The runtime's <c>ArgumentOutOfRangeException</c> and the generator's KG0003 both come from this one list.
    /// </summary>
    /// <param name="nClasses">The number of classes, at least 1.</param>
    /// <param name="maxPerClass">The most prototypes a class may hold, at least 1.</param>
    /// <param name="features">
    /// The features, at least 1; <see langword="null"/> where they follow from the lengths of a call, which leaves out the
    /// limits that involve them.
    /// </param>
    /// <remarks>Values below 1 are reported separately (they are not a shape at all); this checks only the upper limits.</remarks>
    public static (string Parameter, int Value, string Limit)? FirstExceededLimit(int nClasses, int maxPerClass, int? features)
    {
        if (nClasses > MaxClasses) return ("nClasses", nClasses, "nClasses ≤ " + Text(MaxClasses));
        if (maxPerClass > MaxPerClass) return ("maxPerClass", maxPerClass, "maxPerClass ≤ " + Text(MaxPerClass));
        if (features is int wide && wide > MaxFeatures) return ("features", wide, "features ≤ " + Text(MaxFeatures));
        if ((long)nClasses * maxPerClass > MaxPrototypes) return ("maxPerClass", maxPerClass, "nClasses · maxPerClass ≤ " + Text(MaxPrototypes));
        if (features is int f && (long)nClasses * maxPerClass * f > MaxElements) return ("features", f, "nClasses · maxPerClass · features ≤ " + Text(MaxElements));
        return null;
    }

    private static string Text(long limit) => limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
