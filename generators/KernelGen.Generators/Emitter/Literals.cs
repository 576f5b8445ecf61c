using System.Globalization;

namespace KernelGen.Generators.Emitting;

/// <summary>Culture-proof C# literals: invariant culture, round-trip form, whatever the build machine's locale.</summary>
internal static class Literals
{
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "d";
    }
}
