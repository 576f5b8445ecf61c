using MathNet.Numerics.LinearAlgebra;

namespace KernelGen.Benchmarks.Baselines;

/// <summary>
/// What a user gets by porting prosemble's <c>prototype_diversity_loss_vectorized</c> line by line (float32 like
/// prosemble): the P×P×F difference tensor, the full P×P kernel, a per-class gather padded with identity to
/// maxPerClass × maxPerClass, and log|det| through MathNet.Numerics' LU. Fresh arrays every call, as in prosemble.
/// </summary>
internal static class ProsemblePort
{
    public static float Loss(float[] prototypes, int[] labels, float sigma, int nClasses, int maxPerClass)
    {
        int p = labels.Length, f = prototypes.Length / p;

        // diff = prototypes[:, None, :] - prototypes[None, :, :]
        var diff = new float[(long)p * p * f];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < f; k++)
                    diff[((long)i * p + j) * f + k] = prototypes[i * f + k] - prototypes[j * f + k];

        // K = exp(-sum(diff ** 2, -1) / (2 sigma ** 2))
        var kernel = new float[p * p];
        for (int i = 0; i < p * p; i++)
        {
            float s = 0;
            for (int k = 0; k < f; k++) s += diff[(long)i * f + k] * diff[(long)i * f + k];
            kernel[i] = MathF.Exp(-s / (2 * sigma * sigma));
        }

        float loss = 0;
        for (int c = 0; c < nClasses; c++)
        {
            // idx = where(labels == c, size=maxPerClass); mask the padding to the identity.
            int[] idx = Enumerable.Range(0, p).Where(i => labels[i] == c).Take(maxPerClass).ToArray();
            if (idx.Length < 2) continue;
            Matrix<float> block = Matrix<float>.Build.DenseIdentity(maxPerClass);
            for (int a = 0; a < idx.Length; a++)
                for (int b = 0; b < idx.Length; b++)
                    block[a, b] = kernel[idx[a] * p + idx[b]] + (a == b ? 1e-6f : 0f);

            loss -= MathF.Log(MathF.Abs(block.LU().Determinant));
        }

        return loss;
    }
}
