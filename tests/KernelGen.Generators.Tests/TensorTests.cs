using System.Buffers;
using System.Numerics.Tensors;
using KernelGen.Consumer.Golden;
using KernelGen.Testing;

namespace KernelGen.Generators.Tests;

/// <summary>
/// The tensor overloads: dense tensors give bit-identical results to the span overloads; wrong rank, wrong lengths and
/// layouts the kernels cannot take throw an <see cref="ArgumentException"/> naming the parameter, before anything is
/// written. Run on a generated class, and on the engines behind <see cref="PrototypeRegularizer{T}"/>.
/// </summary>
public class TensorTests
{
    private const int P = 12, F = 64;
    private static readonly int[] s_labels = Enumerable.Range(0, P).Select(i => i / 3).ToArray();
    private static readonly float[] s_w = TestData.Values(P * F, 21, 0.5).ToFloat();

    public static TheoryData<string> Engines4x3x64() => new("generated", "compiled", "reference");

    private static PrototypeRegularizer<float> Engine(string name) => name switch
    {
        "generated" => Shape4x3x64f.Regularizer,
        "compiled" => KernelGen.Compiler.KernelCompiler.Compile<float>(4, 3, 64),
        _ => Regularizers.Create<float>(4, 3, 64),
    };

    [Fact]
    public void Generated_tensor_overloads_are_bit_identical_to_the_span_ones()
    {
        Tensor<float> w = Tensor.Create(s_w, [P, F]);
        Tensor<float> g = Tensor.CreateFromShape<float>([P, F]);
        float[] gSpan = new float[P * F];
        Assert.Equal(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, 0.7f), Shape4x3x64f.PrototypeDiversityLoss(w, s_labels, 0.7f));
        Assert.Equal(Shape4x3x64f.PrototypeDiversityLoss(s_w, s_labels, gSpan, 0.7f), Shape4x3x64f.PrototypeDiversityLoss(w, s_labels, g, 0.7f));
        Assert.Equal(gSpan, g.ToArray());

        float[] r = s_w.AsSpan(0, 3 * F).ToArray(), rSpan = new float[r.Length];
        Tensor<float> rows = Tensor.Create(r, [3, F]), out1 = Tensor.CreateFromShape<float>([3, F]);
        Assert.Equal(Shape4x3x64f.ElasticNetProximal(r, rSpan, 0.1f, 0.2f, 0.5f), Shape4x3x64f.ElasticNetProximal(rows, out1, 0.1f, 0.2f, 0.5f));
        Assert.Equal(rSpan, out1.ToArray());
        Tensor<float> out2 = Tensor.CreateFromShape<float>([3, F]);
        Assert.Equal(Shape4x3x64f.SparseRelevanceProximal(r, rSpan, 0.1f, 0.5f), Shape4x3x64f.SparseRelevanceProximal(rows, out2, 0.1f, 0.5f));
        Assert.Equal(rSpan, out2.ToArray());
        Assert.Equal("prototypes", Assert.ThrowsAny<ArgumentException>(() => Shape4x3x64f.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F, 1]), s_labels, 0.7f)).ParamName);
        Tensor<float> vector = Tensor.Create(s_w.AsSpan(0, F).ToArray(), [F]);
        Assert.Equal(Shape4x3x64f.SparseRelevanceProximal(s_w.AsSpan(0, F), rSpan.AsSpan(0, F), 0.1f), Shape4x3x64f.SparseRelevanceProximal(vector, 0.1f));
        Assert.Equal(rSpan.AsSpan(0, F).ToArray(), vector.ToArray());
    }

    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void Engine_tensor_overloads_are_bit_identical_to_the_span_ones(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        Tensor<float> w = Tensor.Create(s_w, [P, F]), g = Tensor.CreateFromShape<float>([P, F]);
        float[] gSpan = new float[P * F];
        Assert.Equal(k.PrototypeDiversityLoss(s_w, s_labels, gSpan, 0.7f), k.PrototypeDiversityLoss(w, s_labels, g, 0.7f));
        Assert.Equal(gSpan, g.ToArray());
        Assert.Equal(k.PrototypeDiversityLoss(s_w, s_labels, 0.7f), k.PrototypeDiversityLoss(w, s_labels, 0.7f));

        // Class 1's rows, as a tensor of their own.
        float[] classRows = s_w.AsSpan(3 * F, 3 * F).ToArray(), classGradient = new float[3 * F];
        Tensor<float> classTensor = Tensor.Create(classRows, [3, F]), classGradientTensor = Tensor.CreateFromShape<float>([3, F]);
        Assert.Equal(k.ClassDiversityLoss(classRows, classGradient, 0.7f), k.ClassDiversityLoss(classTensor, classGradientTensor, 0.7f));
        Assert.Contains(classGradient, v => v != 0);
        Assert.Equal(classGradient, classGradientTensor.ToArray());
        Assert.Equal(k.ClassDiversityLoss(classRows, 0.7f), k.ClassDiversityLoss(classTensor, 0.7f));
        int[] rows = [1, 4, 8];
        float[] gRows = new float[P * F];
        Tensor<float> gRowsTensor = Tensor.CreateFromShape<float>([P, F]);
        Assert.Equal(k.ClassDiversityLossAt(s_w, rows, gRows, 0.7f), k.ClassDiversityLossAt(w, rows, gRowsTensor, 0.7f));
        Assert.Contains(gRows, v => v != 0);
        Assert.Equal(gRows, gRowsTensor.ToArray());
        Assert.Equal(k.ClassDiversityLossAt(s_w, rows, 0.7f), k.ClassDiversityLossAt(w, rows, 0.7f));
        Tensor<float> prox = Tensor.CreateFromShape<float>([P, F]);
        float[] proxSpan = new float[P * F];
        Assert.Equal(k.ElasticNetProximal(s_w, proxSpan, 0.1f, 0.2f, 0.5f), k.ElasticNetProximal(w, prox, 0.1f, 0.2f, 0.5f));
        Assert.Equal(proxSpan, prox.ToArray());
        Assert.Equal(k.SparseRelevanceProximal(s_w, proxSpan, 0.1f, 0.5f), k.SparseRelevanceProximal(w, prox, 0.1f, 0.5f));
        Assert.Equal(proxSpan, prox.ToArray());

        // In place: the tensor's own values are the input.
        Tensor<float> inPlace = Tensor.Create((float[])s_w.Clone(), [P, F]);
        Assert.Equal(k.ElasticNetProximal(s_w, proxSpan, 0.1f, 0.2f, 0.5f), k.ElasticNetProximal(inPlace.AsTensorSpan(), 0.1f, 0.2f, 0.5f));
        Assert.Equal(proxSpan, inPlace.ToArray());
        inPlace = Tensor.Create((float[])s_w.Clone(), [P, F]);
        Assert.Equal(k.SparseRelevanceProximal(s_w, proxSpan, 0.1f, 0.5f), k.SparseRelevanceProximal(inPlace.AsTensorSpan(), 0.1f, 0.5f));
        Assert.Equal(proxSpan, inPlace.ToArray());
    }

    [Fact]
    public void Reference_tensor_overloads_take_the_feature_count_from_the_tensor()
    {
        Tensor<float> w = Tensor.Create(s_w, [P, F]), g = Tensor.CreateFromShape<float>([P, F]);
        float[] gSpan = new float[P * F];
        Assert.Equal(Regularizers.PrototypeDiversityLoss(s_w, s_labels, gSpan, 0.7f, 4, 3), Regularizers.PrototypeDiversityLoss<float>(w, s_labels, g, 0.7f, 4, 3));
        Assert.Equal(gSpan, g.ToArray());
        Tensor<float> prox = Tensor.CreateFromShape<float>([P, F]);
        Assert.Equal(Regularizers.SparseRelevanceProximal(s_w, gSpan, 0.1f, 0.5f), Regularizers.SparseRelevanceProximal<float>(w, prox, 0.1f, 0.5f));
        Assert.Equal(gSpan, prox.ToArray());

        // In place: the tensor's own values are the input.
        Tensor<float> inPlace = Tensor.Create((float[])s_w.Clone(), [P, F]);
        Assert.Equal(Regularizers.ElasticNetProximal(s_w, gSpan, 0.1f, 0.2f, 0.5f), Regularizers.ElasticNetProximal(inPlace, 0.1f, 0.2f, 0.5f));
        Assert.Equal(gSpan, inPlace.ToArray());
        inPlace = Tensor.Create((float[])s_w.Clone(), [P, F]);
        Assert.Equal(Regularizers.SparseRelevanceProximal(s_w, gSpan, 0.1f, 0.5f), Regularizers.SparseRelevanceProximal(inPlace, 0.1f, 0.5f));
        Assert.Equal(gSpan, inPlace.ToArray());
        Assert.Equal("relevances", Assert.ThrowsAny<ArgumentException>(() => Regularizers.ElasticNetProximal(Tensor.CreateFromShape<float>([2, 3, 4]), 0.1f, 0.1f, 1f)).ParamName);
    }

    /// <summary>
    /// A tensor of one element (one feature, one prototype) is that value, not an empty tensor: the prox writes it
    /// and counts it, and a one-member class's loss is +0 with its row written +0.
    /// </summary>
    [Fact]
    public void A_one_element_tensor_is_one_value()
    {
        float[] expected = new float[1];
        int count = Regularizers.SparseRelevanceProximal([5f], expected, 0.1f, 1f);
        Tensor<float> destination = Tensor.CreateFromShape<float>([1]);
        Assert.Equal(1, count);
        Assert.Equal(count, Regularizers.SparseRelevanceProximal<float>(Tensor.Create([5f], [1]), destination, 0.1f, 1f));
        Assert.Equal(expected, destination.ToArray());

        PrototypeRegularizer<float> one = Regularizers.Create<float>(1, 1, 1);
        Tensor<float> gradient = Tensor.Create([42f], [1, 1]);
        float loss = one.PrototypeDiversityLoss(Tensor.Create([5f], [1, 1]), [0], gradient, 1f);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(loss));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(gradient.ToArray()[0]));
    }

    /// <summary>
    /// A slice of rows of one feature (lengths [n, 1]) is row-major, though the tensor library gives its column stride 0
    /// and calls it not dense: the class's rows taken out of the prototypes, and their gradient rows, give the span
    /// overloads' bits on the generated class and on each engine. Rows of one feature that are not adjacent are refused.
    /// </summary>
    [Theory]
    [InlineData("generated")]
    [InlineData("compiled")]
    [InlineData("reference")]
    public void Row_slices_of_one_feature_give_the_span_overloads_bits(string engine)
    {
        PrototypeRegularizer<float> k = engine switch
        {
            "generated" => KernelGen.Consumer.OneFeatureShape.Regularizer,
            "compiled" => KernelGen.Compiler.KernelCompiler.Compile<float>(7, 3, 1),
            _ => Regularizers.Create<float>(7, 3, 1),
        };
        float[] w = TestData.Values(21, 5, 0.5).ToFloat();
        int[] labels = Enumerable.Range(0, 12).Select(i => i / 3).ToArray();
        ReadOnlyTensorSpan<float> all = Tensor.Create(w, [21, 1]).AsReadOnlyTensorSpan();
        ReadOnlyTensorSpan<float> classRows = all.Slice([new NRange(3, 6), NRange.All]), firstRows = all.Slice([new NRange(0, 12), NRange.All]);

        float[] classGradient = new float[3], gradient = new float[12], rows = new float[21];
        Tensor<float> classGradientTensor = Tensor.CreateFromShape<float>([7, 1]), gradientTensor = Tensor.CreateFromShape<float>([21, 1]);
        TensorSpan<float> classGradientRows = classGradientTensor.AsTensorSpan().Slice([new NRange(2, 5), NRange.All]);
        TensorSpan<float> gradientRows = gradientTensor.AsTensorSpan().Slice([new NRange(0, 12), NRange.All]);
        Assert.Equal(k.ClassDiversityLoss(w.AsSpan(3, 3), 0.7f), k.ClassDiversityLoss(classRows, 0.7f));
        Assert.Equal(k.ClassDiversityLoss(w.AsSpan(3, 3), classGradient, 0.7f), k.ClassDiversityLoss(classRows, classGradientRows, 0.7f));
        Assert.Equal(classGradient, classGradientTensor.ToArray()[2..5]);
        Assert.Equal(k.PrototypeDiversityLoss(w.AsSpan(0, 12), labels, gradient, 0.7f), k.PrototypeDiversityLoss(firstRows, labels, gradientRows, 0.7f));
        Assert.Equal(gradient, gradientTensor.ToArray()[..12]);
        Tensor<float> rowsTensor = Tensor.CreateFromShape<float>([21, 1]);
        Assert.Equal(k.ClassDiversityLossAt(w, [3, 4, 5], rows, 0.7f), k.ClassDiversityLossAt(all, [3, 4, 5], rowsTensor, 0.7f));
        Assert.Equal(rows, rowsTensor.ToArray());
        Assert.NotEqual(0f, classGradient[0]);

        // Rows of one feature that are not adjacent (every other value) are no span: refused, naming the parameter.
        ArgumentException apart = Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(w, [3, 1], [2, 0]), 0.7f));
        Assert.Equal("classPrototypes", apart.ParamName);
        Assert.Contains("dense", apart.Message, StringComparison.Ordinal);

        if (engine == "generated")
        {
            Assert.Equal(k.ClassDiversityLoss(w.AsSpan(3, 3), 0.7f), KernelGen.Consumer.OneFeatureShape.ClassDiversityLoss(classRows, 0.7f));
            Assert.Equal(k.PrototypeDiversityLoss(w.AsSpan(0, 12), labels, 0.7f), KernelGen.Consumer.OneFeatureShape.PrototypeDiversityLoss(firstRows, labels, 0.7f));
        }
    }

    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void Bad_tensors_throw_naming_the_parameter_and_write_nothing(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        float[] sentinel = Enumerable.Repeat(42f, P * F).ToArray();
        Tensor<float> g = Tensor.Create(sentinel.ToArray(), [P, F]);

        // Rank 1, wrong width, and a strided view (every other column of a [P, 2F] tensor) the kernels cannot take.
        ArgumentException rank = Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(s_w), s_labels, g, 1f));
        Assert.Equal("prototypes", rank.ParamName);
        Assert.Contains("rank 2", rank.Message, StringComparison.Ordinal);
        Assert.Equal("prototypes", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F, 1]), s_labels, g, 1f)).ParamName);
        Assert.Equal("prototypes", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P / 2, 2 * F]), s_labels, 1f)).ParamName);
        Tensor<float> wide = Tensor.Create(Enumerable.Range(0, P * 2 * F).Select(i => (float)i).ToArray(), [P, 2 * F]);
        ArgumentException layout = Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(wide.AsReadOnlyTensorSpan().Slice([NRange.All, new NRange(0, F)]), s_labels, g, 1f));
        Assert.Equal("prototypes", layout.ParamName);
        Assert.Contains("dense", layout.Message, StringComparison.Ordinal);

        // A gradient of other lengths, or strided.
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F]), s_labels, Tensor.CreateFromShape<float>([P, F + 1]), 1f)).ParamName);
        Tensor<float> wideGradient = Tensor.CreateFromShape<float>([P, 2 * F]);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F]), s_labels, wideGradient.AsTensorSpan().Slice([NRange.All, new NRange(0, F)]), 1f)).ParamName);

        // A gradient of the prototypes' element count in another shape: transposed, or flat.
        Tensor<float> transposed = Tensor.Create(sentinel.ToArray(), [F, P]), flat = Tensor.Create(sentinel.ToArray(), [P * F]);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F]), s_labels, transposed, 1f)).ParamName);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P, F]), s_labels, flat, 1f)).ParamName);
        Assert.Equal(sentinel, transposed.ToArray());
        Assert.Equal(sentinel, flat.ToArray());

        // The in-place proxes: relevances of another feature count are refused and left as they were.
        Assert.Equal("relevances", Assert.ThrowsAny<ArgumentException>(() => k.SparseRelevanceProximal(transposed.AsTensorSpan(), 0.1f, 1f)).ParamName);
        Assert.Equal("relevances", Assert.ThrowsAny<ArgumentException>(() => k.ElasticNetProximal(transposed.AsTensorSpan(), 0.1f, 0.1f, 1f)).ParamName);
        Assert.Equal(sentinel, transposed.ToArray());

        // The class kernels by row index take the whole matrices' tensors, with the same checks.
        Assert.Equal("prototypes", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(Tensor.Create(s_w, [P / 2, 2 * F]), [0, 1], g, 1f)).ParamName);
        Assert.Equal("prototypes", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(wide.AsReadOnlyTensorSpan().Slice([NRange.All, new NRange(0, F)]), [0, 1], 1f)).ParamName);
        Assert.Equal("gradient", Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(Tensor.Create(s_w, [P, F]), [0, 1], transposed, 1f)).ParamName);
        Assert.Equal(sentinel, transposed.ToArray());

        RelevanceTensorsAreShapedRows(
            (in ReadOnlyTensorSpan<float> r, in TensorSpan<float> d) => k.SparseRelevanceProximal(r, d, 0.1f, 1f),
            (in ReadOnlyTensorSpan<float> r, in TensorSpan<float> d) => k.ElasticNetProximal(r, d, 0.1f, 0.1f, 1f),
            (in TensorSpan<float> r) => k.SparseRelevanceProximal(r, 0.1f, 1f),
            (in TensorSpan<float> r) => k.ElasticNetProximal(r, 0.1f, 0.1f, 1f));
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => k.ElasticNetProximal(Tensor.Create(s_w, [P, F]), g.AsTensorSpan().Slice([new NRange(0, 6), NRange.All]), 0.1f, 0.1f, 1f)).ParamName);
        // A destination of the relevances' element count in other lengths.
        Tensor<float> reshaped = Tensor.Create(sentinel.ToArray(), [P / 2, 2 * F]);
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => k.SparseRelevanceProximal(Tensor.Create(s_w, [P, F]), reshaped, 0.1f, 1f)).ParamName);
        Assert.Equal(sentinel, reshaped.ToArray());

        Assert.Equal(sentinel, g.ToArray());
    }

    /// <summary>
    /// A tensor of the whole prototype matrix is [P, Features] for any P: one of other lengths or rank is reported against
    /// that, with the engine's feature count, by the full call and the class call by row index alike.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void Prototype_tensors_of_other_lengths_name_the_lengths_expected(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        string wide = $"prototypes has lengths [{P / 2}, {2 * F}]; expected [P, {F}].";
        Assert.StartsWith(wide, Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(Tensor.Create(s_w, [P / 2, 2 * F]), s_labels, 1f)).Message);
        Assert.StartsWith(wide, Assert.ThrowsAny<ArgumentException>(() => k.ClassDiversityLossAt(Tensor.Create(s_w, [P / 2, 2 * F]), [0, 1], 1f)).Message);
        Assert.StartsWith($"prototypes must have rank 2, lengths [P, {F}]; it has rank 1.", Assert.ThrowsAny<ArgumentException>(() => k.PrototypeDiversityLoss(new ReadOnlyTensorSpan<float>(s_w), s_labels, 1f)).Message);
    }

    /// <summary>
    /// A destination tensor of other lengths is reported by its lengths and the relevances' it must have, by every
    /// engine's proxes and by the reference's own.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void A_destination_tensor_of_other_lengths_names_the_relevances_lengths(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        float[] destination = Enumerable.Repeat(42f, P * F).ToArray();
        string expected = $"destination has lengths [{P / 2}, {2 * F}]; expected the relevances' [{P}, {F}].";
        foreach (Func<int> call in new Func<int>[]
        {
            () => k.SparseRelevanceProximal(Tensor.Create(s_w, [P, F]), new TensorSpan<float>(destination, [P / 2, 2 * F]), 0.1f, 1f),
            () => k.ElasticNetProximal(Tensor.Create(s_w, [P, F]), new TensorSpan<float>(destination, [P / 2, 2 * F]), 0.1f, 0.1f, 1f),
            () => Regularizers.ElasticNetProximal<float>(Tensor.Create(s_w, [P, F]), new TensorSpan<float>(destination, [P / 2, 2 * F]), 0.1f, 0.1f, 1f),
        })
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => call());
            Assert.Equal("destination", ex.ParamName);
            Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        }

        Assert.All(destination, v => Assert.Equal(42f, v));
    }

    /// <summary>
    /// A broadcast tensor (stride 0 along rows) reads or writes one row for many: its flattened length is more than its
    /// memory holds, so taking it as a span would run past that memory, and writing through it would pile every row
    /// onto one. Each is refused as not dense, naming the parameter, with its memory untouched. A stride 0 along a
    /// length-1 dimension is no broadcast: such a tensor is dense and gives the dense tensor's bits.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void Broadcast_tensors_are_refused_and_a_stride_along_a_single_row_is_not(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        float[] row = s_w.AsSpan(0, F).ToArray();
        float[] oneRow = Enumerable.Repeat(42f, F).ToArray();
        // Ref structs cannot be captured: each call builds its broadcast tensor over the captured row.
        ReadOnlyTensorSpan<float> Rows(int count) => new(row, [count, F], [0, 1]);
        TensorSpan<float> RowsInto(int count) => new(oneRow, [count, F], [0, 1]);
        Tensor<float> w = Tensor.Create(s_w, [P, F]), classW = Tensor.Create(s_w.AsSpan(0, 3 * F).ToArray(), [3, F]);

        void Refused(string paramName, Action call)
        {
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(call);
            Assert.Equal(paramName, error.ParamName);
            Assert.Contains("strides [0, 1]", error.Message, StringComparison.Ordinal);
            Assert.Contains("dense", error.Message, StringComparison.Ordinal);
        }

        Refused("prototypes", () => k.PrototypeDiversityLoss(Rows(P), s_labels, 1f));
        Refused("prototypes", () => k.PrototypeDiversityLoss(Rows(P), s_labels, Tensor.CreateFromShape<float>([P, F]), 1f));
        Refused("gradient", () => k.PrototypeDiversityLoss(w, s_labels, RowsInto(P), 1f));
        Refused("classPrototypes", () => k.ClassDiversityLoss(Rows(3), 1f));
        Refused("classGradient", () => k.ClassDiversityLoss(classW, RowsInto(3), 1f));
        Refused("prototypes", () => k.ClassDiversityLossAt(Rows(P), [0, 1, 2], 1f));
        Refused("gradient", () => k.ClassDiversityLossAt(w, [0, 1, 2], RowsInto(P), 1f));
        Refused("relevances", () => k.SparseRelevanceProximal(RowsInto(3), 0.1f, 1f));
        Refused("relevances", () => k.ElasticNetProximal(RowsInto(3), 0.1f, 0.1f, 1f));
        Refused("relevances", () => k.SparseRelevanceProximal(Rows(3), Tensor.CreateFromShape<float>([3, F]), 0.1f, 1f));
        Refused("destination", () => k.ElasticNetProximal(classW, RowsInto(3), 0.1f, 0.1f, 1f));
        Assert.Equal(Enumerable.Repeat(42f, F), oneRow);

        // One row with stride 0: the class kernel's lone member and a row of relevances, as their dense tensors give.
        float[] gradient = Enumerable.Repeat(42f, F).ToArray(), denseGradient = Enumerable.Repeat(42f, F).ToArray();
        Assert.Equal(
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(row, [1, F]), new TensorSpan<float>(denseGradient, [1, F]), 1f),
            k.ClassDiversityLoss(new ReadOnlyTensorSpan<float>(row, [1, F], [0, 1]), new TensorSpan<float>(gradient, [1, F], [0, 1]), 1f));
        Assert.Equal(denseGradient, gradient);
        Assert.Equal(new float[F], gradient);
        float[] relevances = s_w.AsSpan(0, F).ToArray(), denseRelevances = relevances.ToArray();
        Assert.Equal(
            k.ElasticNetProximal(new TensorSpan<float>(denseRelevances, [1, F]), 0.3f, 0.1f, 1f),
            k.ElasticNetProximal(new TensorSpan<float>(relevances, [1, F], [0, 1]), 0.3f, 0.1f, 1f));
        Assert.Equal(denseRelevances, relevances);
        Assert.NotEqual(row, relevances);
    }

    /// <summary>
    /// A tensor with no elements holds nothing to read or write, so its strides describe no layout the kernels could
    /// mistake: no rows of a strided view, or of a broadcast row, are taken as the empty span they are, and the loss of
    /// no prototypes is +0 with nothing written, as the span overload gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines4x3x64))]
    public void Empty_tensors_are_taken_whatever_their_strides(string engine)
    {
        PrototypeRegularizer<float> k = Engine(engine);
        float[] memory = s_w.AsSpan(0, 2 * F).ToArray(), before = memory.ToArray();
        Tensor<float> wide = Tensor.Create(memory, [1, 2 * F]);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(k.PrototypeDiversityLoss(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty, 1f)));

        // No rows of the left half of a wider tensor, and no rows of one row broadcast: the tensor library calls neither
        // dense, and neither has an element.
        ReadOnlyTensorSpan<float> NoRowsOfHalf() => wide.AsReadOnlyTensorSpan().Slice([new NRange(0, 0), new NRange(0, F)]);
        ReadOnlyTensorSpan<float> NoBroadcastRows() => new(memory, [0, F], [0, 1]);
        TensorSpan<float> NoRowsInto() => new(memory, [0, F], [0, 1]);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(k.PrototypeDiversityLoss(NoRowsOfHalf(), [], 1f)));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(k.PrototypeDiversityLoss(NoBroadcastRows(), [], NoRowsInto(), 1f)));
        Assert.Equal(before, memory);
    }

    /// <summary>The same rules for the relevance tensors on the generated class's own members.</summary>
    [Fact]
    public void Generated_static_proxes_take_shaped_rows_of_relevances() =>
        RelevanceTensorsAreShapedRows(
            (in ReadOnlyTensorSpan<float> r, in TensorSpan<float> d) => Shape4x3x64f.SparseRelevanceProximal(r, d, 0.1f, 1f),
            (in ReadOnlyTensorSpan<float> r, in TensorSpan<float> d) => Shape4x3x64f.ElasticNetProximal(r, d, 0.1f, 0.1f, 1f),
            (in TensorSpan<float> r) => Shape4x3x64f.SparseRelevanceProximal(r, 0.1f, 1f),
            (in TensorSpan<float> r) => Shape4x3x64f.ElasticNetProximal(r, 0.1f, 0.1f, 1f));

    private delegate int ProxInto(in ReadOnlyTensorSpan<float> relevances, in TensorSpan<float> destination);

    private delegate int ProxInPlace(in TensorSpan<float> relevances);

    /// <summary>
    /// Relevance tensors are [F] or [k, F]: a flat [2F], or rows of another width whose element count F divides, are
    /// refused naming <c>relevances</c> and left as they were, though their values are whole rows of F. Where the
    /// relevances and a destination of other lengths are both wrong, the relevances are named, as by the span overloads.
    /// </summary>
    private static void RelevanceTensorsAreShapedRows(ProxInto soft, ProxInto elastic, ProxInPlace softInPlace, ProxInPlace elasticInPlace)
    {
        foreach (nint[] lengths in new nint[][] { [2 * F], [1, 2 * F], [2, 2 * F], [3, 4, F] })
        {
            int count = (int)lengths.Aggregate((a, b) => a * b);
            string expected = $"relevances has lengths [{string.Join(", ", lengths)}]; expected [{F}] or [k, {F}].";
            foreach (ProxInto prox in new[] { soft, elastic })
            {
                float[] destination = [.. Enumerable.Repeat(42f, count)];
                var ex = Assert.ThrowsAny<ArgumentException>(() => prox(Tensor.Create(s_w[..count], lengths), new TensorSpan<float>(destination, lengths)));
                Assert.Equal("relevances", ex.ParamName);
                Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
                Assert.All(destination, v => Assert.Equal(42f, v));

                // With a destination of other lengths as well.
                float[] other = [.. Enumerable.Repeat(42f, 2 * F)];
                Assert.Equal("relevances", Assert.ThrowsAny<ArgumentException>(() => prox(Tensor.Create(s_w[..count], lengths), new TensorSpan<float>(other, [2, F]))).ParamName);
                Assert.All(other, v => Assert.Equal(42f, v));
            }

            foreach (ProxInPlace prox in new[] { softInPlace, elasticInPlace })
            {
                float[] values = s_w[..count];
                var ex = Assert.ThrowsAny<ArgumentException>(() => prox(new TensorSpan<float>(values, lengths)));
                Assert.Equal("relevances", ex.ParamName);
                Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
                Assert.Equal(s_w[..count], values);
            }
        }
    }

    [Fact]
    public void Generated_in_place_tensor_prox_is_bit_identical_to_the_span_one_float()
    {
        float[] x = TestData.Values(3 * F, 22, 0.5).ToFloat();
        float[] expected = new float[x.Length];
        int count = Shape4x3x64f.ElasticNetProximal(x, expected, 0.1f, 0.8f, 0.5f);
        Tensor<float> values = Tensor.Create((float[])x.Clone(), [3, F]);
        Assert.Equal(count, Shape4x3x64f.ElasticNetProximal(values.AsTensorSpan(), 0.1f, 0.8f, 0.5f));
        Assert.Equal(expected, values.ToArray());
        Assert.Contains(expected, v => v == 0);
        Assert.Contains(expected, v => v != 0);

        count = Shape4x3x64f.SparseRelevanceProximal(x, expected, 0.1f, 0.5f);
        values = Tensor.Create((float[])x.Clone(), [3, F]);
        Assert.Equal(count, Shape4x3x64f.SparseRelevanceProximal(values.AsTensorSpan(), 0.1f, 0.5f));
        Assert.Equal(expected, values.ToArray());
    }

    [Fact]
    public void Generated_in_place_tensor_prox_is_bit_identical_to_the_span_one_double()
    {
        double[] x = TestData.Values(2 * F, 23, 0.5);
        double[] expected = new double[x.Length];
        int count = Shape4x3x64d.ElasticNetProximal(x, expected, 0.1, 0.8, 0.5);
        Tensor<double> values = Tensor.Create((double[])x.Clone(), [2, F]);
        Assert.Equal(count, Shape4x3x64d.ElasticNetProximal(values.AsTensorSpan(), 0.1, 0.8, 0.5));
        Assert.Equal(expected, values.ToArray());
        Assert.Contains(expected, v => v == 0);
        Assert.Contains(expected, v => v != 0);
    }

    /// <summary>
    /// Counted on every thread, in a process where nothing else runs (see <see cref="Allocations"/>): the tensor
    /// overloads of every engine allocate nothing, as the span ones do.
    /// </summary>
    [Theory]
    [MemberData(nameof(ClassKernelEngines.FloatShapes), MemberType = typeof(ClassKernelEngines))]
    [MemberData(nameof(ClassKernelEngines.DoubleShapes), MemberType = typeof(ClassKernelEngines))]
    public void Tensor_calls_allocate_nothing(string shape) =>
        Allocations.Measure(TensorAllocations.Suite)[shape].AssertNone(shape);

    /// <summary>The same for the tensor members the generator writes on a class (every form, on one shape).</summary>
    [Fact]
    public void Generated_static_tensor_calls_allocate_nothing() =>
        Allocations.Measure(TensorAllocations.Suite)[TensorAllocations.Statics].AssertNone(TensorAllocations.Statics);
}
