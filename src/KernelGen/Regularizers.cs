using KernelGen.Internal;

namespace KernelGen;

/// <summary>
/// Dynamic-shape reference implementations of the prototype regularizers: the DPP-style diversity loss
/// (with its analytic gradient) and the proximal operators that make relevances exactly sparse.
/// </summary>
/// <remarks>
/// <para>The maths is <c>docs/semantics.md</c>: same-class pairs only, kernel entries, Cholesky factorisation,
/// inverse and log in double for both element types, the gradient in difference form.</para>
/// <para>Every call validates all arguments before writing any output and allocates nothing in steady state
/// (stack scratch up to a few KiB, <see cref="System.Buffers.ArrayPool{T}"/> beyond). The <c>[Shapes]</c>
/// generator emits the same functions specialised for one static shape; these are their oracle.</para>
/// <para>Each function comes as <see cref="float"/> and <see cref="double"/> span overloads, as generic span
/// overloads (so an explicit type argument, <c>PrototypeDiversityLoss&lt;float&gt;(array, …)</c>, still binds to spans)
/// and as generic tensor overloads; arrays and spans always bind to a span overload.</para>
/// </remarks>
public static partial class Regularizers
{
    /// <summary>The diversity loss on a dense tensor of prototypes, lengths [P, F].</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="prototypes">[P, F], dense and row-major; other ranks or layouts throw naming it.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss, bit-identical to the span overload's.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(in System.Numerics.Tensors.ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(TensorArguments.Prototypes(prototypes, LastLength(prototypes)), protoLabels, default, withGradient: false, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>The diversity loss and its gradient on dense tensors of lengths [P, F].</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="prototypes">[P, F], dense and row-major.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>.</param>
    /// <param name="gradient">The prototypes' lengths, dense, in memory of its own; overwritten after every check has passed.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static T PrototypeDiversityLoss<T>(in System.Numerics.Tensors.ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> protoLabels, in System.Numerics.Tensors.TensorSpan<T> gradient, T sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        DiversityKernel.Compute(TensorArguments.Prototypes(prototypes, LastLength(prototypes)), protoLabels, TensorArguments.Gradient(gradient, prototypes), withGradient: true, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>Soft-thresholding on dense tensors.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">[F] or [k, F], dense.</param>
    /// <param name="destination">The same lengths, dense; may be the same memory.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(in System.Numerics.Tensors.ReadOnlyTensorSpan<T> relevances, in System.Numerics.Tensors.TensorSpan<T> destination, T l1Weight, T lr)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        ElasticNetProximal(relevances, destination, l1Weight, T.Zero, lr);

    /// <summary>The elastic-net prox on dense tensors.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">[F] or [k, F], dense.</param>
    /// <param name="destination">The same lengths, dense; may be the same memory.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(in System.Numerics.Tensors.ReadOnlyTensorSpan<T> relevances, in System.Numerics.Tensors.TensorSpan<T> destination, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        ProximalKernel.Apply(TensorArguments.Relevances(relevances, LastLength(relevances)), TensorArguments.Destination(destination, relevances), l1Weight, l2Weight, lr);

    /// <summary>Soft-thresholding in place on a dense tensor.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">[F] or [k, F], dense; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int SparseRelevanceProximal<T>(in System.Numerics.Tensors.TensorSpan<T> relevances, T l1Weight, T lr)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        ElasticNetProximal(relevances, relevances, l1Weight, T.Zero, lr);

    /// <summary>The elastic-net prox in place on a dense tensor.</summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="relevances">[F] or [k, F], dense; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it; nothing has been written.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static int ElasticNetProximal<T>(in System.Numerics.Tensors.TensorSpan<T> relevances, T l1Weight, T l2Weight, T lr)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        ElasticNetProximal(relevances, relevances, l1Weight, l2Weight, lr);

    /// <summary>The last dimension's length, or −1 for rank 0 (which the checks then reject).</summary>
    private static int LastLength<T>(in System.Numerics.Tensors.ReadOnlyTensorSpan<T> tensor) =>
        tensor.Rank == 0 ? -1 : (int)Math.Min(int.MaxValue, tensor.Lengths[tensor.Rank - 1]);

    /// <summary>
    /// The reference kernels fixed to one shape, behind the API every engine shares: use it where the shape is known
    /// only at run time and compiling is not wanted or not possible (see <c>KernelGen.Compiler</c> for compiled kernels).
    /// </summary>
    /// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="nClasses">Number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">Most prototypes per class, 1 … 1024.</param>
    /// <param name="features">Features per prototype, 1 … 2²⁰.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <param name="parallel">
    /// Whether the loss and gradient may use every core, as <c>[Shapes(Parallel = true)]</c>: off by default, so code
    /// that runs its own threads is not oversubscribed. Classes are split into chunks fixed by the shape and the
    /// data's class sizes, never by the machine, so results are bit-identical on any number of cores.
    /// </param>
    /// <returns>The reference engine for that shape.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A shape parameter is out of range (the limits of <see cref="ShapesAttribute"/>).</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static PrototypeRegularizer<T> Create<T>(int nClasses, int maxPerClass, int features, double epsilon = ShapeLimits.DefaultEpsilon, bool parallel = false)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new ReferenceRegularizer<T>(nClasses, maxPerClass, features, epsilon, parallel);

    /// <summary>The diversity loss <c>−Σ_c log det(K_c + εI)</c> over classes <c>[0, nClasses)</c> of at most <paramref name="maxPerClass"/> prototypes.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>, any order.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss; 0 when no class has two prototypes.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public static float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, float sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon) =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>The diversity loss, also writing d loss / d prototypes into <paramref name="gradient"/> (overwritten, same layout).</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>.</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, Span<float> gradient, float sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon) =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>The diversity loss with classes = max label + 1 of at most 1024 prototypes each (each class's own rows, where prosemble's loop version pads with row 0); ε = 1e-6.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, float sigmaDiv = 1) =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>The diversity loss with classes = max label + 1 and its gradient written into <paramref name="gradient"/>.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static float PrototypeDiversityLoss(ReadOnlySpan<float> prototypes, ReadOnlySpan<int> protoLabels, Span<float> gradient, float sigmaDiv = 1) =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>Soft-thresholding <c>x ↦ sign(x)·max(|x| − l1Weight·lr, 0)</c> into <paramref name="destination"/>.</summary>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int SparseRelevanceProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float lr = 1) =>
        ProximalKernel.Apply(relevances, destination, l1Weight, 0, lr);

    /// <summary>Soft-thresholding in place.</summary>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int SparseRelevanceProximal(Span<float> relevances, float l1Weight, float lr = 1) =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, 0, lr);

    /// <summary>The elastic-net prox <c>x ↦ sign(x)·max(|x| − l1Weight·lr, 0) / (1 + l2Weight·lr)</c>, prosemble's form, into <paramref name="destination"/>.</summary>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int ElasticNetProximal(ReadOnlySpan<float> relevances, Span<float> destination, float l1Weight, float l2Weight, float lr = 1) =>
        ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, lr);

    /// <summary>The elastic-net prox in place.</summary>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int ElasticNetProximal(Span<float> relevances, float l1Weight, float l2Weight, float lr = 1) =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, l2Weight, lr);

    /// <summary>The diversity loss <c>−Σ_c log det(K_c + εI)</c> over classes <c>[0, nClasses)</c> of at most <paramref name="maxPerClass"/> prototypes.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>, any order.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss; 0 when no class has two prototypes.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public static double PrototypeDiversityLoss(ReadOnlySpan<double> prototypes, ReadOnlySpan<int> protoLabels, double sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon) =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>The diversity loss, also writing d loss / d prototypes into <paramref name="gradient"/> (overwritten, same layout).</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">The class of each prototype, in <c>[0, nClasses)</c>.</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <param name="nClasses">The number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">The most prototypes any class may hold, 1 … 1024, with nClasses · maxPerClass ≤ 2²⁴.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static double PrototypeDiversityLoss(ReadOnlySpan<double> prototypes, ReadOnlySpan<int> protoLabels, Span<double> gradient, double sigmaDiv, int nClasses, int maxPerClass, double epsilon = ShapeLimits.DefaultEpsilon) =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, nClasses, maxPerClass, epsilon);

    /// <summary>The diversity loss with classes = max label + 1 of at most 1024 prototypes each (each class's own rows, where prosemble's loop version pads with row 0); ε = 1e-6.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static double PrototypeDiversityLoss(ReadOnlySpan<double> prototypes, ReadOnlySpan<int> protoLabels, double sigmaDiv = 1) =>
        DiversityKernel.Compute(prototypes, protoLabels, default, withGradient: false, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>The diversity loss with classes = max label + 1 and its gradient written into <paramref name="gradient"/>.</summary>
    /// <param name="prototypes">P × F values, row-major; F = <c>prototypes.Length / protoLabels.Length</c>.</param>
    /// <param name="protoLabels">Non-negative class labels (below 2²⁰).</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static double PrototypeDiversityLoss(ReadOnlySpan<double> prototypes, ReadOnlySpan<int> protoLabels, Span<double> gradient, double sigmaDiv = 1) =>
        DiversityKernel.Compute(prototypes, protoLabels, gradient, withGradient: true, sigmaDiv, DiversityKernel.ShapeFromLabels, 0, ShapeLimits.DefaultEpsilon);

    /// <summary>Soft-thresholding <c>x ↦ sign(x)·max(|x| − l1Weight·lr, 0)</c> into <paramref name="destination"/>.</summary>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int SparseRelevanceProximal(ReadOnlySpan<double> relevances, Span<double> destination, double l1Weight, double lr = 1) =>
        ProximalKernel.Apply(relevances, destination, l1Weight, 0, lr);

    /// <summary>Soft-thresholding in place.</summary>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int SparseRelevanceProximal(Span<double> relevances, double l1Weight, double lr = 1) =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, 0, lr);

    /// <summary>The elastic-net prox <c>x ↦ sign(x)·max(|x| − l1Weight·lr, 0) / (1 + l2Weight·lr)</c>, prosemble's form, into <paramref name="destination"/>.</summary>
    /// <param name="relevances">The input values.</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int ElasticNetProximal(ReadOnlySpan<double> relevances, Span<double> destination, double l1Weight, double l2Weight, double lr = 1) =>
        ProximalKernel.Apply(relevances, destination, l1Weight, l2Weight, lr);

    /// <summary>The elastic-net prox in place.</summary>
    /// <param name="relevances">The values, overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing has been written.</exception>
    public static int ElasticNetProximal(Span<double> relevances, double l1Weight, double l2Weight, double lr = 1) =>
        ProximalKernel.Apply(relevances, relevances, l1Weight, l2Weight, lr);
}
