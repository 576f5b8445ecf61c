namespace DigitsLvq;

/// <summary>
/// Training has left the model with values that are not finite numbers (NaN, or ±∞ from an overflow): a learning rate
/// or α too large for the data. The trainers throw it at the first step that meets such a value, where they would
/// otherwise go on with a model that can only guess, or fail on the index of a winner that no distance chose.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Training diverged; <paramref name="what"/> says where it showed.</summary>
    public TrainingDivergedException(string what)
        : base("training diverged: " + what)
    {
    }
}
