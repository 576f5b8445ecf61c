using KernelGen;

namespace DigitsLvq;

/// <summary>The regularizer kernels of the digits model: 10 classes × 3 prototypes × 64 pixels, generated at compile time.</summary>
[Shapes(nClasses: 10, maxPerClass: 3, features: 64)]
public static partial class DigitsShape;
