namespace KernelGen.Generators.Emitting;

/// <summary>
/// How the per-m row code (a block's distances, its gradient rows) is declared and called: rendered into the runtime
/// library once per class size m, generic over the width <c>W</c>, the element type <c>T</c> and the row length
/// <c>F</c> (an <c>IFeatureCount</c> whose <c>Count</c> the JIT sees as a constant, so each shape still gets its own
/// machine code with a constant trip count), while the text exists once.
/// </summary>
internal static class RowCode
{
    /// <summary>The type parameters of every row method.</summary>
    public const string TypeParameters = "<W, TV, T, F>";

    /// <summary>Their constraints.</summary>
    public const string Constraints =
        "where W : IVectorOps<TV, T> where TV : struct where T : unmanaged, IFloatingPointIeee754<T> where F : IFeatureCount";

    /// <summary>The first statement of every row method: the row length as a JIT-time constant.</summary>
    public const string FeaturesLocal = "int Features = F.Count;";

    /// <summary>
    /// Whether a row ends in a partial vector at width <c>W</c>. The marker test comes first because the JIT folds it
    /// while importing, so a shape whose rows are whole vectors never imports the tail (see <c>IWholeVectors</c>).
    /// </summary>
    public const string HasTail = "!typeof(F).IsAssignableTo(typeof(IWholeVectors)) && Features % W.Count != 0";

    /// <summary>The type arguments of a row method called from a generated core, at width <c>W</c> and element type <paramref name="t"/>.</summary>
    public static string Generic(string t) => $"<W, TV, {t}, Row>";
}
