using System.Runtime.Intrinsics;
using KernelGen.Consumer.Golden;
using KernelGen.Internal;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// Classes of up to 4 members take the scalar path (<c>UnrolledRows.LoneClass{m}</c>) and fall back to the block's
/// code only where a distance is not finite. The bit tests of the class kernels pass either way (both write the full
/// call's bits), so these call the path itself: it must take the class, and write what the public call writes.
/// </summary>
[Trait(Reruns.Name, Reruns.Isa)]
public class LoneClassPathTests
{
    private readonly struct F2 : IFeatureCount { public static int Count => 2; }

    private readonly struct F8 : IWholeVectors { public static int Count => 8; }

    private readonly struct F64 : IWholeVectors { public static int Count => 64; }

    private delegate bool LonePath(float[] rows, float[] gradient, double sigma, out double term);

    /// <summary>The width the class kernels pick for a row of <paramref name="rowBytes"/>: the widest accelerated that fits.</summary>
    private static LonePath Path<F>(int m, int rowBytes)
        where F : IFeatureCount
    {
        if (Vector512.IsHardwareAccelerated && rowBytes >= 64) return For<F, Vector512Ops<float>, Vector512<float>>(m);
        if (Vector256.IsHardwareAccelerated && rowBytes >= 32) return For<F, Vector256Ops<float>, Vector256<float>>(m);
        if (Vector128.IsHardwareAccelerated && rowBytes >= 16) return For<F, Vector128Ops<float>, Vector128<float>>(m);
        return For<F, ScalarOps<float>, double>(m);
    }

    private static LonePath For<F, W, TV>(int m)
        where F : IFeatureCount
        where W : IVectorOps<TV, float>
        where TV : struct =>
        (float[] rows, float[] gradient, double sigma, out double term) =>
        {
            // The scales as the generated caller computes them.
            double scale = 1d / (2d * sigma * sigma), gradScale = 2d / (sigma * sigma);
            int n = rows.Length / F.Count;
            return m switch
            {
                2 => UnrolledRows.LoneClass2<W, TV, float, F>(ref rows[0], ref gradient[0], n, scale, gradScale, 1d + 1e-6, 1e-30, true, false, out term),
                3 => UnrolledRows.LoneClass3<W, TV, float, F>(ref rows[0], ref gradient[0], n, scale, gradScale, 1d + 1e-6, 1e-30, true, false, out term),
                _ => UnrolledRows.LoneClass4<W, TV, float, F>(ref rows[0], ref gradient[0], n, scale, gradScale, 1d + 1e-6, 1e-30, true, false, out term),
            };
        };

    public static TheoryData<int, int> Classes() => new() { { 2, 2 }, { 3, 2 }, { 3, 3 }, { 4, 2 }, { 4, 3 }, { 4, 4 } };

    [Theory]
    [MemberData(nameof(Classes))]
    public void A_finite_class_takes_the_scalar_path_and_writes_the_public_calls_bits(int m, int n)
    {
        (int features, LonePath path, Func<float[], float[], float> publicCall) = Shape(m);
        float[] rows = TestData.Values(n * features, seed: 10 * m + n, spread: 0.5).ToFloat();
        float[] viaPath = new float[rows.Length], viaPublic = new float[rows.Length];

        Assert.True(path(rows, viaPath, 1d, out double term));
        float expected = publicCall(rows, viaPublic);
        Assert.Equal(Bits(viaPublic), Bits(viaPath));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits((float)term));
        Assert.Contains(viaPath, v => v != 0);
    }

    [Theory]
    [InlineData(3, float.NaN, 0, 1)]
    [InlineData(4, float.NaN, 0, 1)]
    [InlineData(3, float.PositiveInfinity, 0, 1)]
    [InlineData(4, float.NegativeInfinity, 0, 1)]
    [InlineData(3, 3e19f, 0, 1)]     // finite, but 6e19 from its neighbour: the squared distance overflows a float sum
    [InlineData(4, 3e19f, 0, 1)]
    [InlineData(3, 1.5e19f, 1, 2)]   // 3e19 apart: only the last pair's distance overflows, its members' others do not
    [InlineData(4, 1.5e19f, 1, 3)]   // only pair 13, past the first four of the block's eight distances
    [InlineData(4, 1.5e19f, 2, 3)]   // only pair 23, the last
    public void A_distance_past_the_finite_leaves_the_class_to_the_block_path(int m, float coordinate, int a, int b)
    {
        (int features, LonePath path, Func<float[], float[], float> publicCall) = Shape(m);
        float[] rows = TestData.Values(m * features, seed: m, spread: 1).ToFloat();
        rows[a * features] = coordinate;
        rows[b * features] = float.IsFinite(coordinate) ? -coordinate : 0.5f;
        float[] viaPath = Enumerable.Repeat(-1f, rows.Length).ToArray();

        // Without hardware vectors the pair sums are in double (ScalarOps), where no float input overflows: the path
        // takes that class, as the block path's distances are then finite too.
        bool takes = float.IsFinite(coordinate) && !Vector128.IsHardwareAccelerated;
        Assert.Equal(takes, path(rows, viaPath, 1d, out _));
        if (!takes) Assert.All(viaPath, v => Assert.Equal(-1f, v));   // nothing written

        // The public call writes what the full call writes for that class: over a sentinel other than the full call's,
        // since with three members every pair is 1.5e19 or more apart and the rows of the finite cases are zeros.
        float[] viaPublic = Enumerable.Repeat(-3f, rows.Length).ToArray();
        publicCall(rows, viaPublic);
        Assert.Equal(Bits(FullCallRows(m, rows)), Bits(viaPublic));
    }

    /// <summary>
    /// Members 9 apart have kernel entries e^−40.5 ≈ 2.6e−18 and gradient coefficients about 2k² ≈ 1.4e−35, under the
    /// flush bound (1e−30): the full call writes zero rows for them, and so must the scalar path, where the rows would
    /// otherwise be about 1e−34, normal floats.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Coefficients_under_the_flush_bound_give_the_full_calls_zero_rows(int m)
    {
        (int features, LonePath path, Func<float[], float[], float> publicCall) = Shape(m);
        float[] rows = new float[m * features];
        for (int member = 1; member < m; member++)
        {
            rows[member * features + (member - 1)] = 9f;
        }

        float[] viaPath = Enumerable.Repeat(-1f, rows.Length).ToArray(), viaPublic = Enumerable.Repeat(-3f, rows.Length).ToArray();
        Assert.True(path(rows, viaPath, 1d, out _));
        publicCall(rows, viaPublic);

        Assert.All(viaPath, v => Assert.Equal(0f, v));
        Assert.Equal(Bits(FullCallRows(m, rows)), Bits(viaPath));
        Assert.Equal(Bits(viaPath), Bits(viaPublic));
    }

    /// <summary>The rows the shape's full call writes for <paramref name="rows"/> as class 0, the other classes random and full.</summary>
    private static float[] FullCallRows(int m, float[] rows)
    {
        int nClasses = m switch { 2 => Shape2x2x2f.NClasses, 3 => Shape4x3x64f.NClasses, _ => Shape3x4x8f.NClasses };
        float[] all = TestData.Values(nClasses * rows.Length, seed: 99, spread: 1).ToFloat();
        rows.CopyTo(all, 0);
        int[] labels = TestData.ClassMajorLabels(nClasses, m);
        float[] full = Enumerable.Repeat(-2f, all.Length).ToArray();
        _ = m switch
        {
            2 => Shape2x2x2f.PrototypeDiversityLoss(all, labels, full, 1f),
            3 => Shape4x3x64f.PrototypeDiversityLoss(all, labels, full, 1f),
            _ => Shape3x4x8f.PrototypeDiversityLoss(all, labels, full, 1f),
        };
        return full.AsSpan(0, rows.Length).ToArray();
    }

    private static (int Features, LonePath Path, Func<float[], float[], float> PublicCall) Shape(int m) => m switch
    {
        2 => (2, Path<F2>(2, 2 * sizeof(float)), (r, g) => Shape2x2x2f.ClassDiversityLoss(r, g, 1f)),
        3 => (64, Path<F64>(3, 64 * sizeof(float)), (r, g) => Shape4x3x64f.ClassDiversityLoss(r, g, 1f)),
        _ => (8, Path<F8>(4, 8 * sizeof(float)), (r, g) => Shape3x4x8f.ClassDiversityLoss(r, g, 1f)),
    };

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
}
