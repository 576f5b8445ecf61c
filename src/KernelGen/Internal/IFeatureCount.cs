using System.ComponentModel;

namespace KernelGen.Internal;

/// <summary>
/// A row length as a type. The runtime's unrolled row code is generic over it, and each generated shape passes a
/// struct of its own, so the JIT compiles that code per shape with the length a constant (constant trip counts, the
/// tail decided at compile time) while its text exists once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IFeatureCount
{
    /// <summary>Features per row.</summary>
    static abstract int Count { get; }
}
