using System.Runtime.Intrinsics;

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

    /// <summary>Rerun with <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX=0</c> and <c>DOTNET_EnableHWIntrinsic=0</c>.</summary>
    public const string Isa = "Isa";

    /// <summary>
    /// The argument that makes the generator tests' assembly, started as a program, print <see cref="WidestVectorBits"/>.
    /// <c>.ci/run</c> checks it under each switch before the rerun: a switch the runtime does not know is ignored without
    /// a word (<c>DOTNET_EnableAVX512F=0</c> leaves AVX-512 on in .NET 10), and the rerun would repeat the default path.
    /// </summary>
    public const string WidestVectorArgument = "--widest-vector";

    /// <summary>The widest vector the JIT accelerates in this process, in bits: 512, 256, 128, or 0 without SIMD.</summary>
    public static int WidestVectorBits =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
}
