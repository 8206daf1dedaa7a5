using System.Numerics.Tensors;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Quantization;
using ChatBot.Onnx.Modeling.Tests.Support;
using ChatBot.Onnx.Modeling.TinyBert;
using Google.Protobuf;

namespace ChatBot.Onnx.Modeling.Tests.Quantization;

/// <summary>The MatMul rewrite on the seeded tiny BERT (2 layers, 6 dense layers and 2 attention products each).</summary>
public sealed class ConstantWeightMatMulQuantizerTests
{
    private const int Hidden = 32;
    private const int DenseMatMuls = 12;
    private const int AttentionMatMuls = 4;

    private static readonly byte[] TinyBert = new TinyBertModelBuilder().Build();

    public static TheoryData<QuantizedMatMulOperators, bool> Choices => new()
    {
        { QuantizedMatMulOperators.DynamicQuantizeMatMul, true },
        { QuantizedMatMulOperators.DynamicQuantizeMatMul, false },
        { QuantizedMatMulOperators.MatMulIntegerToFloat, true },
        { QuantizedMatMulOperators.MatMulIntegerToFloat, false },
        { QuantizedMatMulOperators.Standard, true },
    };

    [Theory]
    [MemberData(nameof(Choices))]
    public void Only_matmuls_by_constant_weights_are_rewritten_and_the_attention_products_stay_float(QuantizedMatMulOperators operators, bool foldBias)
    {
        var original = ModelProto.Parser.ParseFrom(TinyBert);

        var quantized = new ConstantWeightMatMulQuantizer(operators, Int8WeightQuantizer.ReducedRange, foldBias).Quantize(original);

        var initializers = quantized.Model.Graph.Initializer.ToDictionary(tensor => tensor.Name);
        var remaining = quantized.Model.Graph.Node.Where(node => node.OpType == "MatMul").ToList();
        Assert.Equal(DenseMatMuls, quantized.RewrittenMatMuls.Count);
        Assert.Equal(AttentionMatMuls, remaining.Count);
        Assert.All(remaining, node => Assert.DoesNotContain(node.Input, initializers.ContainsKey));
        // Every float matrix that fed a rewritten MatMul is gone; the three Gather'd embedding tables are still float.
        Assert.Equal(
            ["embeddings.position", "embeddings.token_type", "embeddings.word"],
            initializers.Values.Where(tensor => tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Dims.Count == 2).Select(tensor => tensor.Name).Order());
        Assert.Equal(DenseMatMuls, initializers.Values.Count(tensor => tensor.DataType == (int)TensorProto.Types.DataType.Int8));
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public void Every_node_but_the_rewritten_matmuls_and_their_bias_adds_is_kept_unchanged_and_in_order(QuantizedMatMulOperators operators, bool foldBias)
    {
        var original = ModelProto.Parser.ParseFrom(TinyBert);
        var quantized = new ConstantWeightMatMulQuantizer(operators, Int8WeightQuantizer.ReducedRange, foldBias).Quantize(original);
        var rewritten = quantized.RewrittenMatMuls.ToHashSet();
        var foldedAdds = quantized.Model.Graph.Node.Count(node => node.OpType == "Add") - original.Graph.Node.Count(node => node.OpType == "Add");

        var kept = original.Graph.Node.Where(node => !rewritten.Contains(node.Name)).ToList();
        var survivors = quantized.Model.Graph.Node.Where(node => kept.Any(node.Equals)).ToList();

        // With bias folding each dense layer's Add is taken into the quantized node (the standard chain writes an Add
        // of its own, after the rescale).
        Assert.Equal(kept.Count - (foldBias ? DenseMatMuls : 0), survivors.Count);
        Assert.Equal(kept.Where(survivors.Contains), survivors);
        Assert.Equal(foldBias ? (operators == QuantizedMatMulOperators.Standard ? 0 : -DenseMatMuls) : 0, foldedAdds);
    }

    [Theory]
    [MemberData(nameof(Choices))]
    public void The_quantized_graph_gives_token_states_close_to_the_float_graph(QuantizedMatMulOperators operators, bool foldBias)
    {
        var quantized = new ConstantWeightMatMulQuantizer(operators, Int8WeightQuantizer.ReducedRange, foldBias).Quantize(ModelProto.Parser.ParseFrom(TinyBert));
        using var floatSession = TestRuns.Open(TinyBert);
        using var int8Session = TestRuns.Open(quantized.Model.ToByteArray());
        long[][] rows = [[101, 7592, 2088, 999, 102], [101, 2023, 2003, 1037, 3231, 1997, 1996, 2291, 102]];

        var expected = TinyBertRuns.Run(floatSession, rows);
        var actual = TinyBertRuns.Run(int8Session, rows);

        Assert.Equal(expected.Shape, actual.Shape);
        var lowest = 1f;
        for (var token = 0; token < expected.Values.Length / Hidden; token++)
        {
            lowest = Math.Min(lowest, TensorPrimitives.CosineSimilarity(expected.Values.AsSpan(token * Hidden, Hidden), actual.Values.AsSpan(token * Hidden, Hidden)));
        }

        // Measured: lowest 0.9994 for every choice; a wrong scale, transposed weight or lost bias falls far below.
        Assert.True(lowest > 0.995f, $"lowest token cosine {lowest}");
    }

    [Fact]
    public void The_rewrite_is_deterministic_and_leaves_its_input_alone()
    {
        var original = ModelProto.Parser.ParseFrom(TinyBert);
        var quantizer = new ConstantWeightMatMulQuantizer(QuantizedMatMulOperators.DynamicQuantizeMatMul, Int8WeightQuantizer.ReducedRange, foldBias: true);

        var first = quantizer.Quantize(original).Model.ToByteArray();
        var second = quantizer.Quantize(ModelProto.Parser.ParseFrom(TinyBert)).Model.ToByteArray();

        Assert.Equal(first, second);
        Assert.Equal(TinyBert, original.ToByteArray());
    }

    [Fact]
    public void Fields_the_proto_subset_does_not_declare_survive_the_rewrite()
    {
        // ModelProto field 20 (training_info) is not in our onnx.proto: an empty one appended to the model's bytes is
        // kept by the parser as an unknown field and must be written out again.
        byte[] unknownField = [0xA2, 0x01, 0x00];
        var model = ModelProto.Parser.ParseFrom([.. TinyBert, .. unknownField]);

        var rewritten = new ConstantWeightMatMulQuantizer(QuantizedMatMulOperators.DynamicQuantizeMatMul, Int8WeightQuantizer.ReducedRange, foldBias: true)
            .Quantize(model).Model.ToByteArray();

        Assert.Equal(unknownField, rewritten[^unknownField.Length..]);
    }

    [Fact]
    public void A_weight_whose_values_are_not_in_the_model_is_a_clear_error()
    {
        // What a tensor stored in an external data file looks like to the parser: a shape and no values.
        var model = ModelProto.Parser.ParseFrom(TinyBert);
        model.Graph.Initializer.Single(tensor => tensor.Name == "layer0.attention.query.weight").RawData = ByteString.Empty;

        var error = Assert.Throws<InvalidDataException>(() =>
            new ConstantWeightMatMulQuantizer(QuantizedMatMulOperators.DynamicQuantizeMatMul, Int8WeightQuantizer.ReducedRange, foldBias: true).Quantize(model));

        Assert.Contains("layer0.attention.query.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_contrib_operators_import_the_microsoft_domain_once()
    {
        var quantized = new ConstantWeightMatMulQuantizer(QuantizedMatMulOperators.DynamicQuantizeMatMul, Int8WeightQuantizer.ReducedRange, foldBias: true)
            .Quantize(ModelProto.Parser.ParseFrom(TinyBert));

        Assert.Single(quantized.Model.OpsetImport, import => import.Domain == Int8DenseLayerEmitter.MicrosoftDomain && import.Version == 1);
        Assert.All(quantized.Model.Graph.Node.Where(node => node.OpType == "DynamicQuantizeMatMul"), node => Assert.Equal(Int8DenseLayerEmitter.MicrosoftDomain, node.Domain));
    }
}
