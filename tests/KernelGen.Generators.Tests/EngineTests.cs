using System.Globalization;
using KernelGen.Compiler;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>The three engines behind <see cref="PrototypeRegularizer{T}"/>: what each reports, shape checks, caching, and that the compiled one is the generated code.</summary>
public class EngineTests
{
    public static TheoryData<string> FloatShapes() => GeneratedKernels.FloatShapes();

    public static TheoryData<string> DoubleShapes() => GeneratedKernels.DoubleShapes();

    [Theory]
    [MemberData(nameof(FloatShapes))]
    public void Compiled_float_kernels_are_bit_identical_to_the_generated_ones(string shape)
    {
        var generated = GeneratedKernels.FloatShape(shape);
        var compiled = Engines.Float().Single(e => e.Shape == "compiled " + shape);
        BitIdentical(generated, compiled, seed => TestData.Values(generated.MaxPerClass * generated.NClasses * generated.Features, seed, 0.5).ToFloat(), 0.7f, 0.05f, 0.3f);
    }

    [Theory]
    [MemberData(nameof(DoubleShapes))]
    public void Compiled_double_kernels_are_bit_identical_to_the_generated_ones(string shape)
    {
        var generated = GeneratedKernels.DoubleShape(shape);
        var compiled = Engines.Double().Single(e => e.Shape == "compiled " + shape);
        BitIdentical(generated, compiled, seed => TestData.Values(generated.MaxPerClass * generated.NClasses * generated.Features, seed, 0.5), 0.7, 0.05, 0.3);
    }

    private static void BitIdentical<T>(Kernels<T> a, Kernels<T> b, Func<int, T[]> values, T sigma, T l1, T l2)
        where T : unmanaged
    {
        int[] classMajor = Enumerable.Range(0, a.NClasses * a.MaxPerClass).Select(i => i / a.MaxPerClass).ToArray();
        foreach (int[] labels in new[] { classMajor, classMajor.Reverse().ToArray(), classMajor.Where((_, i) => i % 3 != 1).ToArray() })
        {
            T[] w = values(labels.Length).AsSpan(0, labels.Length * a.Features).ToArray();
            T[] ga = new T[w.Length], gb = new T[w.Length];
            Assert.Equal(a.Loss(w, labels, sigma), b.Loss(w, labels, sigma));
            Assert.Equal(a.LossAndGradient(w, labels, ga, sigma), b.LossAndGradient(w, labels, gb, sigma));
            Assert.Equal(ga, gb);

            T[] pa = new T[w.Length], pb = new T[w.Length];
            Assert.Equal(a.Soft(w, pa, l1, sigma), b.Soft(w, pb, l1, sigma));
            Assert.Equal(pa, pb);
            Assert.Equal(a.Elastic(w, pa, l1, l2, sigma), b.Elastic(w, pb, l1, l2, sigma));
            Assert.Equal(pa, pb);
        }
    }

    [Fact]
    public void Each_engine_says_what_it_is()
    {
        PrototypeRegularizer<float> compiled = KernelCompiler.Compile<float>(4, 3, 64);
        Assert.Equal(RegularizerEngine.Compiled, compiled.Engine);
        Assert.True(compiled.IsCompiled);
        Assert.Equal(RegularizerEngine.Reference, Regularizers.Create<float>(4, 3, 64).Engine);
        Assert.False(Regularizers.Create<float>(4, 3, 64).IsCompiled);
        Assert.Equal(RegularizerEngine.SourceGenerated, Shape4x3x64f.Regularizer.Engine);
        Assert.Equal((4, 3, 64, 12, 1e-6), (compiled.NClasses, compiled.MaxPerClass, compiled.Features, compiled.MaxPrototypes, compiled.Epsilon));
        Assert.Equal("4 × 3 × 64 float (Compiled)", compiled.ToString());
    }

    /// <summary>
    /// Each generated class's <c>Regularizer</c> carries its declaration: the shape, ε and whether it asked for every core
    /// (the parallel shape too small to split included).
    /// </summary>
    [Fact]
    public void A_generated_regularizer_carries_its_declaration()
    {
        foreach (Kernels<float> k in GeneratedKernels.Float)
        {
            PrototypeRegularizer<float> r = ClassKernelEngines.Float(k.Shape);
            Assert.Equal((k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel), (r.NClasses, r.MaxPerClass, r.Features, r.Epsilon, r.Parallel));
            Assert.Equal(RegularizerEngine.SourceGenerated, r.Engine);
        }

        foreach (Kernels<double> k in GeneratedKernels.Double)
        {
            PrototypeRegularizer<double> r = ClassKernelEngines.Double(k.Shape);
            Assert.Equal((k.NClasses, k.MaxPerClass, k.Features, k.Epsilon, k.Parallel), (r.NClasses, r.MaxPerClass, r.Features, r.Epsilon, r.Parallel));
        }

        Assert.True(KernelGen.Consumer.SmallParallelShape.Regularizer.Parallel);
    }

    /// <summary>
    /// The compiled kernels are a Release build: a Debug one gives the same bits, so only the assembly's
    /// <see cref="System.Diagnostics.DebuggableAttribute"/> shows that the JIT would leave them unoptimised.
    /// </summary>
    [Fact]
    public void Compiled_kernels_are_compiled_with_optimizations()
    {
        PrototypeRegularizer<float> unrolled = KernelCompiler.Compile<float>(4, 3, 64);
        PrototypeRegularizer<double> loopsInParallel = KernelCompiler.Compile<double>(40, 12, 16, parallel: true);
        foreach ((bool isCompiled, Type type) in new[] { (unrolled.IsCompiled, unrolled.GetType()), (loopsInParallel.IsCompiled, loopsInParallel.GetType()) })
        {
            Assert.True(isCompiled);
            System.Reflection.Assembly assembly = type.Assembly;
            Assert.StartsWith("KernelGen.Compiled", assembly.GetName().Name, StringComparison.Ordinal);
            var debuggable = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Diagnostics.DebuggableAttribute>(assembly);
            Assert.False(debuggable?.IsJITOptimizerDisabled ?? false, $"{assembly.GetName().Name} is a Debug build");
        }
    }

    [Fact]
    public void A_shape_is_compiled_once_and_cached_even_under_concurrent_first_calls()
    {
        // A shape no other test compiles, asked for from eight threads at once.
        var results = new PrototypeRegularizer<double>[8];
        Parallel.For(0, results.Length, i => results[i] = KernelCompiler.Compile<double>(7, 2, 11, 1e-5));
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Same(results[0], KernelCompiler.Compile<double>(7, 2, 11, 1e-5));
        Assert.NotSame(results[0], KernelCompiler.Compile<double>(7, 2, 11, 2e-5));
        Assert.NotSame(KernelCompiler.Compile<float>(7, 2, 11, 1e-5), KernelCompiler.Compile<double>(7, 2, 11, 1e-5));

        // Parallel or not is part of the shape's identity: the two give the same bits, so only the engine can tell them apart.
        PrototypeRegularizer<double> parallel = KernelCompiler.Compile<double>(7, 2, 11, 1e-5, parallel: true);
        Assert.NotSame(results[0], parallel);
        Assert.Same(parallel, KernelCompiler.Compile<double>(7, 2, 11, 1e-5, parallel: true));
        Assert.True(parallel.Parallel);
        Assert.False(results[0].Parallel);
    }

    [Fact]
    public void Epsilons_one_bit_apart_are_two_shapes_each_with_its_own_epsilon()
    {
        // The cache is keyed by ε's bits, not by a rounded or printed value: 3e-6 and the next double print alike to
        // 15 significant digits, yet each call must get kernels built for the ε it asked for. A shape no other test compiles.
        const double epsilon = 3e-6;
        double next = Math.BitIncrement(epsilon);
        PrototypeRegularizer<double> first = KernelCompiler.Compile<double>(5, 2, 3, epsilon);
        PrototypeRegularizer<double> second = KernelCompiler.Compile<double>(5, 2, 3, next);

        Assert.NotSame(first, second);
        Assert.Equal(BitConverter.DoubleToInt64Bits(epsilon), BitConverter.DoubleToInt64Bits(first.Epsilon));
        Assert.Equal(BitConverter.DoubleToInt64Bits(next), BitConverter.DoubleToInt64Bits(second.Epsilon));
        Assert.Same(second, KernelCompiler.Compile<double>(5, 2, 3, next));
    }

    public static TheoryData<int, int, int, double, string> BadShapes() => new()
    {
        { 0, 3, 64, 1e-6, "nClasses" },
        { 4, 0, 64, 1e-6, "maxPerClass" },
        { 4, 3, 0, 1e-6, "features" },
        { (1 << 20) + 1, 1, 1, 1e-6, "nClasses" },
        { 4, 1025, 64, 1e-6, "maxPerClass" },
        { 4, 3, (1 << 20) + 1, 1e-6, "features" },
        { 1 << 20, 1000, 1, 1e-6, "maxPerClass" },
        { 1000, 1000, 3000, 1e-6, "features" },
        { 4, 3, 64, 0, "epsilon" },
        { 4, 3, 64, double.NaN, "epsilon" },
        { 4, 3, 64, double.PositiveInfinity, "epsilon" },
    };

    /// <summary>
    /// Each limit exactly, and one past it: the factories and <c>ShapeLimits.FirstExceededLimit</c>, which the generator
    /// compiles in for KG0003, draw the same line, and the factories name the parameter and write the limit in its words.
    /// </summary>
    public static TheoryData<int, int, int, string, string> ShapesAtEachLimit() => new()
    {
        { 1 << 20, 1, 1, "nClasses", "nClasses ≤ 1048576" },
        { 1, 1024, 1, "maxPerClass", "maxPerClass ≤ 1024" },
        { 1, 1, 1 << 20, "features", "features ≤ 1048576" },
        // nClasses · maxPerClass = 2²⁴; 513 passes every other limit.
        { 1 << 15, 512, 1, "maxPerClass", "nClasses · maxPerClass ≤ 16777216" },
        // nClasses · maxPerClass · features = 2³¹ − 2²⁰, the largest product below 2³¹ on this row.
        { 1 << 20, 1, 2047, "features", "nClasses · maxPerClass · features ≤ 2147483647" },
    };

    [Theory]
    [MemberData(nameof(ShapesAtEachLimit))]
    public void A_shape_at_a_limit_is_accepted_and_one_past_it_is_not(int nClasses, int maxPerClass, int features, string param, string limit)
    {
        PrototypeRegularizer<float> atLimit = Regularizers.Create<float>(nClasses, maxPerClass, features);
        Assert.Equal((long)nClasses * maxPerClass, atLimit.MaxPrototypes);
        Assert.Null(ShapeLimits.FirstExceededLimit(nClasses, maxPerClass, features));

        // One more of the parameter that hits the limit.
        int n = param == "nClasses" ? nClasses + 1 : nClasses;
        int m = param == "maxPerClass" ? maxPerClass + 1 : maxPerClass;
        int f = param == "features" ? features + 1 : features;
        int value = param == "nClasses" ? n : param == "maxPerClass" ? m : f;
        foreach (Func<object> create in new Func<object>[] { () => Regularizers.Create<float>(n, m, f), () => KernelCompiler.Compile<float>(n, m, f) })
        {
            var thrown = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(param, thrown.ParamName);
            Assert.Equal(value, thrown.ActualValue);
            Assert.StartsWith($"The shape exceeds the limit {limit}.", thrown.Message, StringComparison.Ordinal);
        }

        Assert.Equal((param, value, limit), ShapeLimits.FirstExceededLimit(n, m, f));
    }

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void Bad_shapes_throw_naming_the_parameter_in_both_factories(int nClasses, int maxPerClass, int features, double epsilon, string param)
    {
        Assert.Equal(param, Assert.Throws<ArgumentOutOfRangeException>(() => KernelCompiler.Compile<float>(nClasses, maxPerClass, features, epsilon)).ParamName);
        Assert.Equal(param, Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<double>(nClasses, maxPerClass, features, epsilon)).ParamName);
    }

    /// <summary>Float and double only: another element type is refused by both factories, the compiler before it compiles anything.</summary>
    [Fact]
    public void Both_factories_refuse_element_types_other_than_float_and_double()
    {
        Assert.Contains("System.Half", Assert.Throws<NotSupportedException>(() => KernelCompiler.Compile<Half>(2, 2, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("System.Half", Assert.Throws<NotSupportedException>(() => Regularizers.Create<Half>(2, 2, 2)).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A bad shape of an unsupported element type is refused for its shape by both factories alike: each checks the
    /// shape before the element type, so one call fails the same way whichever factory it goes to.
    /// </summary>
    [Fact]
    public void Both_factories_refuse_a_bad_shape_before_an_unsupported_element_type()
    {
        Assert.Equal("nClasses", Assert.Throws<ArgumentOutOfRangeException>(() => KernelCompiler.Compile<Half>(0, 2, 2)).ParamName);
        Assert.Equal("nClasses", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<Half>(0, 2, 2)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => KernelCompiler.Compile<Half>(2, 2, 2, double.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => Regularizers.Create<Half>(2, 2, 2, double.NaN)).ParamName);
    }

    [Fact]
    public void Every_engine_names_itself_and_only_the_compiled_one_is_compiled()
    {
        Assert.Equal("4 × 3 × 64 float (SourceGenerated)", Shape4x3x64f.Regularizer.ToString());
        Assert.Equal("4 × 3 × 64 double (Reference)", Regularizers.Create<double>(4, 3, 64).ToString());
        // What sets kernels apart from the shape's default ones is named, in any culture.
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("4 × 3 × 64 float, ε = 0.001, parallel (Reference)", Regularizers.Create<float>(4, 3, 64, epsilon: 1e-3, parallel: true).ToString());
            Assert.Equal("4 × 3 × 64 double, ε = 2.5E-07 (Compiled)", KernelCompiler.Compile<double>(4, 3, 64, epsilon: 2.5e-7).ToString());
            Assert.Equal("100 × 8 × 64 float, parallel (SourceGenerated)", KernelGen.Consumer.ParallelShape.Regularizer.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.False(Shape4x3x64f.Regularizer.IsCompiled);
        Assert.False(Regularizers.Create<double>(4, 3, 64).IsCompiled);
    }

    [Fact]
    public void The_reference_engine_is_serial_unless_asked()
    {
        Assert.False(Regularizers.Create<float>(4, 3, 64).Parallel);
        Assert.False(Regularizers.Create<double>(4, 3, 64, 1e-5).Parallel);
        Assert.True(Regularizers.Create<double>(4, 3, 64, parallel: true).Parallel);
    }

    /// <summary>
    /// The attribute as reflection reads it from each declaring class (its constructor and property defaults, which the
    /// generator does not run) says what the class's <c>Regularizer</c> was generated from.
    /// </summary>
    [Fact]
    public void Each_classs_Shapes_attribute_read_by_reflection_says_what_its_regularizer_carries()
    {
        // Classes nested in a generic type have no static members to read without type arguments.
        Type[] declared = [.. typeof(Shape4x3x64f).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters && t.GetCustomAttributes(typeof(ShapesAttribute), false).Length > 0)];
        Assert.True(declared.Length >= 20, $"{declared.Length} declaring classes");
        foreach (Type type in declared)
        {
            var shape = (ShapesAttribute)type.GetCustomAttributes(typeof(ShapesAttribute), false).Single();
            object regularizer = type.GetProperty("Regularizer", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
            object? Read(string name) => regularizer.GetType().GetProperty(name)!.GetValue(regularizer);
            Assert.Equal(
                (shape.NClasses, shape.MaxPerClass, shape.Features, shape.Epsilon, shape.Parallel, shape.ElementType),
                ((int)Read(nameof(shape.NClasses))!, (int)Read(nameof(shape.MaxPerClass))!, (int)Read(nameof(shape.Features))!,
                    (double)Read(nameof(shape.Epsilon))!, (bool)Read(nameof(shape.Parallel))!, regularizer.GetType().BaseType!.GetGenericArguments()[0]));
        }
    }
}
