using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace KernelGen.Internal;

/// <summary>
/// The classes <c>[firstClass, endClass)</c> of a generated parallel kernel: the sum of their log-determinants
/// (and, with a gradient, their gradient rows). Generated code implements it on a struct, one per entry point.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IClassRangeKernel<T>
    where T : unmanaged
{
    /// <summary>Σ log det over the classes in range; writes only those classes' gradient rows.</summary>
    /// <param name="origin">The first prototype value.</param>
    /// <param name="ends">The label pass's class ends.</param>
    /// <param name="order">The grouped order, or a null reference for class-major labels (<see cref="LabelGroups.Member"/>).</param>
    /// <param name="sigma">The RBF bandwidth σ.</param>
    /// <param name="gradientOrigin">The first gradient value, or a null reference for the loss alone.</param>
    /// <param name="firstClass">The first class of the range.</param>
    /// <param name="endClass">One past the last class of the range.</param>
    static abstract double LogDeterminants(ref T origin, ref int ends, ref int order, double sigma, ref T gradientOrigin, int firstClass, int endClass);
}

/// <summary>
/// Runs a generated parallel kernel over fixed chunks of classes on up to <see cref="Environment.ProcessorCount"/>
/// threads (<see cref="ChunkJob{TRange}"/>), with the arguments pinned for as long as the workers read them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class ClassChunks
{
    /// <summary>
    /// Σ over chunks of <typeparamref name="TKernel"/>'s log-determinants, added in chunk order, for classes
    /// <c>[0, nClasses)</c> in chunks of <paramref name="chunkClasses"/>. Call it after every check has passed.
    /// </summary>
    /// <typeparam name="TKernel">The generated range kernel.</typeparam>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="origin">The first prototype value.</param>
    /// <param name="ends">The label pass's class ends.</param>
    /// <param name="order">The grouped order, or a null reference for class-major labels (<see cref="LabelGroups.Member"/>).</param>
    /// <param name="sigma">The RBF bandwidth σ.</param>
    /// <param name="gradientOrigin">The first gradient value, or a null reference for the loss alone.</param>
    /// <param name="nClasses">The number of classes.</param>
    /// <param name="chunkClasses">Classes per chunk (the shape's <c>ShapeLimits.ParallelChunkClasses</c>).</param>
    /// <returns>The sum of every class's log-determinant.</returns>
    public static double Sum<TKernel, T>(ref T origin, ref int ends, ref int order, double sigma, ref T gradientOrigin, int nClasses, int chunkClasses)
        where TKernel : IClassRangeKernel<T>
        where T : unmanaged
    {
        // Pinned so that worker threads can read the caller's spans (arrays, stack or native memory) through pointers.
        fixed (T* o = &origin)
        fixed (int* e = &ends)
        fixed (int* r = &order)
        fixed (T* g = &gradientOrigin)
        {
            return ChunkJob<KernelRange<TKernel, T>>.Sum(new KernelRange<TKernel, T>(o, e, r, sigma, g), nClasses, chunkClasses);
        }
    }

    /// <summary>A generated range kernel with its pinned arguments, as a value the workers share.</summary>
    private readonly struct KernelRange<TKernel, T> : IClassRange
        where TKernel : IClassRangeKernel<T>
        where T : unmanaged
    {
        private readonly T* _origin;
        private readonly int* _ends;
        private readonly int* _order;
        private readonly T* _gradient;
        private readonly double _sigma;

        public KernelRange(T* origin, int* ends, int* order, double sigma, T* gradient)
        {
            _origin = origin;
            _ends = ends;
            _order = order;
            _sigma = sigma;
            _gradient = gradient;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double LogDeterminants(int firstClass, int endClass) =>
            TKernel.LogDeterminants(ref *_origin, ref *_ends, ref *_order, _sigma, ref *_gradient, firstClass, endClass);
    }
}
