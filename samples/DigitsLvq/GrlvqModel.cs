namespace DigitsLvq;

/// <summary>A generalized relevance LVQ model: prototypes with labels and one relevance vector r, λ_j = r_j² / Σ r².</summary>
public sealed class GrlvqModel
{
    public const int PerClass = 3;
    public const int Features = DigitsData.Features;

    public GrlvqModel(float[] prototypes, int[] labels, float[] relevances)
    {
        Prototypes = prototypes;
        Labels = labels;
        Relevances = relevances;
    }

    /// <summary>Row-major, class-major: prototype k belongs to class k / <see cref="PerClass"/>.</summary>
    public float[] Prototypes { get; }

    public int[] Labels { get; }

    /// <summary>r; exact zeros remove pixels from the metric.</summary>
    public float[] Relevances { get; }

    public int PrototypeCount => Labels.Length;

    /// <summary>λ = r² / Σ r² (all zeros if r is zero).</summary>
    public float[] Lambda()
    {
        float s = Relevances.Sum(v => v * v);
        return Relevances.Select(v => s > 0 ? v * v / s : 0f).ToArray();
    }

    /// <summary>d(x, w_k) = Σ_j λ_j (x_j − w_kj)².</summary>
    public static float Distance(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> lambda)
    {
        float d = 0;
        for (int j = 0; j < x.Length; j++)
        {
            float t = x[j] - w[j];
            d += lambda[j] * t * t;
        }

        return d;
    }

    /// <summary>The label of the closest prototype.</summary>
    public int Predict(ReadOnlySpan<float> x, ReadOnlySpan<float> lambda)
    {
        int best = 0;
        float bestD = float.PositiveInfinity;
        for (int k = 0; k < PrototypeCount; k++)
        {
            float d = Distance(x, Prototypes.AsSpan(k * Features, Features), lambda);
            if (d < bestD)
            {
                bestD = d;
                best = k;
            }
        }

        return Labels[best];
    }

    public double Accuracy(DigitsData data)
    {
        float[] lambda = Lambda();
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (Predict(data.Sample(i), lambda) == data.Y[i]) correct++;
        }

        return (double)correct / data.Count;
    }

    public int NonZeroRelevances => Relevances.Count(v => v != 0);

    /// <summary>The smallest Euclidean distance between two prototypes of the same class.</summary>
    public double SmallestSameClassDistance()
    {
        double min = double.PositiveInfinity;
        for (int a = 0; a < PrototypeCount; a++)
        {
            for (int b = 0; b < a; b++)
            {
                if (Labels[a] != Labels[b]) continue;
                double s = 0;
                for (int j = 0; j < Features; j++)
                {
                    double t = Prototypes[a * Features + j] - Prototypes[b * Features + j];
                    s += t * t;
                }

                min = Math.Min(min, Math.Sqrt(s));
            }
        }

        return min;
    }
}
