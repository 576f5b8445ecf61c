using KernelGen;

namespace KernelGen.Benchmarks;

// The benchmarked shapes (float unless the name ends in d).
[Shapes(4, 3, 64)] internal static partial class Reg4x3x64f;
[Shapes(10, 3, 64)] internal static partial class Reg10x3x64f;
[Shapes(100, 8, 256)] internal static partial class Reg100x8x256f;
[Shapes(1000, 8, 512)] internal static partial class Reg1000x8x512f;
[Shapes(4, 3, 64, ElementType = typeof(double))] internal static partial class Reg4x3x64d;

// The scaling run: maxPerClass 8, features 64, P = 12 … 100 000 prototypes (full classes but the first).
[Shapes(2, 8, 64)] internal static partial class Scale12;
[Shapes(13, 8, 64)] internal static partial class Scale100;
[Shapes(125, 8, 64)] internal static partial class Scale1000;
[Shapes(1250, 8, 64)] internal static partial class Scale10000;
[Shapes(12500, 8, 64)] internal static partial class Scale100000;

// Many small classes: the shape the group cap (KernelPlanner.MaxGroupBlocks) limits.
[Shapes(1000, 3, 64)] internal static partial class Reg1000x3x64f;

// Large shapes on one core and on every core.
[Shapes(1000, 8, 64)] internal static partial class Reg1000x8x64f;
[Shapes(1000, 8, 64, Parallel = true)] internal static partial class Par1000x8x64f;
[Shapes(100, 8, 256, Parallel = true)] internal static partial class Par100x8x256f;
