using System.Runtime.CompilerServices;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Generated code runs under its project's module flags, and a project may declare <c>[module: SkipLocalsInit]</c>
/// (the consumer project does): then <c>stackalloc</c> memory holds whatever the stack held. Every kernel must give
/// the same bits, and accept the same labels, whatever that is. Each call here runs right after a call that fills the
/// stack below it with one pattern (zero, all ones, a NaN, 1.0f, an arbitrary word), with labels in no class order and
/// classes from a full one to a lone member, so that the label pass, the block scratch and the loop path's matrices all
/// run.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class DirtyStackTests
{
    private static readonly int[] s_patterns = [0, -1, 0x7FC00001, 0x3F800000, 0x12345678];

    private static int s_sink;

    [Theory]
    [MemberData(nameof(ClassKernelEngines.FloatShapes), MemberType = typeof(ClassKernelEngines))]
    public void Float_kernels_do_not_read_the_stack_they_did_not_write(string shape) =>
        Check(ClassKernelEngines.Float(shape), 1.5f, v => v.ToFloat());

    [Theory]
    [MemberData(nameof(ClassKernelEngines.DoubleShapes), MemberType = typeof(ClassKernelEngines))]
    public void Double_kernels_do_not_read_the_stack_they_did_not_write(string shape) =>
        Check(ClassKernelEngines.Double(shape), 1.5d, v => v);

    private static void Check<T>(PrototypeRegularizer<T> r, T sigma, Func<double[], T[]> convert)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int m = r.MaxPerClass, f = r.Features;

        // Sizes from both ends, m, 1, m − 1, 2, …: a full class and, with two classes or more, a lone member, then every
        // size between as far as the classes go; the rows are shuffled.
        int[] sizes = new int[r.NClasses];
        int count = 0;
        for (int c = 0; c < sizes.Length && count < r.MaxPrototypes; c++)
        {
            int step = c / 2 % m;
            sizes[c] = Math.Min(c % 2 == 0 ? m - step : 1 + step, r.MaxPrototypes - count);
            count += sizes[c];
        }

        int[] labels = TestData.ClassMajorLabels(sizes);
        new Random(17).Shuffle(labels);
        T[] w = convert(TestData.Values(labels.Length * f, 23, 1.0));
        int largest = Array.IndexOf(sizes, sizes.Max());
        int[] rows = TestData.RowsOf(labels, largest);
        T[] classValues = [.. rows.SelectMany(row => w.AsSpan(row * f, f).ToArray())];

        long[]? first = null;
        foreach (int pattern in s_patterns)
        {
            T[] gradient = new T[w.Length], rowsGradient = new T[w.Length], classGradient = new T[classValues.Length];
            Dirty(pattern);
            T loss = r.PrototypeDiversityLoss(w, labels, sigma);
            Dirty(pattern);
            T lossWithGradient = r.PrototypeDiversityLoss(w, labels, gradient, sigma);
            Dirty(pattern);
            T term = r.ClassDiversityLoss(classValues, classGradient, sigma);
            Dirty(pattern);
            T termAt = r.ClassDiversityLossAt(w, rows, rowsGradient, sigma);

            long[] bits = [Bits(loss), Bits(lossWithGradient), Bits(term), Bits(termAt),
                           .. gradient.Select(Bits), .. classGradient.Select(Bits), .. rowsGradient.Select(Bits)];
            Assert.True(T.IsFinite(loss) && T.IsFinite(term), $"pattern {pattern:X8}: loss {loss}, term {term}");
            if (m > 1)
            {
                // The largest class has a pair: its rows are not zeros, so their bits say something.
                Assert.Contains(classGradient, v => v != T.Zero);
            }

            if (first is null)
            {
                first = bits;
            }
            else
            {
                Assert.True(first.SequenceEqual(bits), $"pattern {pattern:X8} changed a result's bits");
            }
        }
    }

    /// <summary>Fills 64 KiB of the stack below the caller's frame, where the next call's frames will lie.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Dirty(int pattern)
    {
        Span<int> junk = stackalloc int[16 * 1024];
        junk.Fill(pattern);
        s_sink += junk[pattern & 1023];
    }

    private static long Bits<T>(T value) => value switch
    {
        float x => BitConverter.SingleToInt32Bits(x),
        double x => BitConverter.DoubleToInt64Bits(x),
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}
