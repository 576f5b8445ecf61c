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

/// <summary>How the unrolled path computes a block's squared distances.</summary>
internal enum DistanceStrategy
{
    /// <summary>All pairs of the block's four classes accumulate in registers and are reduced four at a time.</summary>
    BlockInRegisters,

    /// <summary>Class by class, each pair reduced on its own (too many accumulators for the registers).</summary>
    PerClass,
}

/// <summary>How the log-determinants are summed.</summary>
internal enum DeterminantFolding
{
    /// <summary>Determinants are multiplied and folded into one log before the product could underflow.</summary>
    Product,

    /// <summary>One log per pivot: ε is so small that one block's product could underflow.</summary>
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
/// any text is written, as the Regex generator analyses a pattern into a <c>RegexMethod</c> first. The writers
/// read it and decide nothing. A value: equal shapes give equal plans.
/// </summary>
/// <param name="IsDouble">The element type is double (else float).</param>
/// <param name="NClasses">Number of classes.</param>
/// <param name="MaxPerClass">Most prototypes per class.</param>
/// <param name="Features">Features per prototype.</param>
/// <param name="Epsilon">The diagonal jitter ε.</param>
/// <param name="Path">How classes are factorised.</param>
/// <param name="Distances">How the unrolled path's distances are computed.</param>
/// <param name="MembersPerDistancePass">Members whose rows are loaded together per feature vector: all of them (≤ 4), else one pass per member.</param>
/// <param name="GroupBlocks">Blocks of four classes whose distances are computed before any is factorised.</param>
/// <param name="Folding">How the log-determinants are summed.</param>
/// <param name="ClassMajorTable">Whether the class-major fast path's constant tables exist.</param>
/// <param name="LabelScratch">Where the label pass's bookkeeping lives.</param>
/// <param name="MatrixScratch">Where the loop path's class matrices live.</param>
/// <param name="TinyCoefficient">Gradient coefficients below this are flushed to zero (subnormal in the element type).</param>
/// <param name="VectorWidths">The hardware widths whose vector fits in one row ("Vector512", …), widest first; the scalar fallback always follows.</param>
/// <param name="NeedsTailMask">Whether some width leaves a partial last vector (the overlapping tail must be masked).</param>
/// <param name="ChunkClasses">Classes per parallel chunk, or 0 for one thread (not asked for, or too small to split).</param>
internal sealed record KernelPlan(
    bool IsDouble,
    int NClasses,
    int MaxPerClass,
    int Features,
    double Epsilon,
    FactorisationPath Path,
    DistanceStrategy Distances,
    int MembersPerDistancePass,
    int GroupBlocks,
    DeterminantFolding Folding,
    bool ClassMajorTable,
    ScratchSource LabelScratch,
    ScratchSource MatrixScratch,
    double TinyCoefficient,
    EquatableArray<string> VectorWidths,
    bool NeedsTailMask,
    int ChunkClasses)
{
    /// <summary>Whether the loss and gradient split classes into chunks over the cores (cores over a class range).</summary>
    public bool IsParallel => ChunkClasses > 0;

    /// <summary>
    /// Whether the cores take a class range [firstClass, endClass): a parallel chunk runs its classes through them, the
    /// full call all classes, and the class kernels one class alone, so each class is computed by the same code. A
    /// one-block unrolled core needs none: its block holds every class of the shape, or the lone class.
    /// </summary>
    public bool RangedCores => Path == FactorisationPath.Loop || (Path == FactorisationPath.Unrolled && (IsParallel || !SinglePass));

    /// <summary>Classes per block: the lanes of a <c>Vector256&lt;double&gt;</c>.</summary>
    public const int Lanes = 4;

    /// <summary>The element type's C# keyword.</summary>
    public string ElementType => IsDouble ? "double" : "float";

    /// <summary>Most prototypes in one call.</summary>
    public int MaxPrototypes => NClasses * MaxPerClass;

    /// <summary>Same-class pairs of a full class.</summary>
    public int PairCount => MaxPerClass * (MaxPerClass - 1) / 2;

    /// <summary>Scratch doubles per block: one per pair and lane.</summary>
    public int PerBlock => PairCount * Lanes;

    /// <summary>Blocks of four classes.</summary>
    public int Blocks => (NClasses + Lanes - 1) / Lanes;

    /// <summary>A shape of one block takes one pass (nothing to overlap).</summary>
    public bool SinglePass => NClasses <= Lanes;

    /// <summary>
    /// From this many members a factorisation takes its kernel entries' exps in a loop over the pairs, eight lanes at
    /// a time where 512-bit vectors are accelerated; smaller classes take them in straight-line code, four lanes each.
    /// </summary>
    public const int ExpLoopMembers = 5;

    /// <summary>
    /// Whether a group's kernel entries are computed in one pass over all its blocks (eight lanes at a time where
    /// 512-bit vectors are accelerated) before its blocks are factorised: for classes of fewer than
    /// <see cref="ExpLoopMembers"/> on the unrolled path, when there are several blocks. One block keeps its straight-line
    /// exps, where the pass's store and reload would lengthen the call's only chain.
    /// </summary>
    public bool GroupExpPass => Path == FactorisationPath.Unrolled && !SinglePass && MaxPerClass < ExpLoopMembers;

    /// <summary>The loop path's class matrices (kernel, factor, inverse) for a full class, in doubles.</summary>
    public int MatrixDoubles => 3 * MaxPerClass * MaxPerClass;
}
