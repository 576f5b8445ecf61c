using KernelGen.Generators.Helpers;

namespace KernelGen.Generators.Model;

/// <summary>How each class's Gram block is factorised.</summary>
internal enum FactorisationPath
{
    /// <summary>At most one prototype per class: every class contributes 0; nothing to factorise.</summary>
    None,

    /// <summary>Straight-line LDLᵀ (and inverse) on locals, four classes per vector.</summary>
    Unrolled,

    /// <summary>Loops over scratch memory, one class at a time (classes too large to unroll).</summary>
    Loop,
}

/// <summary>How the log-determinants are summed.</summary>
internal enum DeterminantFolding
{
    /// <summary>Determinants are multiplied and folded into one log before the product could underflow or overflow.</summary>
    Product,

    /// <summary>One log per pivot: ε is so small (or so large) that one block's product could underflow (or overflow).</summary>
    LogPerPivot,
}

/// <summary>Where scratch memory comes from.</summary>
internal enum ScratchSource
{
    /// <summary>The stack (small, fixed size).</summary>
    Stack,

    /// <summary><c>ArrayPool</c> (large; returned in a <c>finally</c>).</summary>
    Rented,
}

/// <summary>
/// Every decision the emitter renders for one shape, made in one place (<see cref="Planning.KernelPlanner"/>) before
/// any text is written, as the Regex generator analyses a pattern into a <c>RegexMethod</c> first. The planner sets the
/// fields; the few computed properties are fixed functions of them, named for the writers that read them. The writers
/// read it and decide nothing. A value: equal shapes give equal plans.
/// </summary>
/// <param name="IsDouble">The element type is double (else float).</param>
/// <param name="NClasses">Number of classes.</param>
/// <param name="MaxPerClass">Most prototypes per class.</param>
/// <param name="Features">Features per prototype.</param>
/// <param name="Epsilon">The diagonal jitter ε.</param>
/// <param name="Path">How classes are factorised.</param>
/// <param name="Unrolled">The unrolled code for this class size the kernels call; <see langword="null"/> off the unrolled path.</param>
/// <param name="GroupBlocks">Blocks of four classes whose distances are computed before any is factorised.</param>
/// <param name="SinglePass">
/// Whether the unrolled cores take the shape's one block in a single pass: no groups, no running product or fold, no
/// class range (at most four classes, never split into chunks, for any chunk is whole groups of four or more).
/// </param>
/// <param name="GroupExpPass">
/// Whether a group's kernel entries are computed in one pass over all its blocks (eight lanes at a time where 512-bit
/// vectors are accelerated) before its blocks are factorised: on the unrolled path, for classes whose factorisations
/// do not loop over their own exps, when there are several blocks. One block keeps its straight-line exps, where the
/// pass's store and reload would lengthen the call's only chain.
/// </param>
/// <param name="Folding">How the log-determinants are summed.</param>
/// <param name="ClassMajorTable">Whether the class-major fast path's constant tables exist.</param>
/// <param name="LabelScratch">Where the label pass's bookkeeping lives.</param>
/// <param name="MatrixScratch">Where the loop path's class matrices live.</param>
/// <param name="TinyCoefficient">Gradient coefficients below this are flushed to zero (subnormal in the element type).</param>
/// <param name="VectorWidths">The hardware widths whose vector fits in one row ("Vector512", …), widest first; the scalar fallback always follows.</param>
/// <param name="WidestVectorBytes">The first of <see cref="VectorWidths"/> in bytes, or 0 when none fits in a row.</param>
/// <param name="NeedsTailMask">Whether some width leaves a partial last vector (the overlapping tail must be masked).</param>
/// <param name="ChunkClasses">Classes per parallel chunk, or 0 for one thread (not asked for, or too small to split).</param>
/// <param name="ParallelRequested">
/// The declaration asked for every core (<c>[Shapes(Parallel = true)]</c>); the regularizer reports it, while the
/// kernels split only when <see cref="ChunkClasses"/> is positive.
/// </param>
/// <param name="RangedCores">
/// Whether the cores take a class range [firstClass, endClass): a parallel chunk runs its classes through them, the
/// full call all classes and the class kernels one class alone, so each class is computed by the same code wherever it
/// is asked for. A one-block unrolled core takes none: its block holds every class of the shape, or the lone class.
/// </param>
/// <param name="ClearsWholeGradient">
/// Whether the gradient core clears the whole gradient before pairs accumulate into it, and so takes the prototype
/// count: the loop path's single-threaded core. The other cores clear rows as they reach them (a chunk touches its own
/// rows only).
/// </param>
internal sealed record KernelPlan(
    bool IsDouble,
    int NClasses,
    int MaxPerClass,
    int Features,
    double Epsilon,
    FactorisationPath Path,
    UnrolledPlan? Unrolled,
    int GroupBlocks,
    bool SinglePass,
    bool GroupExpPass,
    DeterminantFolding Folding,
    bool ClassMajorTable,
    ScratchSource LabelScratch,
    ScratchSource MatrixScratch,
    double TinyCoefficient,
    EquatableArray<string> VectorWidths,
    int WidestVectorBytes,
    bool NeedsTailMask,
    int ChunkClasses,
    bool ParallelRequested,
    bool RangedCores,
    bool ClearsWholeGradient)
{
    /// <summary>Whether the loss and gradient split classes into chunks over the cores (cores over a class range).</summary>
    public bool SplitsIntoChunks => ChunkClasses > 0;

    /// <summary>
    /// Whether the cores return their classes' Σ log det as a double, which the caller negates after adding the chunks
    /// in order (and the class kernel after its one range), rather than the loss in the element type. True for the
    /// chunked plans, whose partial sums must not be rounded to the element type before they are added. A
    /// <see cref="SinglePass"/> plan is never chunked, so its one block's result is always the loss.
    /// </summary>
    public bool CoresReturnLogDeterminants => SplitsIntoChunks;

    /// <summary>Classes per block: the lanes of a <c>Vector256&lt;double&gt;</c>.</summary>
    public const int Lanes = 4;

    /// <summary>
    /// Under <see cref="DeterminantFolding.Product"/>, the running product of determinants is folded into the log when it
    /// falls below this: one log per 1e-100 of product, not one per class, and far enough above the smallest normal
    /// double for one more block's product to be multiplied in (the planner checks that it is).
    /// </summary>
    public const double FoldBelow = 1e-100;

    /// <summary>
    /// The same above 1: a determinant can exceed 1 (up to (1 + ε)^m), so over many classes with a large ε the product
    /// grows; folded above this, it stays far enough below the largest double for one more block's product (the
    /// planner checks that too). At the default ε no product comes near it.
    /// </summary>
    public const double FoldAbove = 1e100;

    /// <summary>The element type's C# keyword.</summary>
    public string ElementType => IsDouble ? "double" : "float";

    /// <summary>Most prototypes in one call.</summary>
    public int MaxPrototypes => NClasses * MaxPerClass;

    /// <summary>Classes per group: a parallel chunk is whole groups, so each chunk runs exactly the serial code.</summary>
    public int GroupClasses => ClassesPerGroup(GroupBlocks);

    /// <summary>The classes of a group of <paramref name="groupBlocks"/> blocks; the planner aligns chunks to it before the plan exists.</summary>
    public static int ClassesPerGroup(int groupBlocks) => groupBlocks * Lanes;

    /// <summary>The unrolled path's scratch for one group's distances, in doubles: each block's pairs in its four lanes.</summary>
    public int GroupScratch => Unrolled is null ? 0 : GroupBlocks * Unrolled.PerBlock;

    /// <summary>A core's scratch, in doubles: the group's distances, and for the gradient as many again for the coefficients, after them.</summary>
    public int CoreScratch(bool withGradient) => (withGradient ? 2 : 1) * GroupScratch;

    /// <summary>The loop path's matrices per class: kernel, factor and inverse.</summary>
    public const int MatricesPerClass = 3;

    /// <summary>The loop path's class matrices for a full class, in doubles.</summary>
    public int MatrixDoubles => MatrixDoublesFor(MaxPerClass);

    /// <summary>The loop path's matrices for a class of <paramref name="members"/>, in doubles; the planner sizes the scratch by it before the plan exists.</summary>
    public static int MatrixDoublesFor(int members) => MatricesPerClass * members * members;

    /// <summary><see cref="MatrixDoublesFor"/> as the generated code spells it, for a run-time member count.</summary>
    public static string MatrixDoublesText(string members) => $"{MatricesPerClass} * {members} * {members}";

    /// <summary>
    /// The label pass's bookkeeping for <paramref name="prototypes"/> labels, in ints: each class's end, one unused slot,
    /// then the prototypes in grouped order (<c>LabelGroups</c>' layout). <see cref="LabelIntsText"/> is the same length
    /// in the generated code.
    /// </summary>
    public static int LabelInts(int nClasses, int prototypes) => nClasses + 1 + prototypes;

    /// <summary>Where the grouped order starts in the label bookkeeping, as the generated code spells it: after the class ends.</summary>
    public const string OrderOffsetText = "NClasses + 1";

    /// <summary><see cref="LabelInts"/> as the generated code spells it: the class ends, then the given count.</summary>
    public static string LabelIntsText(string prototypes) => OrderOffsetText + " + " + prototypes;
}
