namespace KernelGen.Benchmarks;

/// <summary>One benchmark input: class-major prototypes of full classes (the last may be partial), fixed seed.</summary>
internal sealed class Problem
{
    public Problem(int nClasses, int maxPerClass, int features, int prototypes = -1)
    {
        NClasses = nClasses;
        MaxPerClass = maxPerClass;
        Features = features;
        int p = prototypes < 0 ? nClasses * maxPerClass : prototypes;
        Labels = Enumerable.Range(0, p).Select(i => i / maxPerClass).ToArray();
        var random = new Random(42);
        Prototypes = Enumerable.Range(0, p * features).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        PrototypesDouble = Array.ConvertAll(Prototypes, v => (double)v);
        Gradient = new float[Prototypes.Length];
        GradientDouble = new double[Prototypes.Length];
    }

    public int NClasses { get; }
    public int MaxPerClass { get; }
    public int Features { get; }
    public int[] Labels { get; }
    public float[] Prototypes { get; }
    public double[] PrototypesDouble { get; }
    public float[] Gradient { get; }
    public double[] GradientDouble { get; }
    public int Count => Labels.Length;
}
