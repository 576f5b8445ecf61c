using System.Collections.Generic;
using KernelGen.Generators.Helpers;
using KernelGen.Generators.Model;

namespace KernelGen.Generators.Emitting;

/// <summary>Writes the public members added to the user's class: constants, the kernels with their span and tensor overloads, and the interface glue.</summary>
/// <remarks>The shape's values and decisions come from the plan; the declaration (<c>spec</c>) says only whether the class can implement the interface.</remarks>
internal static class ApiWriter
{
    public static void Write(SourceWriter w, ShapeSpec spec, KernelPlan plan, string kernels, string regularizer)
    {
        string t = plan.ElementType;
        // Compiled fully optimised on first call, like the kernels behind them: a tier-0 wrapper would add its own
        // cost to every call until tiering promotes it, which waits for the process to go quiet.
        string generated = Literals.GeneratedCode + "\n"
            + "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";
        string ros = $"global::System.ReadOnlySpan<{t}>";
        string span = $"global::System.Span<{t}>";
        string shape = ShapesGenerator.Emitter.Describe(plan);
        string unrolling = plan.Path switch
        {
            FactorisationPath.None => "A class has at most one prototype, so its term is 0 and its gradient row zero: nothing is factorised.",
            FactorisationPath.Unrolled => $"Each class's {plan.MaxPerClass}×{plan.MaxPerClass} Gram block is factorised (LDLᵀ) and, for the gradient, inverted in straight-line code on locals; smaller classes are padded with identity rows.",
            _ => $"Classes of up to {plan.MaxPerClass} members, more than the {ShapeLimits.MaxUnrolledPerClass} unrolled in straight-line code, are factorised with loops over scratch memory {(plan.MatrixScratch == ScratchSource.Stack ? "on the stack" : "rented from the shared ArrayPool")}.",
        };
        string simd = "Feature loops have a constant trip count and run at the widest vector the hardware accelerates.";
        string cores = plan.SplitsIntoChunks
            ? $" Classes are split into chunks of {Literals.Int(plan.ChunkClasses)} over every core (<c>Parallel = true</c>); the results are the same on any number of cores."
            : plan.ParallelRequested ? $" The shape is under {Literals.Int(ShapeLimits.ParallelMinChunks)} chunks of work, too small to pay for waking other cores, so the kernels run on the calling thread although <c>Parallel = true</c> asks for every core." : "";
        // What a first call allocates, so that "nothing" is said only where it holds from the first call on.
        var firstCalls = new List<string>();
        if (plan.ClassMajorTable) firstCalls.Add("the first call builds the shape's label tables");
        if (plan.LabelScratch == ScratchSource.Rented || plan.MatrixScratch == ScratchSource.Rented) firstCalls.Add("the first calls rent scratch from the shared ArrayPool");
        if (plan.SplitsIntoChunks) firstCalls.Add("the first on each thread makes its parallel job");
        string allocates = firstCalls.Count == 0 ? "Allocates nothing." : $"Allocates nothing once warm ({string.Join("; ", firstCalls)}).";
        string remarks = plan.Path == FactorisationPath.None
            ? $"Specialised for {shape}. {unrolling} {allocates}"
            : $"""
                Specialised for {shape}. {unrolling} {simd}{cores}
                /// Kernel entries, factorisation and logs are computed in double. {allocates}
                /// The gradient is (2/σ²) Σ_j (B⁻¹)_kj K_kj (w_k − w_j), in the difference form that stays exact when prototypes coincide; the rows of the members of a class are written together.
                """;

        WriteConstants(w, plan.NClasses, plan.MaxPerClass, plan.Features, plan.Epsilon);
        w.Line();

        // Each method group is documented once, on the span overload with the most parameters (a doc comment must name
        // every parameter or none); the others inherit those docs, which IntelliSense shows in full.
        string lossCref = Cref("PrototypeDiversityLoss", ros, "global::System.ReadOnlySpan<int>", span, t);
        string sparseCref = Cref("SparseRelevanceProximal", ros, span, t, t);
        string elasticCref = Cref("ElasticNetProximal", ros, span, t, t, t);
        string relevances = $"k × {plan.Features} values for any k ≥ 1: one relevance per feature, per prototype and feature, or a GMLVQ Ω of k rows (as a tensor, lengths [{plan.Features}] or [k, {plan.Features}], dense row-major).";
        string destination = "Same length (as a tensor, the same lengths, dense); may be <paramref name=\"relevances\"/> itself, but not a partial overlap.";
        string inPlace = "or in place in the overloads without one";
        // ProximalKernel's bound: a float pass takes 1/(1 + l2Weight·lr) in double and rounds it once, a double pass rounds
        // the sum and its reciprocal apiece.
        string roundings = plan.IsDouble ? "four" : "three";
        w.Lines($"""
            /// <inheritdoc cref="{lossCref}"/>
            {generated}
            public static {t} PrototypeDiversityLoss({ros} prototypes, global::System.ReadOnlySpan<int> protoLabels, {t} sigmaDiv = 1) =>
                {kernels}.Loss(prototypes, protoLabels, sigmaDiv);

            /// <summary>The diversity loss −Σ_c log det(K_c + εI), K_c[i,j] = exp(−|w_i − w_j|² / (2σ²)) over the prototypes of class c; the overloads with a <paramref name="gradient"/> also write d loss / d prototypes into it.</summary>
            /// <param name="prototypes">P × {plan.Features} values, row-major, P = <c>protoLabels.Length</c> ≤ {plan.MaxPrototypes} (as a tensor, lengths [P, {plan.Features}], dense).</param>
            /// <param name="protoLabels">The class of each prototype, in [0, {plan.NClasses}), at most {plan.MaxPerClass} per class, any order.</param>
            /// <param name="gradient">Receives the gradient in the prototypes' layout (as a tensor, their lengths, dense), in memory of its own, after every check has passed.</param>
            /// <param name="sigmaDiv">The RBF bandwidth σ, positive and finite.</param>
            /// <returns>The loss; 0 when no class has two prototypes.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid (<see cref="global::System.ArgumentException.ParamName"/> names it); nothing has been written.</exception>
            /// <remarks>
            /// {remarks}
            /// </remarks>
            {generated}
            public static {t} PrototypeDiversityLoss({ros} prototypes, global::System.ReadOnlySpan<int> protoLabels, {span} gradient, {t} sigmaDiv = 1) =>
                {kernels}.LossAndGradient(prototypes, protoLabels, gradient, sigmaDiv);

            /// <summary>Soft-thresholding x ↦ sign(x)·max(|x| − l1Weight·lr, 0) into <paramref name="destination"/>, {inPlace}.</summary>
            /// <param name="relevances">{relevances}</param>
            /// <param name="destination">{destination}</param>
            /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
            /// <param name="lr">The step size, positive and finite.</param>
            /// <returns>The number of non-zero values written.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid; nothing has been written.</exception>
            /// <remarks>One fused vector pass (clamp, subtract, count); values with |x| ≤ l1Weight·lr become exact zeros.</remarks>
            {generated}
            public static int SparseRelevanceProximal({ros} relevances, {span} destination, {t} l1Weight, {t} lr = 1) =>
                {kernels}.Proximal(relevances, destination, l1Weight, 0, lr);

            /// <inheritdoc cref="{sparseCref}"/>
            {generated}
            public static int SparseRelevanceProximal({span} relevances, {t} l1Weight, {t} lr = 1) =>
                {kernels}.Proximal(relevances, relevances, l1Weight, 0, lr);

            /// <summary>The elastic-net prox x ↦ sign(x)·max(|x| − l1Weight·lr, 0) / (1 + l2Weight·lr), prosemble's form, into <paramref name="destination"/>, {inPlace}.</summary>
            /// <param name="relevances">{relevances}</param>
            /// <param name="destination">{destination}</param>
            /// <param name="l1Weight">The L1 strength, ≥ 0.</param>
            /// <param name="l2Weight">The L2 strength, ≥ 0.</param>
            /// <param name="lr">The step size, positive and finite.</param>
            /// <returns>The number of non-zero values written.</returns>
            /// <exception cref="global::System.ArgumentException">An argument is invalid; nothing has been written.</exception>
            /// <remarks>One fused vector pass, within {roundings} roundings of the quotient: it multiplies by 1/(1 + l2Weight·lr), or divides where that is subnormal.</remarks>
            {generated}
            public static int ElasticNetProximal({ros} relevances, {span} destination, {t} l1Weight, {t} l2Weight, {t} lr = 1) =>
                {kernels}.Proximal(relevances, destination, l1Weight, l2Weight, lr);

            /// <inheritdoc cref="{elasticCref}"/>
            {generated}
            public static int ElasticNetProximal({span} relevances, {t} l1Weight, {t} l2Weight, {t} lr = 1) =>
                {kernels}.Proximal(relevances, relevances, l1Weight, l2Weight, lr);
            """);

        WriteTensorOverloads(w, plan, kernels, generated, lossCref, sparseCref, elasticCref);
        ClassKernelWriter.WriteApi(w, plan, kernels, generated);

        w.Line();
        w.Line($"/// <summary>These kernels behind <see cref=\"global::KernelGen.PrototypeRegularizer{{T}}\"/>, the API the compiled and reference engines share.</summary>");
        w.Line($"public static global::KernelGen.PrototypeRegularizer<{t}> Regularizer => {regularizer}.Instance;");

        if (!spec.IsStatic)
        {
            string iface = $"global::KernelGen.IPrototypeRegularizer<{t}>";
            foreach ((string type, string name) in ShapesGenerator.ExplicitShapeProperties)
            {
                w.Line();
                w.Line($"static {type} {iface}.{name} => {name};");
            }
        }
    }

    /// <summary>
    /// The shape's constants. The parser declares them too, from this text, where another <c>[Shapes]</c> class's
    /// arguments read them before they are generated.
    /// </summary>
    public static void WriteConstants(SourceWriter w, int nClasses, int maxPerClass, int features, double epsilon)
    {
        w.Line($"/// <summary>Number of classes the kernels of this type are specialised for.</summary>");
        w.Line($"public const int NClasses = {Literals.Int(nClasses)};");
        w.Line();
        w.Line($"/// <summary>Largest number of prototypes per class.</summary>");
        w.Line($"public const int MaxPerClass = {Literals.Int(maxPerClass)};");
        w.Line();
        w.Line($"/// <summary>Number of features per prototype (and per relevance row).</summary>");
        w.Line($"public const int Features = {Literals.Int(features)};");
        w.Line();
        w.Line($"/// <summary>Largest number of prototypes per call: <c>NClasses × MaxPerClass</c>.</summary>");
        w.Line($"public const int MaxPrototypes = {Literals.Int(nClasses * maxPerClass)};");
        w.Line();
        w.Line($"/// <summary>The diagonal jitter ε added to each class's Gram matrix.</summary>");
        w.Line($"public const double Epsilon = {Literals.Double(epsilon)};");
    }

    /// <summary>A cref to the overload of <paramref name="name"/> with these parameter types (C# spelling).</summary>
    internal static string Cref(string name, params string[] parameters) =>
        $"{name}({string.Join(", ", parameters)})".Replace('<', '{').Replace('>', '}');

    /// <summary>
    /// The same kernels on <c>System.Numerics.Tensors</c> spans: prototypes [P, Features] (and a gradient of the same
    /// lengths), relevances [Features] or [k, Features]. Dense tensors run the span kernels on their memory, so results
    /// are bit-identical; the shape and layout checks (<c>TensorArguments</c>) run before anything is written. Their docs
    /// are their span twins', which state the tensor lengths and layout too.
    /// </summary>
    private static void WriteTensorOverloads(SourceWriter w, KernelPlan plan, string kernels, string generated, string lossCref, string sparseCref, string elasticCref)
    {
        string t = plan.ElementType;
        string ro = $"global::System.Numerics.Tensors.ReadOnlyTensorSpan<{t}>";
        string rw = $"global::System.Numerics.Tensors.TensorSpan<{t}>";
        string args = "global::KernelGen.Internal.TensorArguments";
        w.Lines($$"""

            /// <inheritdoc cref="{{lossCref}}"/>
            {{generated}}
            public static {{t}} PrototypeDiversityLoss(in {{ro}} prototypes, global::System.ReadOnlySpan<int> protoLabels, {{t}} sigmaDiv = 1) =>
                {{kernels}}.Loss({{args}}.Prototypes(prototypes, Features), protoLabels, sigmaDiv);

            /// <inheritdoc cref="{{lossCref}}"/>
            {{generated}}
            public static {{t}} PrototypeDiversityLoss(in {{ro}} prototypes, global::System.ReadOnlySpan<int> protoLabels, in {{rw}} gradient, {{t}} sigmaDiv = 1) =>
                {{kernels}}.LossAndGradient({{args}}.Prototypes(prototypes, Features), protoLabels, {{args}}.Gradient(gradient, prototypes), sigmaDiv);

            /// <inheritdoc cref="{{sparseCref}}"/>
            {{generated}}
            public static int SparseRelevanceProximal(in {{ro}} relevances, in {{rw}} destination, {{t}} l1Weight, {{t}} lr = 1) =>
                {{kernels}}.Proximal({{args}}.Relevances(relevances, Features), {{args}}.Destination(destination, relevances), l1Weight, 0, lr);

            /// <inheritdoc cref="{{sparseCref}}"/>
            {{generated}}
            public static int SparseRelevanceProximal(in {{rw}} relevances, {{t}} l1Weight, {{t}} lr = 1)
            {
                global::System.Span<{{t}}> values = {{args}}.Relevances(relevances, Features);
                return {{kernels}}.Proximal(values, values, l1Weight, 0, lr);
            }

            /// <inheritdoc cref="{{elasticCref}}"/>
            {{generated}}
            public static int ElasticNetProximal(in {{ro}} relevances, in {{rw}} destination, {{t}} l1Weight, {{t}} l2Weight, {{t}} lr = 1) =>
                {{kernels}}.Proximal({{args}}.Relevances(relevances, Features), {{args}}.Destination(destination, relevances), l1Weight, l2Weight, lr);

            /// <inheritdoc cref="{{elasticCref}}"/>
            {{generated}}
            public static int ElasticNetProximal(in {{rw}} relevances, {{t}} l1Weight, {{t}} l2Weight, {{t}} lr = 1)
            {
                global::System.Span<{{t}}> values = {{args}}.Relevances(relevances, Features);
                return {{kernels}}.Proximal(values, values, l1Weight, l2Weight, lr);
            }
            """);
    }
}
