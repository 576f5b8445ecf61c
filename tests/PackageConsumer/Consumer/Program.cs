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

// The oracle: the reference in double on the same (widened) inputs.
double[] prototypes64 = Array.ConvertAll(prototypes, v => (double)v);
double[] gradient64 = new double[prototypes.Length];
double oracle = Regularizers.PrototypeDiversityLoss(prototypes64, labels, gradient64, 0.8, Reg.NClasses, Reg.MaxPerClass);

// semantics.md's float tolerances bound one float implementation against the double oracle; two float
// implementations, each within them, can differ by twice that.
bool lossOk = Math.Abs(generated - oracle) <= 1e-5 * Math.Abs(oracle) + 1e-5
    && Math.Abs(generated - reference) <= 2 * (1e-5 * Math.Abs(reference) + 1e-5);
double gradientScale = gradient64.Max(Math.Abs), gradientError = 0;
for (int i = 0; i < gradient.Length; i++)
{
    gradientError = Math.Max(gradientError, Math.Abs(gradient[i] - gradient64[i]));
}

bool gradientOk = gradientScale > 0 && gradientError <= 1e-4 * gradientScale + 1e-6;
bool ok = lossOk && gradientOk;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss generated={generated:R} reference={reference:R} {(lossOk ? "ok" : "MISMATCH")}"));
Console.WriteLine($"nonzero after prox: {Reg.ElasticNetProximal(prototypes.AsSpan(0, 64), 0.2f, 0.1f)}/64");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient max|generated - double reference|={gradientError:E2} of max {gradientScale:E2} {(gradientOk ? "ok" : "MISMATCH")}"));
Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, Vector256 accelerated: {Vector256.IsHardwareAccelerated}");
return ok ? 0 : 1;

namespace Consumer
{
    /// <summary>The consumer's shape: 4 classes × 3 prototypes × 64 features.</summary>
    [Shapes(4, 3, 64)]
    internal sealed partial class Reg;
}
