namespace KernelGen.Generators.Model;

/// <summary>How a block's squared distances are computed.</summary>
internal enum DistanceStrategy
{
    /// <summary>All pairs of the block's four classes accumulate in registers and are reduced four at a time.</summary>
    BlockInRegisters,

    /// <summary>Class by class, each pair reduced on its own (too many accumulators for the registers).</summary>
    PerClass,

    /// <summary>
    /// <see cref="BlockInRegisters"/> on 64-bit x86 with AVX-512, whose encoding gives the JIT 32 vector registers for
    /// the block's accumulators, else <see cref="PerClass"/>: both rendered, the JIT keeping one. The two reduce a pair
    /// in a different order, so the bits differ between the two, as they do between vector widths (docs/semantics.md).
    /// ARM64 has 32 vector registers too but takes <see cref="PerClass"/>: the block is not measured there.
    /// </summary>
    BlockInRegistersWithAvx512,
}

/// <summary>
/// Every decision the unrolled code for classes of <paramref name="Members"/> members renders: the factorisations and
/// the row code, which depend on the class size alone and so are rendered once per size into the runtime file
/// (<c>Unrolled.g.cs</c>) rather than per shape. Made by <see cref="Planning.KernelPlanner.PlanUnrolled"/>; a shape's
/// <see cref="KernelPlan.Unrolled"/> is the plan of the code its kernels call. The computed properties follow from
/// <see cref="Members"/>, <see cref="ExpsInLoop"/> and <see cref="Distances"/>, each named for the code that reads it
/// and documented with why.
/// </summary>
/// <param name="Members">Members per class, m.</param>
/// <param name="Distances">How a block's distances are computed.</param>
/// <param name="ExpsInLoop">
/// Whether a factorisation takes its kernel entries' exps in a loop over the pairs (one inlined exp for the JIT to
/// compile) rather than in straight-line code (a shorter chain, one exp per pair).
/// </param>
internal sealed record UnrolledPlan(int Members, DistanceStrategy Distances, bool ExpsInLoop)
{
    /// <summary>Same-class pairs of a full class.</summary>
    public int PairCount => PairCountOf(Members);

    /// <summary>The pairs of a class of <paramref name="members"/> members, m(m − 1)/2.</summary>
    public static int PairCountOf(int members) => members * (members - 1) / 2;

    /// <summary>Scratch doubles per block of four classes: one per pair and lane.</summary>
    public int PerBlock => PairCount * KernelPlan.Lanes;

    /// <summary>
    /// A lone class's pairs padded with zeros to whole vectors of <see cref="KernelPlan.Lanes"/>: the length its
    /// exp pass runs over where its entries do not stay in a register.
    /// </summary>
    public int LonePairsPadded => (PairCount + KernelPlan.Lanes - 1) / KernelPlan.Lanes * KernelPlan.Lanes;

    /// <summary>
    /// A lone class's scratch where its entries do not stay in a register: its distances in pair order
    /// (<see cref="LonePairsPadded"/>), then at stride 4 as a block's lane holds them (<see cref="PerBlock"/>), where
    /// the block's distance code writes them.
    /// </summary>
    public int LoneScratch => LonePairsPadded + PerBlock;

    /// <summary>
    /// Whether the determinant takes the last two pivots as one product, p_{m−2}·p_{m−1} = p_{m−2}·(b − Σ l·e) − e²,
    /// which keeps the division for q_{m−2} off the determinant's chain (the gradient's code completes p_{m−1} from the
    /// same terms, so the loss has the same bits with or without the gradient). Two members have no pivot before the last to
    /// fold with: their determinant is p₀·p₁.
    /// </summary>
    public bool FusesLastTwoPivots => Members >= 3;

    /// <summary>
    /// Whether factorisations exist that start from kernel entries a group's exp pass has computed (see
    /// <see cref="KernelPlan.GroupExpPass"/>): only where the factorisation would not loop over its own exps.
    /// </summary>
    public bool FromEntries => !ExpsInLoop;

    /// <summary>
    /// Whether a class kernel takes one class of this size alone in scalars (<c>LoneClass{m}</c>): one reduction and one
    /// exp pass over the class's pairs, then the factorisation's text on one lane in scalar registers. Where the chain
    /// from the distances to the rows is most of a class's time (the sizes whose exps are straight-line code), that is
    /// shorter than the class in the first lane of a block (docs/benchmarks.md); larger classes spend their time in rows
    /// and exps, and keep the block's code.
    /// </summary>
    public bool LoneInScalars => !ExpsInLoop;

    /// <summary>
    /// Whether a class's row code (<c>ClassGradient{m}</c>) compiles into its callers, a block's four lanes and the lone
    /// class, rather than being called. Where a lone class runs in scalars its rows are the last link of a short chain,
    /// and a call there costs a measurable part of the class's time (docs/benchmarks.md).
    /// Larger classes' row code is long enough that four inlined copies per block would only grow the cores.
    /// </summary>
    public bool RowsInlined => LoneInScalars;

    /// <summary>
    /// Whether a class's row code takes its coefficients as values, one per pair, rather than reading them from the
    /// scratch at stride 4: where it is inlined, so that a lone class's coefficients go from the factorisation to the rows
    /// in registers. Through the scratch, each would be stored and loaded back on the way to the rows, a longer chain
    /// where the core is busy (docs/benchmarks.md).
    /// </summary>
    public bool CoefficientsByValue => RowsInlined;

    /// <summary>Whether the runtime file holds the block code that keeps pair sums in registers (<c>ClassSums{m}</c>).</summary>
    public bool HasDistancesInRegisters => Distances != DistanceStrategy.PerClass;

    /// <summary>Whether the runtime file holds the class-by-class distance code (<c>ClassDistances{m}</c>).</summary>
    public bool HasDistancesClassByClass => Distances != DistanceStrategy.BlockInRegisters;

    /// <summary>
    /// Whether a block's distance code (<c>BlockDistances{m}</c>) compiles into the core that calls it. Class by class it
    /// is four calls, inlined; in registers it is long enough to stay a call of its own (docs/benchmarks.md, Findings:
    /// inlined into the core it took the same time and more to compile). With AVX-512 a 4-member block takes the same
    /// time either way (within 2%), so it is inlined: without AVX-512 its code is then the class-by-class code as it is
    /// for every other class size that goes class by class.
    /// </summary>
    public bool DistancesInlined => Distances != DistanceStrategy.BlockInRegisters;

    /// <summary>
    /// Whether a lone class's kernel entries stay in the register its exp leaves them in, one vector, and its
    /// factorisation reads them from there (where its pairs are reduced in registers, at most three, so that they fill
    /// at most the one vector's <see cref="KernelPlan.Lanes"/>, as <see cref="Planning.KernelPlanner.MaxPairsInRegisters"/>
    /// allows). Stored and read back, each entry would wait on a store's forwarding at the head of the class's chain
    /// (docs/benchmarks.md). Otherwise its distances come from the class-by-class code, which its size then has.
    /// </summary>
    public bool LoneEntriesInRegister => LoneInScalars && Distances == DistanceStrategy.BlockInRegisters;
}
