using System.Globalization;
using System.Runtime.Intrinsics;
using Consumer;
using KernelGen;

// Deterministic prototypes in an interleaved label order, so the general label path runs.
var random = new Random(1234);
float[] prototypes = new float[12 * 64];
for (int i = 0; i < prototypes.Length; i++)
{
    prototypes[i] = (float)(0.1 * (random.NextDouble() - 0.5));
}

int[] labels = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];
float[] gradient = new float[prototypes.Length];
float generated = Reg.PrototypeDiversityLoss(prototypes, labels, gradient, 0.8f);
float reference = Regularizers.PrototypeDiversityLoss(prototypes, labels, 0.8f, Reg.NClasses, Reg.MaxPerClass);

// The float tolerance of semantics.md.
bool ok = Math.Abs(generated - reference) <= 1e-5 * Math.Abs(reference) + 1e-5;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss generated={generated:R} reference={reference:R} {(ok ? "ok" : "MISMATCH")}"));
Console.WriteLine($"nonzero after prox: {Reg.ElasticNetProximal(prototypes.AsSpan(0, 64), 0.2f, 0.1f)}/64");
Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256 accelerated: {Vector256.IsHardwareAccelerated}");
return ok ? 0 : 1;

namespace Consumer
{
    /// <summary>The consumer's shape: 4 classes × 3 prototypes × 64 features.</summary>
    [Shapes(4, 3, 64)]
    internal sealed partial class Reg;
}
