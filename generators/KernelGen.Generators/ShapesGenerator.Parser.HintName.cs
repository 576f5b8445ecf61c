using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelGen.Generators;

public sealed partial class ShapesGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The longest readable part of a hint name. With the hash and suffix a file name is at most 112 characters, well
        /// under file systems' 255, and leaves room in Windows' 260-character paths for the project's folder and
        /// <c>obj\Debug\net10.0\generated\KernelGen.Generators\KernelGen.Generators.ShapesGenerator\</c>.
        /// </summary>
        private const int MaxReadableHintLength = 80;

        /// <summary>
        /// The fully qualified metadata name made file-name safe, then a hash of the name itself:
        /// <c>Ns.Outer+Reg`1</c> → <c>Ns.Outer+Reg`1.DB3C1C00B7042FDD.KernelGen.g.cs</c>. The compiler compares hint names
        /// ignoring case and the safe form maps every other character to '_', so <c>Reg</c> and <c>REG</c>, or two
        /// names in another script, would otherwise share a file name, which the compiler refuses. A longer safe form
        /// keeps its last whole segments (namespaces, containing types, the type) within <see cref="MaxReadableHintLength"/>
        /// characters: <c>Product.Training.Models.DigitsRegularizer.…</c>, not <c>ompany.Product.…</c>.
        /// </summary>
        private static string HintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                parts.Insert(0, t.MetadataName);
            }

            string name = string.Join("+", parts);
            if (!type.ContainingNamespace.IsGlobalNamespace)
            {
                name = type.ContainingNamespace.ToDisplayString() + "." + name;
            }

            // Keyword-escaped or unicode identifiers may hold characters a hint name cannot; map them to '_'.
            char[] chars = name.Select(c => char.IsLetterOrDigit(c) && c < 128 || c is '.' or '+' or '`' or '_' ? c : '_').ToArray();

            // The hint name becomes a file name under EmitCompilerGeneratedFiles, and file systems refuse names past
            // 255 bytes (CS0016). The readable part keeps its end, the type's own name, from a segment's start where one
            // fits; the hash keeps names unique.
            int start = 0;
            if (chars.Length > MaxReadableHintLength)
            {
                start = chars.Length - MaxReadableHintLength;
                int separator = Array.FindIndex(chars, start - 1, c => c is '.' or '+');
                if (separator >= 0 && separator < chars.Length - 1)
                {
                    start = separator + 1;
                }
            }

            return new string(chars, start, chars.Length - start) + "." + NameHash(name).ToString("X16", CultureInfo.InvariantCulture) + ".KernelGen.g.cs";
        }

        /// <summary>
        /// 64-bit FNV-1a over the name's UTF-16 code units: the same on every run and machine, unlike
        /// <c>string.GetHashCode</c>. 64 bits, not 32: a search finds two case variants of one name whose 32-bit hashes
        /// collide within a second, and the compiler's refusal of the second file would fail the whole generator.
        /// </summary>
        private static ulong NameHash(string name)
        {
            ulong hash = 14695981039346656037;
            foreach (char c in name)
            {
                hash = (hash ^ c) * 1099511628211;
            }

            return hash;
        }
    }
}
