using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using KernelGen.Compiler;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// What <see cref="KernelCompiler.Compile{T}"/> returns where dynamic code is not supported or the compiler is switched
/// off (a trimmed app): run by the test assembly started as a program in a process whose runtimeconfig turns one of
/// them off (see <see cref="CompilerFallbackTests"/>).
/// </summary>
internal static class CompilerFallback
{
    public const string Argument = "--compiler-fallback";

    /// <summary>The switch <c>KernelGen.Compiler</c>'s build file turns off in a trimmed app.</summary>
    public const string CompilerSwitch = "KernelGen.Compiler.KernelCompiler.IsSupported";

    /// <summary>
    /// One line saying whether this process supports dynamic code and the compiler, then one line per requested engine: what it says it
    /// is, the shape and options it carries, whether a second request returns the same instance, and whether its loss and
    /// gradient (and class kernel) are the bits of <see cref="Regularizers.Create{T}"/> with the same arguments; last, how
    /// many of <see cref="RacedShapes"/> new shapes two threads asking at the same instant got two engines for.
    /// </summary>
    public static int Run(TextWriter output)
    {
        bool compilerSwitch = !AppContext.TryGetSwitch(CompilerSwitch, out bool enabled) || enabled;
        output.WriteLine($"dynamic code supported: {RuntimeFeature.IsDynamicCodeSupported}, compiler switch: {compilerSwitch}");
        Describe<float>(output, 4, 3, 64, ShapeLimits.DefaultEpsilon, parallel: false);
        Describe<double>(output, 40, 12, 16, 1e-3, parallel: true);
        output.WriteLine($"raced shapes given two engines: {TwoEnginesForOneShape()} of {RacedShapes}");
        return 0;
    }

    /// <summary>Shapes the cache is raced for: without a compile a shape costs little, so many rounds fit, and some collide.</summary>
    public const int RacedShapes = 500;

    /// <summary>
    /// Two threads meet before each new shape (spinning, so that both leave together) and ask for it at once, so that
    /// both may miss the cache: the count of shapes they got different instances for, which a cache that let each
    /// caller keep an entry of its own would give, rather than the one it holds.
    /// </summary>
    private static int TwoEnginesForOneShape()
    {
        var got = new PrototypeRegularizer<float>[2][];
        int arrived = 0;
        Thread[] threads = [.. Enumerable.Range(0, 2).Select(me => new Thread(() =>
        {
            got[me] = new PrototypeRegularizer<float>[RacedShapes];
            for (int shape = 0; shape < RacedShapes; shape++)
            {
                Interlocked.Increment(ref arrived);
                while (Volatile.Read(ref arrived) < 2 * (shape + 1))
                {
                }

                got[me][shape] = KernelCompiler.Compile<float>(shape + 1, 2, 5, 2e-6);
            }
        }))];
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) thread.Join();
        return Enumerable.Range(0, RacedShapes).Count(shape => !ReferenceEquals(got[0][shape], got[1][shape]));
    }

    private static void Describe<T>(TextWriter output, int nClasses, int maxPerClass, int features, double epsilon, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PrototypeRegularizer<T> engine = KernelCompiler.Compile<T>(nClasses, maxPerClass, features, epsilon, parallel);
        PrototypeRegularizer<T> reference = Regularizers.Create<T>(nClasses, maxPerClass, features, epsilon, parallel);

        int[] labels = TestData.ClassMajorLabels(nClasses, maxPerClass);
        T[] w = [.. TestData.Values(labels.Length * features, 41, 0.3).Select(T.CreateTruncating)];
        T sigma = T.CreateTruncating(0.8);
        T[] g = new T[w.Length], expected = new T[w.Length];
        bool same = engine.PrototypeDiversityLoss(w, labels, g, sigma) == reference.PrototypeDiversityLoss(w, labels, expected, sigma)
            && g.AsSpan().SequenceEqual(expected);
        int classLength = maxPerClass * features;
        same &= engine.ClassDiversityLoss(w.AsSpan(0, classLength), g.AsSpan(0, classLength), sigma)
            == reference.ClassDiversityLoss(w.AsSpan(0, classLength), expected.AsSpan(0, classLength), sigma)
            && g.AsSpan(0, classLength).SequenceEqual(expected.AsSpan(0, classLength));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{typeof(T).Name} {engine.NClasses}x{engine.MaxPerClass}x{engine.Features} epsilon {engine.Epsilon:R} parallel {engine.Parallel}: " +
            $"{engine.Engine}, compiled {engine.IsCompiled}, cached {ReferenceEquals(engine, KernelCompiler.Compile<T>(nClasses, maxPerClass, features, epsilon, parallel))}, " +
            $"reference's bits {same}"));
    }
}
