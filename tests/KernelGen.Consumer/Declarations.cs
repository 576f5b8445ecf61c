using KernelGen;

// A global-namespace [Shapes] class is exactly what this declaration tests, so CA1050 is expected here.
#pragma warning disable CA1050

/// <summary>A shape in the global namespace.</summary>
[Shapes(2, 3, 4)]
public static partial class GlobalShape;
#pragma warning restore CA1050

namespace KernelGen.Consumer
{
    /// <summary>Nested two deep, in a generic container, itself not static: implements <see cref="IPrototypeRegularizer{T}"/>.</summary>
    /// <typeparam name="TTag">Unused; proves generic containers work.</typeparam>
    public partial class Outer<TTag>
    {
        /// <summary>The middle level.</summary>
        public partial struct Middle
        {
            /// <summary>A nested shape.</summary>
            [Shapes(3, 3, 20)]
            public sealed partial class Inner;
        }
    }

    /// <summary>A generic annotated class.</summary>
    /// <typeparam name="T">Unused.</typeparam>
    [Shapes(2, 4, 16, ElementType = typeof(double), Epsilon = 1e-4)]
    public sealed partial class GenericShape<T>;

    /// <summary>Internal and non-static.</summary>
    [Shapes(4, 3, 64)]
    internal sealed partial class InternalShape;

    /// <summary>The float class sizes no other float shape has, so that each unrolled size runs in both element types.</summary>
    [Shapes(4, 6, 7)]
    public static partial class SixMemberShape;

    /// <inheritdoc cref="SixMemberShape"/>
    [Shapes(6, 7, 10)]
    public static partial class SevenMemberShape;

    /// <summary>
    /// Four members over 512-bit float vectors with a masked tail (20 = 16 + 4): with AVX-512 such blocks keep their pair
    /// sums in registers, and the lone class must reduce them to the same bits.
    /// </summary>
    [Shapes(3, 4, 20)]
    public static partial class FourMemberTailShape;

    /// <summary>The double class sizes no other double shape has, so that each unrolled size runs in both element types.</summary>
    [Shapes(4, 1, 8, ElementType = typeof(double))]
    public static partial class OneMemberDoubleShape;

    /// <inheritdoc cref="OneMemberDoubleShape"/>
    [Shapes(3, 2, 4, ElementType = typeof(double))]
    public static partial class TwoMemberDoubleShape;

    /// <inheritdoc cref="OneMemberDoubleShape"/>
    [Shapes(5, 5, 6, ElementType = typeof(double))]
    public static partial class FiveMemberDoubleShape;

    /// <inheritdoc cref="OneMemberDoubleShape"/>
    [Shapes(3, 7, 9, ElementType = typeof(double))]
    public static partial class SevenMemberDoubleShape;

    /// <summary>Too large to unroll: the loop path.</summary>
    [Shapes(2, 16, 12)]
    public static partial class LoopShape;

    /// <summary>The loop path with its class matrices on the stack (3 · 10² doubles, within the stack budget).</summary>
    [Shapes(5, 10, 12)]
    public static partial class StackLoopShape;

    /// <summary>The loop path with a double element type and rented class matrices.</summary>
    [Shapes(3, 20, 9, ElementType = typeof(double))]
    public sealed partial class LoopShapeDouble;

    /// <summary>Abstract, as a class used only as a type argument is declared (analyzer CA1812).</summary>
    [Shapes(2, 2, 3)]
    public abstract partial class AbstractShape;

    /// <summary>A record class works as well.</summary>
    [Shapes(2, 2, 3)]
    public sealed partial record RecordShape;
}

namespace KernelGen.Consumer.Other
{
    /// <summary>Same name as <see cref="KernelGen.Consumer.Golden.Shape4x3x64f"/>, different namespace and shape.</summary>
    [Shapes(2, 2, 2)]
    public static partial class Shape4x3x64f;
}

namespace KernelGen.Consumer
{
    /// <summary>An ε so small that a block's determinant could underflow: the kernels take one log per pivot instead.</summary>
    [Shapes(2, 4, 8, ElementType = typeof(double), Epsilon = 1e-30)]
    public static partial class TinyEpsilonShape;

    /// <summary>
    /// Eight members and ε = 1e-10, above double's resolution at 1 but small enough that a block of four collapsed
    /// classes has a determinant product of about 1e-277: one log per pivot, where ε = 1e-6 multiplies them.
    /// </summary>
    [Shapes(8, 8, 8, ElementType = typeof(double), Epsilon = 1e-10)]
    public static partial class SmallEpsilonShape;
}

namespace KernelGen.Consumer
{
    /// <summary>Label bookkeeping too large for the stack (rented), with the class-major tables.</summary>
    [Shapes(300, 4, 8)]
    public static partial class RentedShape;

    /// <summary>Label bookkeeping rented, and too many prototypes for the class-major tables.</summary>
    [Shapes(3000, 3, 4)]
    public static partial class NoTableShape;
}

namespace KernelGen.Consumer
{
    /// <summary>Parallel, unrolled: large enough to split into chunks of whole groups.</summary>
    [Shapes(100, 8, 64, Parallel = true)]
    public static partial class ParallelShape;

    /// <summary>Parallel, loop path, double: four chunks of 10 classes, where 12 classes make a chunk's work.</summary>
    [Shapes(40, 12, 16, ElementType = typeof(double), Parallel = true)]
    public static partial class ParallelLoopShape;

    /// <summary>Parallel, loop path, double, its class matrices on the stack of each chunk's thread.</summary>
    [Shapes(80, 9, 16, ElementType = typeof(double), Parallel = true)]
    public static partial class ParallelStackLoopShape;

    /// <summary>Parallel asked for, but too small to split: the serial kernels.</summary>
    [Shapes(4, 3, 64, Parallel = true)]
    public static partial class SmallParallelShape;
}

namespace KernelGen.Consumer
{
    /// <summary>One feature: a tensor's slice of rows has a dimension of length 1, which the tensor library gives stride 0.</summary>
    [Shapes(7, 3, 1)]
    public static partial class OneFeatureShape;
}
