using KernelGen;

Console.WriteLine(typeof(Misuse.NotPartial).Name);

namespace Misuse
{
    /// <summary>Not partial (KG0001).</summary>
    [Shapes(4, 3, 64)]
    internal static class NotPartial;

    /// <summary>A class count below one (KG0002).</summary>
    [Shapes(0, 3, 64)]
    internal static partial class NoClasses;
}
