using System;
using System.Collections.Generic;
using System.Linq;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>
/// One hardware vector width the emitted code may run at. Each kernel is emitted once per width that fits the
/// feature count, behind <c>VectorN.IsHardwareAccelerated</c> checks the JIT folds to constants, so only one
/// survives in machine code; a scalar version covers hardware with none.
/// </summary>
internal sealed class VectorWidth
{
    private static readonly VectorWidth[] s_all = [new("Vector512", 64), new("Vector256", 32), new("Vector128", 16)];

    private VectorWidth(string type, int bytes)
    {
        Type = type;
        Bytes = bytes;
    }

    /// <summary>"Vector512", "Vector256" or "Vector128".</summary>
    public string Type { get; }

    public int Bytes { get; }

    public int Lanes(ShapeSpec spec) => Bytes / (spec.IsDouble ? 8 : 4);

    /// <summary>"Vector512&lt;float&gt;".</summary>
    public string Of(ShapeSpec spec) => Type + "<" + spec.ElementType + ">";

    /// <summary>The widths whose vector fits in one prototype row, widest first.</summary>
    public static IReadOnlyList<VectorWidth> Usable(ShapeSpec spec) => s_all.Where(w => w.Lanes(spec) <= spec.Features).ToArray();

    /// <summary>
    /// Writes <c>if (Vector512.IsHardwareAccelerated) { … } else if … else { scalar }</c>. The branches are
    /// JIT-time constants, so this costs nothing at run time.
    /// </summary>
    public static void Dispatch(SourceWriter w, ShapeSpec spec, Action<VectorWidth> vector, Action scalar)
    {
        IReadOnlyList<VectorWidth> widths = Usable(spec);
        for (int i = 0; i < widths.Count; i++)
        {
            using (w.OpenBlock((i == 0 ? "if" : "else if") + " (" + widths[i].Type + ".IsHardwareAccelerated)"))
            {
                vector(widths[i]);
            }
        }

        if (widths.Count == 0)
        {
            scalar();
            return;
        }

        using (w.OpenBlock("else"))
        {
            scalar();
        }
    }

    /// <summary>
    /// Walks one prototype row in vectors: fully unrolled up to four vectors (Vector512/256), else a loop with a
    /// constant trip count; a remainder is one more vector ending exactly at the row's end, overlapping the previous one.
    /// <paramref name="body"/> gets the offset expression and whether the chunk overlaps (so sums must mask).
    /// </summary>
    public void ForEachChunk(SourceWriter w, ShapeSpec spec, Action<string, bool> body)
    {
        int lanes = Lanes(spec);
        int full = spec.Features / lanes;
        int rem = spec.Features % lanes;
        // Vector128 is the fallback on x64 (only ARM64 runs it as its main path), so it is unrolled only when a row
        // is a single vector: full unrolling there would double the generated code, and with it every build's time.
        if (full <= 4 && (Bytes > 16 || full <= 1))
        {
            for (int c = 0; c < full; c++)
            {
                w.Line($"// features [{c * lanes}, {(c + 1) * lanes})");
                using (w.OpenBlock(""))
                {
                    body(Literals.Int(c * lanes), false);
                }
            }
        }
        else
        {
            w.Line($"// features [0, {full * lanes}): {full} vectors of {lanes}, a constant trip count");
            using (w.OpenBlock($"for (nuint o = 0; o < {full * lanes}; o += {lanes})"))
            {
                body("o", false);
            }
        }

        if (rem != 0)
        {
            w.Line($"// features [{spec.Features - lanes}, {spec.Features}): the last {rem} features in one vector that overlaps the previous one by {lanes - rem} lanes");
            using (w.OpenBlock(""))
            {
                body(Literals.Int(spec.Features - lanes), true);
            }
        }
    }

    /// <summary>The declaration of the mask that keeps only a remainder chunk's new lanes, or nothing when there is no remainder.</summary>
    public void DeclareTailMask(SourceWriter w, ShapeSpec spec)
    {
        int lanes = Lanes(spec);
        int rem = spec.Features % lanes;
        if (rem == 0)
        {
            return;
        }

        string integer = spec.IsDouble ? "long" : "int";
        string asT = spec.IsDouble ? "AsDouble" : "AsSingle";
        w.Line($"// Lanes [{lanes - rem}, {lanes}) of the overlapping last vector are new; the rest were summed already.");
        w.Line($"{Of(spec)} tail = {Type}.{asT}({Type}.GreaterThanOrEqual({Type}<{integer}>.Indices, {Type}.Create(({integer}){lanes - rem})));");
    }
}
