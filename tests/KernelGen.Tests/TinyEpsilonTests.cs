namespace KernelGen.Tests;

/// <summary>
/// An ε at or below 2⁻⁵³ regularises nothing in double, where 1 + ε is 1: members whose kernel entries exp(−d/2σ²) round
/// to exactly 1 (d/2σ² below about 2⁻⁵⁴), distinct as they are, give the block of coinciding members and its non-finite
/// term (semantics.md, Prototype diversity loss).
/// </summary>
public class TinyEpsilonTests
{
    private const double Epsilon = 1e-300;

    /// <summary>Members 1 to 3 apart in 3 features, at a σ where every d/2σ² is below 1e-18.</summary>
    [Theory]
    [InlineData(2, 1e9)]
    [InlineData(4, 1e10)]
    public void Members_whose_kernel_entries_round_to_one_are_coinciding_members(int members, double sigma)
    {
        double[] tetrahedron = [0, 0, 0, 1, 0, 0, 1, 2, 0, 1, 1, 2.5];
        double[] apart = tetrahedron[..(members * 3)];
        double[] together = new double[members * 3];
        int[] labels = new int[members];
        var regularizer = Regularizers.Create<double>(1, 4, 3, Epsilon);

        double loss = regularizer.PrototypeDiversityLoss(apart, labels, new double[apart.Length], sigma);
        double coinciding = regularizer.PrototypeDiversityLoss(together, labels, new double[together.Length], sigma);

        Assert.False(double.IsFinite(loss), $"{members} members at σ = {sigma:E0}: loss {loss:R}");
        Assert.Equal(coinciding, loss);
    }
}
