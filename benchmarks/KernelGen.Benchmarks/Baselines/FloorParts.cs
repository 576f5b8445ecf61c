namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// Which parts of <see cref="OneClassFloor"/> run, all unless a type says otherwise: value types, so each combination
/// is compiled on its own and the parts it leaves out are not in its code.
/// </summary>
internal interface IFloorParts
{
    /// <summary>The LDLᵀ's two reciprocals (else the pivots themselves stand in for them).</summary>
    static virtual bool Divisions => true;

    /// <summary>The term's log (else the determinant is returned).</summary>
    static virtual bool Log => true;

    /// <summary>The gradient rows (else the coefficients are summed into the result).</summary>
    static virtual bool Rows => true;
}

/// <summary>The floor whole, and the floor less one part: paired against the whole in <c>-- paired</c>.</summary>
internal static class FloorParts
{
    public readonly struct All : IFloorParts;

    public readonly struct NoDivisions : IFloorParts
    {
        public static bool Divisions => false;
    }

    public readonly struct NoLog : IFloorParts
    {
        public static bool Log => false;
    }

    public readonly struct NoRows : IFloorParts
    {
        public static bool Rows => false;
    }
}
