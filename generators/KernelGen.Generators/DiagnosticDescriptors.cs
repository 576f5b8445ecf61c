using Microsoft.CodeAnalysis;

namespace KernelGen.Generators;

/// <summary>
/// Every diagnostic KernelGen reports. Ids are stable; each description points to the README's diagnostics table,
/// which ships in the package. No help link until the project has a public home: a link must not point nowhere.
/// Release tracking lives in <c>AnalyzerReleases.Shipped.md</c> and <c>AnalyzerReleases.Unshipped.md</c>.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "KernelGen";

    public static readonly DiagnosticDescriptor NotPartial = Create(
        "KG0001", "Type must be partial",
        "'{0}' must be declared partial so [Shapes] can generate kernels into {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ShapeBelowOne = Create(
        "KG0002", "Shape must be at least 1",
        "{0} must be at least 1, but is {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ShapeTooLarge = Create(
        "KG0003", "Shape exceeds the supported limits",
        "The shape {0} × {1} × {2} exceeds the limit {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedElementType = Create(
        "KG0004", "Unsupported element type",
        "ElementType must be typeof(float) or typeof(double), not '{0}'",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEpsilon = Create(
        "KG0005", "Epsilon out of range",
        "Epsilon must be positive and at most {1}, but is {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MemberNameConflict = Create(
        "KG0006", "Member name conflicts with a generated member",
        "[Shapes] on '{2}' generates '{1}', which '{0}' already declares; rename it, or put [Shapes] on a class of its own",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LoopPath = Create(
        "KG0007", "Class size too large to unroll",
        "maxPerClass = {0} exceeds {1}: '{2}' factorises each class with loops over scratch instead of straight-line code",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "KG0008", "KernelGen could not generate kernels",
        "KernelGen could not generate kernels for '{0}': {1}; please report this",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "KG0009", "C# 11 or later required",
        "[Shapes] generates code that needs C# 11 or later, and this project compiles C# {0}: raise <LangVersion> to 11 or later, or remove it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FileLocal = Create(
        "KG0010", "Type must not be file-local",
        "'{0}' is declared file, so the generated partial in another file cannot extend {1}: remove the file modifier",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NamedLikeMember = Create(
        "KG0011", "Type or type parameter named like a generated member",
        "'{0}' is the name of a member [Shapes] generates into '{1}', and a member cannot share the name of its type or of a type parameter: rename it",
        DiagnosticSeverity.Error);

    /// <summary>
    /// A simple name in the class or its attributes that binds outside the class (an outer type's member, a
    /// <c>using static</c> import, an alias) and is spelled like a generated member: once the member exists, the name
    /// binds to it instead, silently or with an error in the user's code.
    /// </summary>
    public static readonly DiagnosticDescriptor NameCaptured = Create(
        "KG0012", "Name captured by a generated member",
        "'{0}' here is '{1}', but once [Shapes] generates '{0}' into '{2}' it will mean the generated member: qualify it",
        DiagnosticSeverity.Error);

    /// <summary>
    /// The class lists <c>IPrototypeRegularizer&lt;U&gt;</c> for another element type than the one <c>[Shapes]</c>
    /// implements: nothing implements U's members (CS0535 for each of them), or, U being a type parameter, the two
    /// interfaces may unify (CS0695). Either way the compiler's errors do not say that <c>ElementType</c> is the cause.
    /// </summary>
    public static readonly DiagnosticDescriptor OtherElementInterface = Create(
        "KG0013", "Interface for another element type",
        "'{0}' lists '{1}', but [Shapes] implements IPrototypeRegularizer<{2}> (its ElementType): remove '{1}' from the base list, since [Shapes] adds its own, or change ElementType",
        DiagnosticSeverity.Error);

    /// <summary>
    /// A declaration in the user's source that changes what a short name in the generated kernels means: a type or
    /// namespace in <c>KernelGen.Generated</c> or <c>KernelGen</c>, or a type in a namespace the kernels import, that takes
    /// over a name the kernels look up; or a type named like a namespace or type the generated code names in full
    /// (<c>ShapesGenerator.ReservedNames</c>). The generated file would not compile.
    /// </summary>
    public static readonly DiagnosticDescriptor ReservedName = Create(
        "KG0014", "Declaration in a namespace the generated kernels use",
        "'{0}' is declared in namespace {1}, where it would take over a name the code [Shapes] generates uses: move it to a namespace of your own",
        DiagnosticSeverity.Error);

    /// <summary>
    /// <c>Parallel = true</c> on a shape of fewer than <c>ShapeLimits.ParallelMinChunks</c> chunks of work, whose kernels
    /// the planner keeps serial: a chunk costs less than waking a pool thread. An info, like KG0007: the kernels are
    /// right, only the setting has no effect, and a user who set it expected otherwise.
    /// </summary>
    public static readonly DiagnosticDescriptor ParallelTooSmallToSplit = Create(
        "KG0015", "Shape too small to split over cores",
        "'{0}' sets Parallel, but its shape {1} × {2} × {3} is under {4} chunks of work, too small to split over cores: its kernels run on the calling thread",
        DiagnosticSeverity.Info);

    /// <summary>
    /// A library the generated code names from <c>global::</c> (KernelGen, System.Numerics.Tensors) that the project
    /// references only under an extern alias: none of those names would bind, and the generated file would fail with
    /// dozens of errors in code the user did not write. Nothing is generated.
    /// </summary>
    public static readonly DiagnosticDescriptor ExternAliasOnly = Create(
        "KG0016", "Library referenced only under an extern alias",
        "The project references {0} only under the extern alias '{1}', but the code [Shapes] generates names it from global::: add 'global' to the reference's aliases (Aliases=\"global,{1}\")",
        DiagnosticSeverity.Error);

    /// <summary>
    /// Attribute arguments that read another <c>[Shapes]</c> class's constants through a chain of more such classes than
    /// the parser works out (each class along it costs a copy of the compilation). The compiler binds the arguments once
    /// the classes read have their kernels and reports nothing, so without this the class would silently get none.
    /// </summary>
    public static readonly DiagnosticDescriptor ConstantChainTooLong = Create(
        "KG0017", "Constants read through too many classes",
        "The arguments of '{0}' read constants through more than {1} [Shapes] classes, too many to work out: write the value, or read a class nearer the start of the chain",
        DiagnosticSeverity.Error);

    /// <summary>
    /// The attribute's arguments read the constants <c>[Shapes]</c> generates into the class itself (<c>A.Features</c>
    /// in A's own attribute, directly or through another constant), or other classes' constants round a cycle back to it.
    /// Those exist only once generated from these very arguments.
    /// </summary>
    public static readonly DiagnosticDescriptor ReadsOwnConstants = Create(
        "KG0018", "Arguments read the class's own constants",
        "The arguments of '{0}' read the constants [Shapes] generates into '{0}', directly or round a cycle of [Shapes] classes, which exist only once generated from these arguments: write the value",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true,
            description: $"See {id} in the Diagnostics table of the KernelGen README (README.md in the package).");
}
