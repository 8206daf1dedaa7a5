using System.Numerics.Tensors;
using ChatBot.Onnx.Modeling.Graph;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Quantization;
using ChatBot.Onnx.Modeling.Tests.Support;

namespace ChatBot.Onnx.Modeling.Tests.Quantization;

/// <summary>Runs one int8 dense layer in ONNX Runtime (the official runtime) against the float product.</summary>
public sealed class Int8DenseLayerEmitterTests
{
    private const int Batch = 6;
    private const int Inputs = 64;
    private const int Outputs = 24;

    [Theory]
    [InlineData(QuantizedMatMulOperators.Standard)]
    [InlineData(QuantizedMatMulOperators.MatMulIntegerToFloat)]
    [InlineData(QuantizedMatMulOperators.DynamicQuantizeMatMul)]
    public void The_quantized_layer_computes_x_times_w_plus_b_within_the_quantization_error(QuantizedMatMulOperators operators)
    {
        var (x, weight, bias) = Layer();
        var expected = FloatLayer(x, weight, bias);

        var actual = Run(new Int8DenseLayerEmitter(operators, Int8WeightQuantizer.ReducedRange), x, weight, bias);

        // 7-bit weights and 8-bit activations: each output row stays close in direction and size.
        for (var row = 0; row < Batch; row++)
        {
            var want = expected.AsSpan(row * Outputs, Outputs);
            var got = actual.AsSpan(row * Outputs, Outputs);
            Assert.True(TensorPrimitives.CosineSimilarity(want, got) > 0.999f, $"row {row}: cosine {TensorPrimitives.CosineSimilarity(want, got)}");
            Assert.InRange(TensorPrimitives.Norm(got) / TensorPrimitives.Norm(want), 0.99f, 1.01f);
        }
    }

    [Fact]
    public void All_three_operator_choices_give_the_same_result()
    {
        var (x, weight, bias) = Layer();

        var standard = Run(new Int8DenseLayerEmitter(QuantizedMatMulOperators.Standard), x, weight, bias);
        var integerToFloat = Run(new Int8DenseLayerEmitter(QuantizedMatMulOperators.MatMulIntegerToFloat), x, weight, bias);
        var fused = Run(new Int8DenseLayerEmitter(QuantizedMatMulOperators.DynamicQuantizeMatMul), x, weight, bias);

        for (var i = 0; i < standard.Length; i++)
        {
            Assert.Equal(standard[i], integerToFloat[i], 1e-4f);
            Assert.Equal(standard[i], fused[i], 1e-4f);
        }
    }

    [Fact]
    public void The_integer_product_is_exact_for_inputs_that_quantize_exactly()
    {
        // Inputs on the uint8 grid of DynamicQuantizeLinear (min 0, max 2.55 → scale 0.01, zero point 0) and weights
        // that are whole multiples of their column scale: no rounding anywhere, so the result equals the float one.
        var x = Enumerable.Range(0, Batch * Inputs).Select(i => (i * 37 % 256) / 100f).ToArray();
        x[0] = 2.55f;
        var weight = Enumerable.Range(0, Inputs * Outputs).Select(i => ((i * 13 % 127) - 63) / 1000f).ToArray();
        var bias = Enumerable.Range(0, Outputs).Select(i => i / 10f).ToArray();
        for (var column = 0; column < Outputs; column++)
        {
            weight[column] = 0.063f; // row 0 holds each column's largest magnitude, so the scale is 0.063 / 63
        }

        var actual = Run(new Int8DenseLayerEmitter(QuantizedMatMulOperators.Standard, Int8WeightQuantizer.ReducedRange), x, weight, bias);
        var expected = FloatLayer(x, weight, bias);

        for (var i = 0; i < expected.Length; i++)
        {
            // Only float rounding of the final rescale remains (outputs are below 20).
            Assert.Equal(expected[i], actual[i], 1e-4f);
        }
    }

    [Fact]
    public void Contrib_operators_import_the_microsoft_domain_and_the_standard_chain_does_not()
    {
        var (_, weight, bias) = Layer();

        var contrib = Model(new Int8DenseLayerEmitter(QuantizedMatMulOperators.MatMulIntegerToFloat), weight, bias);
        var standard = Model(new Int8DenseLayerEmitter(QuantizedMatMulOperators.Standard), weight, bias);

        Assert.Contains(contrib.OpsetImport, import => import.Domain == Int8DenseLayerEmitter.MicrosoftDomain && import.Version == 1);
        Assert.DoesNotContain(standard.OpsetImport, import => import.Domain.Length > 0);
        Assert.Contains(standard.Graph.Node, node => node.OpType == "MatMulInteger");
        Assert.Contains(standard.Graph.Initializer, tensor => tensor.DataType == (int)TensorProto.Types.DataType.Int8 && tensor.RawData.Length == Inputs * Outputs);
        Assert.DoesNotContain(standard.Graph.Node, node => node.OpType == "MatMul");
    }

    private static float[] Run(IDenseLayerEmitter emitter, float[] x, float[] weight, float[] bias)
    {
        using var session = TestRuns.Open(Bytes(emitter, weight, bias));
        return session.Run([TestInput.Float("x", x, Batch, Inputs)], "y").AsFloats();
    }

    private static ModelProto Model(IDenseLayerEmitter emitter, float[] weight, float[] bias) => ModelProto.Parser.ParseFrom(Bytes(emitter, weight, bias));

    private static byte[] Bytes(IDenseLayerEmitter emitter, float[] weight, float[] bias)
    {
        var graph = new OnnxGraphBuilder("dense");
        var x = graph.AddInput("x", TensorProto.Types.DataType.Float, "batch", Inputs);
        var y = emitter.Emit(graph, "dense", x, weight, Inputs, Outputs, bias);
        graph.AddOutput("y", y, TensorProto.Types.DataType.Float, "batch", Outputs);
        return graph.ToBytes("tests");
    }

    private static (float[] X, float[] Weight, float[] Bias) Layer()
    {
        var random = new Random(42);
        var x = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)(random.NextDouble() * 4) - 2f).ToArray();
        var weight = Int8WeightQuantizerTests.Matrix(seed: 9, Inputs, Outputs);
        var bias = Enumerable.Range(0, Outputs).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        return (x, weight, bias);
    }

    private static float[] FloatLayer(float[] x, float[] weight, float[] bias)
    {
        var y = new float[Batch * Outputs];
        for (var row = 0; row < Batch; row++)
        {
            for (var column = 0; column < Outputs; column++)
            {
                var sum = (double)bias[column];
                for (var k = 0; k < Inputs; k++)
                {
                    sum += (double)x[(row * Inputs) + k] * weight[(k * Outputs) + column];
                }

                y[(row * Outputs) + column] = (float)sum;
            }
        }

        return y;
    }
}
