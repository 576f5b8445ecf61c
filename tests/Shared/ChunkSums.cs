namespace KernelGen.Testing;

/// <summary>The parallel kernels' order of addition, written out: the oracle their chunk sums are checked against.</summary>
internal static class ChunkSums
{
    /// <summary>Σ over chunks of <paramref name="chunkClasses"/> terms, in chunk order, of each chunk's running sum.</summary>
    public static double InChunkOrder(double[] terms, int chunkClasses)
    {
        double total = 0;
        for (int first = 0; first < terms.Length; first += chunkClasses)
        {
            double chunk = 0;
            for (int c = first; c < Math.Min(first + chunkClasses, terms.Length); c++) chunk += terms[c];
            total += chunk;
        }

        return total;
    }
}
