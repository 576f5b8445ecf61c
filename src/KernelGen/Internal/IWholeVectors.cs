using System.ComponentModel;

namespace KernelGen.Internal;

/// <summary>
/// A row length that every vector width a shape's kernels use divides, so no row ends in a partial vector.
/// </summary>
/// <remarks>
/// The row code guards its overlapping-tail branch with <c>typeof(F).IsAssignableTo(typeof(IWholeVectors))</c>, a
/// test the JIT folds while it imports the method. <c>F.Count % W.Count</c> also proves the branch dead, but only after
/// inlining, by which time the branch's code has been imported and inlined too, a large share of the first call's
/// compile time (docs/benchmarks.md, "First call"). A length without this marker keeps the branch
/// and decides it by the remainder, so leaving the marker off costs compile time, never a wrong sum.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IWholeVectors : IFeatureCount
{
}
