// Some projects skip the zeroing of locals and stackalloc memory for speed; generated code runs under its project's
// flags, so the consumer declares it too and every suite runs the generated kernels over a stack they must not trust.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
