namespace KernelGen.Testing;

/// <summary>
/// The trait <c>.ci/run</c> selects to run a class again under each ISA switch (no AVX-512, no AVX, no SIMD at all):
/// <c>[Trait(Reruns.Name, Reruns.Isa)]</c> on every class whose results depend on the vector width or instruction
/// set. A class joins the reruns by carrying the trait; its name does not matter.
/// </summary>
public static class Reruns
{
    /// <summary>The trait's name, as <c>dotnet test --filter</c> spells it.</summary>
    public const string Name = "Reruns";

    /// <summary>Rerun with <c>DOTNET_EnableAVX512F=0</c>, <c>DOTNET_EnableAVX=0</c> and <c>DOTNET_EnableHWIntrinsic=0</c>.</summary>
    public const string Isa = "Isa";
}
