namespace KernelGen;

/// <summary>
/// Asks the KernelGen source generator to emit, into the annotated <c>partial</c> class, diversity-loss (whole and
/// per class) and proximal kernels specialised for one static shape.
/// </summary>
/// <remarks>
/// The generator reads the constructor arguments and the named properties at compile time; they must be
/// constants. The class receives <c>NClasses</c>, <c>MaxPerClass</c>, <c>Features</c>, <c>MaxPrototypes</c>,
/// <c>Epsilon</c>, <c>PrototypeDiversityLoss</c>, <c>ClassDiversityLoss</c>, <c>SparseRelevanceProximal</c>,
/// <c>ElasticNetProximal</c> (each also over tensors) and <c>Regularizer</c>; a non-static class implements
/// <see cref="IPrototypeRegularizer{T}"/>. The attribute lives in the
/// runtime library (it is not injected by the generator) so that two projects with
/// <c>InternalsVisibleTo</c> never see two copies of it.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShapesAttribute : Attribute
{
    /// <summary>Declares the static shape of the kernels to generate.</summary>
    /// <param name="nClasses">Number of classes, 1 … 2²⁰; labels lie in <c>[0, nClasses)</c>.</param>
    /// <param name="maxPerClass">Largest number of prototypes any class may hold, 1 … 1024, with nClasses × maxPerClass ≤ 2²⁴.</param>
    /// <param name="features">Number of features of each prototype (and of each relevance row), 1 … 2²⁰, with
    /// nClasses × maxPerClass × features ≤ 2³¹ − 1.</param>
    public ShapesAttribute(int nClasses, int maxPerClass, int features)
    {
        NClasses = nClasses;
        MaxPerClass = maxPerClass;
        Features = features;
    }

    /// <summary>Number of classes; labels lie in <c>[0, NClasses)</c>.</summary>
    public int NClasses { get; }

    /// <summary>Largest number of prototypes any class may hold.</summary>
    public int MaxPerClass { get; }

    /// <summary>Number of features of each prototype.</summary>
    public int Features { get; }

    /// <summary>Element type of the generated kernels: <c>typeof(float)</c> (the default) or <c>typeof(double)</c>.</summary>
    public Type ElementType { get; set; } = typeof(float);

    /// <summary>The diagonal jitter ε added to each class's Gram matrix; <c>1e-6</c> (prosemble's constant) by default.</summary>
    /// <remarks>
    /// Any value in (0, 1e150] is accepted (KG0005 otherwise), but at or below 2⁻⁵³ (about 1.1e-16) 1 + ε is exactly 1 in double, so a class
    /// whose prototypes coincide is singular and its term is +∞ or NaN (docs/semantics.md).
    /// </remarks>
    public double Epsilon { get; set; } = ShapeLimits.DefaultEpsilon;

    /// <summary>
    /// Whether the loss and gradient may use every core: <see langword="false"/> (the default), so code that runs
    /// its own threads is not oversubscribed. When <see langword="true"/> and the shape is large enough to pay for
    /// it, classes are split into chunks fixed by the shape and spread over up to
    /// <see cref="Environment.ProcessorCount"/> threads; the result is bit-identical whatever the number of cores, and a
    /// call allocates nothing once each calling thread has made its one job. The generated
    /// <c>PrototypeDiversityLoss</c>'s remarks say whether the shape splits (from three chunks of work) and into
    /// chunks of how many classes. It pays most with class-major labels: in another order the label pass runs first
    /// on the calling thread, and the gradient, whose rows are then scattered, gains little from more cores.
    /// </summary>
    public bool Parallel { get; set; }
}
