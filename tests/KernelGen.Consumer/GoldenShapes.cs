using KernelGen;

namespace KernelGen.Consumer.Golden;

/// <summary>2 classes × 2 × 2 features, float.</summary>
[Shapes(2, 2, 2)]
public static partial class Shape2x2x2f;

/// <summary>4 × 3 × 64, float: the headline shape.</summary>
[Shapes(nClasses: 4, maxPerClass: 3, features: 64)]
public static partial class Shape4x3x64f;

/// <summary>3 × 4 × 8, float.</summary>
[Shapes(3, 4, 8)]
public static partial class Shape3x4x8f;

/// <summary>10 × 3 × 64, float.</summary>
[Shapes(10, 3, 64)]
public static partial class Shape10x3x64f;

/// <summary>5 × 1 × 16, float: no class can hold a pair.</summary>
[Shapes(5, 1, 16)]
public static partial class Shape5x1x16f;

/// <summary>3 × 5 × 17, float: a feature count with a remainder at every width.</summary>
[Shapes(3, 5, 17)]
public static partial class Shape3x5x17f;

/// <summary>1 × 8 × 33, float: the largest unrolled class.</summary>
[Shapes(1, 8, 33)]
public static partial class Shape1x8x33f;

/// <summary>4 × 3 × 64, double.</summary>
[Shapes(4, 3, 64, ElementType = typeof(double))]
public static partial class Shape4x3x64d;

/// <summary>2 × 6 × 5, double.</summary>
[Shapes(2, 6, 5, ElementType = typeof(double))]
public static partial class Shape2x6x5d;
