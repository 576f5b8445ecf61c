namespace KernelGen.Generators.Tests;

/// <summary>
/// A checked-in file that the generator's output must equal (a snapshot, the runtime file): either
/// rewritten under its update switch or compared, a difference failing at its first line.
/// </summary>
internal static class RenderedFile
{
    /// <summary>Writes <paramref name="rendered"/> to <paramref name="path"/> when <paramref name="updateVariable"/> is 1; otherwise asserts the file holds it.</summary>
    public static void Match(string path, string rendered, string what, string updateVariable, string updateCommand)
    {
        if (Environment.GetEnvironmentVariable(updateVariable) == "1")
        {
            File.WriteAllText(path, rendered);
            return;
        }

        Assert.True(File.Exists(path), $"No file {path}; run `{updateCommand}` to create it.");
        string expected = File.ReadAllText(path);
        if (expected != rendered)
        {
            string[] e = expected.Split('\n'), a = rendered.Split('\n');
            int common = Math.Min(e.Length, a.Length);
            int line = Enumerable.Range(0, common).FirstOrDefault(i => e[i] != a[i], common);
            Assert.Fail(
                $"{what} differs from {path} at line {line + 1}:\n" +
                $"  in the file: {(line < e.Length ? e[line] : "<end>")}\n" +
                $"  rendered:    {(line < a.Length ? a[line] : "<end>")}\n" +
                $"If the change is intended, run `{updateCommand}` and review the diff.");
        }
    }
}
