using System.Globalization;
using System.Text;

namespace KernelGen.Benchmarks;

/// <summary>Reads BenchmarkDotNet's CSV reports (quoted cells, values with units such as "1,234.5 ns").</summary>
internal static class BenchmarkCsv
{
    /// <summary>Each data row of <paramref name="file"/> as column name → cell.</summary>
    public static IEnumerable<Dictionary<string, string>> Rows(string file)
    {
        string[] lines = File.ReadAllLines(file);
        if (lines.Length == 0) yield break;
        List<string> header = SplitLine(lines[0]);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            List<string> cells = SplitLine(line);
            yield return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }
    }

    /// <summary>A time cell in nanoseconds, or null when it is not a time (e.g. "NA").</summary>
    public static double? Nanoseconds(string cell)
    {
        string[] parts = cell.Replace("\u00a0", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !double.TryParse(parts[0].Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return null;
        }

        return parts[1] switch
        {
            "ns" => value,
            "μs" or "us" => value * 1e3,
            "ms" => value * 1e6,
            "s" => value * 1e9,
            _ => null,
        };
    }

    /// <summary>A parameter cell as a number ("100,000" → 100000).</summary>
    public static double Number(string cell) => double.Parse(cell.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
