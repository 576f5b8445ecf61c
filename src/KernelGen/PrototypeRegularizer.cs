using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using KernelGen.Internal;

namespace KernelGen;

/// <summary>Which engine computes a <see cref="PrototypeRegularizer{T}"/>'s kernels.</summary>
public enum RegularizerEngine
{
    /// <summary>The dynamic-shape reference implementation (<see cref="Regularizers"/>), for any shape at run time.</summary>
    Reference,

    /// <summary>The generator's kernels for a shape known only at run time, compiled in the process (<c>KernelGen.Compiler</c>).</summary>
    Compiled,

    /// <summary>The generator's kernels emitted at build time into a <c>[Shapes]</c> class.</summary>
    SourceGenerated,
}

/// <summary>
/// The regularizer kernels of one shape, whichever engine computes them: the reference
/// (<see cref="Regularizers.Create{T}"/>), the run-time compiled kernels (<c>KernelGen.Compiler.KernelCompiler.Compile</c>)
/// or a <c>[Shapes]</c> class's generated kernels (its static <c>Regularizer</c> property). One trainer written against
/// this class runs on all three, as Regex's engines sit behind one API.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Every method checks all of its arguments before it writes anything and throws an <see cref="ArgumentException"/>
/// whose <see cref="ArgumentException.ParamName"/> names the bad one; none allocates once warm (the first calls may
/// build a shape's label tables, rent scratch from the shared ArrayPool, or, with every core, make a thread's parallel
/// job). An instance holds nothing a call changes, so any number of threads may call it at once. The numerical contract
/// is docs/semantics.md for every engine.
/// </remarks>
public abstract class PrototypeRegularizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Checks the shape (the limits of <see cref="ShapesAttribute"/>) and keeps it.</summary>
    /// <param name="nClasses">Number of classes, 1 … 2²⁰.</param>
    /// <param name="maxPerClass">Most prototypes per class, 1 … 1024.</param>
    /// <param name="features">Features per prototype, 1 … 2²⁰.</param>
    /// <param name="epsilon">The diagonal jitter ε, positive and at most 1e150; at or below 2⁻⁵³ (about 1.1e-16) it adds nothing to the diagonal in double.</param>
    /// <param name="parallel">Whether the loss and gradient may use every core (see <see cref="Parallel"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A shape parameter is out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="NotSupportedException"><c>T</c> is neither float nor double.</exception>
    protected PrototypeRegularizer(int nClasses, int maxPerClass, int features, double epsilon, bool parallel = false)
    {
        Validation.CheckShape(nClasses, maxPerClass, features, epsilon);
        Validation.CheckElementType<T>();

        NClasses = nClasses;
        MaxPerClass = maxPerClass;
        Features = features;
        Epsilon = epsilon;
        Parallel = parallel;
    }

    /// <summary>Number of classes; labels lie in <c>[0, NClasses)</c>.</summary>
    public int NClasses { get; }

    /// <summary>Largest number of prototypes per class.</summary>
    public int MaxPerClass { get; }

    /// <summary>Number of features per prototype (and per relevance row).</summary>
    public int Features { get; }

    /// <summary>Largest number of prototypes per call: <c>NClasses × MaxPerClass</c>.</summary>
    public int MaxPrototypes => NClasses * MaxPerClass;

    /// <summary>The diagonal jitter ε.</summary>
    public double Epsilon { get; }

    /// <summary>
    /// Whether the loss and gradient may split classes over every core (<c>[Shapes(Parallel = true)]</c>, or
    /// <c>parallel: true</c> to <see cref="Regularizers.Create{T}"/> or <c>KernelCompiler.Compile</c>). They split only
    /// shapes large enough to pay for it, in chunks fixed by the shape (the reference engine's also by the labels), never
    /// by the machine, so results are bit-identical on any core count.
    /// </summary>
    public bool Parallel { get; }

    /// <summary>The engine behind these kernels.</summary>
    public abstract RegularizerEngine Engine { get; }

    /// <summary>
    /// Whether <see cref="Engine"/> is <see cref="RegularizerEngine.Compiled"/>: false for generated and reference
    /// kernels, and so where <c>KernelCompiler.Compile</c> cannot compile (every run of a project setting
    /// <c>PublishAot</c> or <c>PublishTrimmed</c>, single-file apps).
    /// </summary>
    public bool IsCompiled => Engine == RegularizerEngine.Compiled;

    /// <summary>The diversity loss −Σ_c log det(K_c + εI), K_c[i,j] = exp(−|w_i − w_j|² / (2σ²)).</summary>
    /// <param name="prototypes">P × <see cref="Features"/> values, row-major, P = <c>protoLabels.Length</c> ≤ <see cref="MaxPrototypes"/>.</param>
    /// <param name="protoLabels">The class of each prototype, in [0, <see cref="NClasses"/>), at most <see cref="MaxPerClass"/> per class.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss; 0 when no class has two prototypes.</returns>
    public abstract T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv);

    /// <summary>The diversity loss with σ = 1.</summary>
    /// <param name="prototypes">P × <see cref="Features"/> values, row-major.</param>
    /// <param name="protoLabels">The class of each prototype.</param>
    /// <returns>The loss.</returns>
    public T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels) =>
        PrototypeDiversityLoss(prototypes, protoLabels, T.One);

    /// <summary>The diversity loss, writing d loss / d prototypes into <paramref name="gradient"/> (overwritten, same layout).</summary>
    /// <param name="prototypes">P × <see cref="Features"/> values, row-major.</param>
    /// <param name="protoLabels">The class of each prototype.</param>
    /// <param name="gradient">Receives the gradient; length <c>prototypes.Length</c>, in memory of its own. Written only after every check has passed.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    public abstract T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient, T sigmaDiv);

    /// <summary>The diversity loss and its gradient with σ = 1.</summary>
    /// <param name="prototypes">P × <see cref="Features"/> values, row-major.</param>
    /// <param name="protoLabels">The class of each prototype.</param>
    /// <param name="gradient">Receives the gradient.</param>
    /// <returns>The loss.</returns>
    public T PrototypeDiversityLoss(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> protoLabels, Span<T> gradient) =>
        PrototypeDiversityLoss(prototypes, protoLabels, gradient, T.One);

    /// <summary>
    /// One class's term of the diversity loss, −log det(K_c + εI) over that class's prototypes alone, at a cost
    /// independent of <see cref="NClasses"/>: after an online step that moved the prototypes of a few classes, only
    /// their terms change.
    /// </summary>
    /// <param name="classPrototypes">
    /// The class's n × <see cref="Features"/> values, row-major, 1 ≤ n ≤ <see cref="MaxPerClass"/>. With class-major
    /// labels (class c's prototypes in consecutive rows) this is a slice of the prototypes.
    /// </param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>
    /// The class's term: 0 for n = 1, NaN when a coordinate is NaN or ±∞ and n ≥ 2. The terms of all classes add up to
    /// <see cref="PrototypeDiversityLoss(ReadOnlySpan{T}, ReadOnlySpan{int}, T)"/> (within rounding).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The length of <paramref name="classPrototypes"/> is not n × <see cref="Features"/> with 1 ≤ n ≤ <see cref="MaxPerClass"/>,
    /// or <paramref name="sigmaDiv"/> is not positive and finite; <see cref="ArgumentException.ParamName"/> names it.
    /// </exception>
    /// <remarks>
    /// Each engine computes the class exactly as its full call computes it. With labels in any order,
    /// <see cref="ClassDiversityLossAt(ReadOnlySpan{T}, ReadOnlySpan{int}, Span{T}, T)"/> takes the class's row indices
    /// and reads and writes those rows of the whole matrices; there is none over labels, since finding a class's rows from
    /// its labels scans all of them, which costs what the class kernels exist to avoid.
    /// </remarks>
    public abstract T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, T sigmaDiv);

    /// <summary>One class's term of the diversity loss with σ = 1.</summary>
    /// <param name="classPrototypes">The class's n × <see cref="Features"/> values, row-major, 1 ≤ n ≤ <see cref="MaxPerClass"/>.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes) => ClassDiversityLoss(classPrototypes, T.One);

    /// <summary>
    /// One class's term of the diversity loss, writing its gradient rows (d loss / d classPrototypes) into
    /// <paramref name="classGradient"/>: bit-identical to the rows the full call with a gradient writes for this class
    /// (a NaN row is NaN in both, but its sign bit may differ).
    /// </summary>
    /// <param name="classPrototypes">The class's n × <see cref="Features"/> values, row-major, 1 ≤ n ≤ <see cref="MaxPerClass"/>.</param>
    /// <param name="classGradient">
    /// Receives the class's gradient rows (zero for n = 1, NaN for a class with a non-finite coordinate); length
    /// <c>classPrototypes.Length</c>, in memory of its own. Written only after every check has passed.
    /// </param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it and nothing has been written.</exception>
    public abstract T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, Span<T> classGradient, T sigmaDiv);

    /// <summary>One class's term of the diversity loss and its gradient rows with σ = 1.</summary>
    /// <param name="classPrototypes">The class's n × <see cref="Features"/> values, row-major, 1 ≤ n ≤ <see cref="MaxPerClass"/>.</param>
    /// <param name="classGradient">Receives the class's gradient rows; length <c>classPrototypes.Length</c>, in memory of its own.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLoss(ReadOnlySpan<T> classPrototypes, Span<T> classGradient) =>
        ClassDiversityLoss(classPrototypes, classGradient, T.One);

    /// <summary>
    /// One class's term of the diversity loss from its rows of the whole prototype matrix, for labels in any order: the
    /// term <see cref="ClassDiversityLoss(ReadOnlySpan{T}, T)"/> gives for those rows, at a cost independent of
    /// <see cref="NClasses"/>.
    /// </summary>
    /// <param name="prototypes">The whole prototype matrix: P × <see cref="Features"/> values, row-major, 1 ≤ P ≤ <see cref="MaxPrototypes"/>.</param>
    /// <param name="classRows">
    /// The class's row indices into <paramref name="prototypes"/> (the i with <c>protoLabels[i] == c</c>), ascending and
    /// each once, 1 to <see cref="MaxPerClass"/> of them: the order the full call takes the class's members in. The labels
    /// are not read, so rows of several classes are taken as one class.
    /// </param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term: 0 for one row, NaN when a coordinate of its rows is NaN or ±∞ and it has two or more.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public T ClassDiversityLossAt(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> classRows, T sigmaDiv) =>
        ClassRows.Term(this, prototypes, classRows, Span<T>.Empty, sigmaDiv, withGradient: false);

    /// <summary>One class's term from its rows of the whole prototype matrix with σ = 1.</summary>
    /// <param name="prototypes">The whole prototype matrix: P × <see cref="Features"/> values, 1 ≤ P ≤ <see cref="MaxPrototypes"/>.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending and each once.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLossAt(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> classRows) =>
        ClassDiversityLossAt(prototypes, classRows, T.One);

    /// <summary>
    /// One class's term from its rows of the whole prototype matrix, writing its gradient rows into the same rows of
    /// <paramref name="gradient"/> and no others: with <paramref name="classRows"/> ascending, the bits the full call
    /// with a gradient writes there (a NaN row's sign bit aside). Calls for different classes may run concurrently into
    /// one gradient: each writes its own rows only.
    /// </summary>
    /// <param name="prototypes">The whole prototype matrix: P × <see cref="Features"/> values, row-major, 1 ≤ P ≤ <see cref="MaxPrototypes"/>.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending and each once, 1 to <see cref="MaxPerClass"/> of them.</param>
    /// <param name="gradient">
    /// The whole gradient, <c>prototypes.Length</c> values in memory of their own; the class's rows are written after
    /// every check has passed, every other row is left as it is.
    /// </param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; <see cref="ArgumentException.ParamName"/> names it and nothing has been written.</exception>
    public T ClassDiversityLossAt(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> classRows, Span<T> gradient, T sigmaDiv) =>
        ClassRows.Term(this, prototypes, classRows, gradient, sigmaDiv, withGradient: true);

    /// <summary>One class's term and gradient rows from its rows of the whole matrices with σ = 1.</summary>
    /// <param name="prototypes">The whole prototype matrix: P × <see cref="Features"/> values, 1 ≤ P ≤ <see cref="MaxPrototypes"/>.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending and each once.</param>
    /// <param name="gradient">The whole gradient; only the class's rows are written.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLossAt(ReadOnlySpan<T> prototypes, ReadOnlySpan<int> classRows, Span<T> gradient) =>
        ClassDiversityLossAt(prototypes, classRows, gradient, T.One);

    /// <summary>Soft-thresholding x ↦ sign(x)·max(|x| − l1Weight·lr, 0) into <paramref name="destination"/>.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values for any k ≥ 1 (per feature, per prototype and feature, or a GMLVQ Ω of k rows).</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, but not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    public abstract int SparseRelevanceProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T lr);

    /// <summary>Soft-thresholding with lr = 1.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values.</param>
    /// <param name="destination">Same length.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values written.</returns>
    public int SparseRelevanceProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight) =>
        SparseRelevanceProximal(relevances, destination, l1Weight, T.One);

    /// <summary>Soft-thresholding in place.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    public int SparseRelevanceProximal(Span<T> relevances, T l1Weight, T lr) =>
        SparseRelevanceProximal(relevances, relevances, l1Weight, lr);

    /// <summary>Soft-thresholding in place with lr = 1.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values.</returns>
    public int SparseRelevanceProximal(Span<T> relevances, T l1Weight) =>
        SparseRelevanceProximal(relevances, relevances, l1Weight, T.One);

    /// <summary>The elastic-net prox x ↦ sign(x)·max(|x| − l1Weight·lr, 0) / (1 + l2Weight·lr) into <paramref name="destination"/>.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values for any k ≥ 1 (per feature, per prototype and feature, or a GMLVQ Ω of k rows).</param>
    /// <param name="destination">Same length; may be <paramref name="relevances"/> itself, but not a partial overlap.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    public abstract int ElasticNetProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight, T lr);

    /// <summary>The elastic-net prox with lr = 1.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values.</param>
    /// <param name="destination">Same length.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values written.</returns>
    public int ElasticNetProximal(ReadOnlySpan<T> relevances, Span<T> destination, T l1Weight, T l2Weight) =>
        ElasticNetProximal(relevances, destination, l1Weight, l2Weight, T.One);

    /// <summary>The elastic-net prox in place.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    public int ElasticNetProximal(Span<T> relevances, T l1Weight, T l2Weight, T lr) =>
        ElasticNetProximal(relevances, relevances, l1Weight, l2Weight, lr);

    /// <summary>The elastic-net prox in place with lr = 1.</summary>
    /// <param name="relevances">k × <see cref="Features"/> values; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <returns>The number of non-zero values.</returns>
    public int ElasticNetProximal(Span<T> relevances, T l1Weight, T l2Weight) =>
        ElasticNetProximal(relevances, relevances, l1Weight, l2Weight, T.One);

    /// <summary>The diversity loss on a dense tensor of prototypes, lengths [P, <see cref="Features"/>].</summary>
    /// <param name="prototypes">[P, <see cref="Features"/>], dense and row-major; other lengths or layouts throw naming it.</param>
    /// <param name="protoLabels">The class of each prototype.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss, bit-identical to the span overload's.</returns>
    public T PrototypeDiversityLoss(in ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> protoLabels, T sigmaDiv) =>
        PrototypeDiversityLoss(TensorArguments.Prototypes(prototypes, Features), protoLabels, sigmaDiv);

    /// <summary>The diversity loss and its gradient on dense tensors of lengths [P, <see cref="Features"/>].</summary>
    /// <param name="prototypes">[P, <see cref="Features"/>], dense and row-major.</param>
    /// <param name="protoLabels">The class of each prototype.</param>
    /// <param name="gradient">The prototypes' lengths, dense, in memory of its own; overwritten after every check has passed.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The loss.</returns>
    public T PrototypeDiversityLoss(in ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> protoLabels, in TensorSpan<T> gradient, T sigmaDiv) =>
        PrototypeDiversityLoss(TensorArguments.Prototypes(prototypes, Features), protoLabels, TensorArguments.Gradient(gradient, prototypes), sigmaDiv);

    /// <summary>One class's term of the diversity loss on a dense tensor of its prototypes, lengths [n, <see cref="Features"/>].</summary>
    /// <param name="classPrototypes">[n, <see cref="Features"/>], 1 ≤ n ≤ <see cref="MaxPerClass"/>, dense and row-major; other lengths or layouts throw naming it.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term, bit-identical to the span overload's.</returns>
    public T ClassDiversityLoss(in ReadOnlyTensorSpan<T> classPrototypes, T sigmaDiv) =>
        ClassDiversityLoss(TensorArguments.ClassPrototypes(classPrototypes, Features, MaxPerClass), sigmaDiv);

    /// <summary>One class's term of the diversity loss and its gradient rows on dense tensors of lengths [n, <see cref="Features"/>].</summary>
    /// <param name="classPrototypes">[n, <see cref="Features"/>], 1 ≤ n ≤ <see cref="MaxPerClass"/>, dense and row-major.</param>
    /// <param name="classGradient">The class prototypes' lengths, dense, in memory of its own; overwritten after every check has passed.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLoss(in ReadOnlyTensorSpan<T> classPrototypes, in TensorSpan<T> classGradient, T sigmaDiv) =>
        ClassDiversityLoss(TensorArguments.ClassPrototypes(classPrototypes, Features, MaxPerClass), TensorArguments.ClassGradient(classGradient, classPrototypes), sigmaDiv);

    /// <summary>One class's term from its rows of the whole prototype matrix, a dense tensor of lengths [P, <see cref="Features"/>].</summary>
    /// <param name="prototypes">[P, <see cref="Features"/>], 1 ≤ P ≤ <see cref="MaxPrototypes"/>, dense and row-major.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending and each once, 1 to <see cref="MaxPerClass"/> of them.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term, bit-identical to the span overload's.</returns>
    public T ClassDiversityLossAt(in ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> classRows, T sigmaDiv) =>
        ClassDiversityLossAt(TensorArguments.Prototypes(prototypes, Features), classRows, sigmaDiv);

    /// <summary>
    /// One class's term from its rows of the whole prototype matrix, writing its gradient rows into the same rows of
    /// <paramref name="gradient"/> and no others, on dense tensors of lengths [P, <see cref="Features"/>].
    /// </summary>
    /// <param name="prototypes">[P, <see cref="Features"/>], 1 ≤ P ≤ <see cref="MaxPrototypes"/>, dense and row-major.</param>
    /// <param name="classRows">The class's row indices into <paramref name="prototypes"/>, ascending and each once, 1 to <see cref="MaxPerClass"/> of them.</param>
    /// <param name="gradient">The prototypes' lengths, dense, in memory of its own; only the class's rows are written, after every check has passed.</param>
    /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
    /// <returns>The class's term.</returns>
    public T ClassDiversityLossAt(in ReadOnlyTensorSpan<T> prototypes, ReadOnlySpan<int> classRows, in TensorSpan<T> gradient, T sigmaDiv) =>
        ClassDiversityLossAt(TensorArguments.Prototypes(prototypes, Features), classRows, TensorArguments.Gradient(gradient, prototypes), sigmaDiv);

    /// <summary>Soft-thresholding on dense tensors of lengths [<see cref="Features"/>] or [k, <see cref="Features"/>].</summary>
    /// <param name="relevances">[<see cref="Features"/>] or [k, <see cref="Features"/>], dense.</param>
    /// <param name="destination">The same lengths, dense.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    public int SparseRelevanceProximal(in ReadOnlyTensorSpan<T> relevances, in TensorSpan<T> destination, T l1Weight, T lr) =>
        SparseRelevanceProximal(TensorArguments.Relevances(relevances, Features), TensorArguments.Destination(destination, relevances), l1Weight, lr);

    /// <summary>The elastic-net prox on dense tensors of lengths [<see cref="Features"/>] or [k, <see cref="Features"/>].</summary>
    /// <param name="relevances">[<see cref="Features"/>] or [k, <see cref="Features"/>], dense.</param>
    /// <param name="destination">The same lengths, dense.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values written.</returns>
    public int ElasticNetProximal(in ReadOnlyTensorSpan<T> relevances, in TensorSpan<T> destination, T l1Weight, T l2Weight, T lr) =>
        ElasticNetProximal(TensorArguments.Relevances(relevances, Features), TensorArguments.Destination(destination, relevances), l1Weight, l2Weight, lr);

    /// <summary>Soft-thresholding in place on a dense tensor of lengths [<see cref="Features"/>] or [k, <see cref="Features"/>].</summary>
    /// <param name="relevances">[<see cref="Features"/>] or [k, <see cref="Features"/>], dense; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    public int SparseRelevanceProximal(in TensorSpan<T> relevances, T l1Weight, T lr)
    {
        Span<T> values = TensorArguments.Relevances(relevances, Features);
        return SparseRelevanceProximal(values, values, l1Weight, lr);
    }

    /// <summary>The elastic-net prox in place on a dense tensor of lengths [<see cref="Features"/>] or [k, <see cref="Features"/>].</summary>
    /// <param name="relevances">[<see cref="Features"/>] or [k, <see cref="Features"/>], dense; overwritten.</param>
    /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
    /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
    /// <param name="lr">The step size, positive and finite.</param>
    /// <returns>The number of non-zero values.</returns>
    public int ElasticNetProximal(in TensorSpan<T> relevances, T l1Weight, T l2Weight, T lr)
    {
        Span<T> values = TensorArguments.Relevances(relevances, Features);
        return ElasticNetProximal(values, values, l1Weight, l2Weight, lr);
    }

    /// <summary>"4 × 3 × 64 float (Compiled)"; "4 × 3 × 64 float, ε = 0.001, parallel (Compiled)" where ε is not the default or <see cref="Parallel"/> is set.</summary>
    /// <returns>The shape, what sets these kernels apart from the shape's default ones, and the engine.</returns>
    public override string ToString()
    {
        string epsilon = Epsilon == ShapeLimits.DefaultEpsilon ? "" : ", ε = " + Epsilon.ToString("R", CultureInfo.InvariantCulture);
        return $"{NClasses} × {MaxPerClass} × {Features} {(typeof(T) == typeof(float) ? "float" : "double")}{epsilon}{(Parallel ? ", parallel" : "")} ({Engine})";
    }
}
