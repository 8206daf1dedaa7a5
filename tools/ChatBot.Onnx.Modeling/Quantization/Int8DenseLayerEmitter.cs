using ChatBot.Onnx.Modeling.Graph;

namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>
/// Dense layers with int8 weights (see <see cref="Int8WeightQuantizer"/>) and dynamically quantized activations:
/// the input is quantized to uint8 per tensor at run time (DynamicQuantizeLinear: scale and zero point from the
/// tensor's own min/max), multiplied in integers, and rescaled to float by input scale × column scale. The bias
/// stays float. Use one instance per graph: it remembers which inputs it already quantized, so layers that read
/// the same value share one DynamicQuantizeLinear.
/// </summary>
public sealed class Int8DenseLayerEmitter(QuantizedMatMulOperators operators, int maxLevel = Int8WeightQuantizer.FullRange) : IDenseLayerEmitter
{
    /// <summary>ONNX Runtime's contrib operator domain.</summary>
    public const string MicrosoftDomain = "com.microsoft";

    private readonly Dictionary<string, (string Values, string Scale, string ZeroPoint)> _quantizedInputs = new(StringComparer.Ordinal);

    public QuantizedMatMulOperators Operators { get; } = operators;

    public int MaxLevel { get; } = maxLevel;

    public string Emit(OnnxGraphBuilder graph, string name, string input, ReadOnlySpan<float> weight, int inputs, int outputs, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var quantized = Int8WeightQuantizer.QuantizePerColumn(weight, inputs, outputs, MaxLevel);
        var weightName = graph.AddInitializer($"{name}.weight_int8", quantized.Values, inputs, outputs);
        var scaleName = graph.AddInitializer($"{name}.weight_scale", quantized.Scales, outputs);
        var biasName = graph.AddInitializer($"{name}.bias", bias, outputs);

        switch (Operators)
        {
            case QuantizedMatMulOperators.DynamicQuantizeMatMul:
                // b_zero_point is left out: it defaults to 0, which is what symmetric quantization means.
                return graph.DomainNode(MicrosoftDomain, 1, "DynamicQuantizeMatMul", [input, weightName, scaleName, string.Empty, biasName]);

            case QuantizedMatMulOperators.MatMulIntegerToFloat:
            {
                var (values, inputScale, zeroPoint) = QuantizeInput(graph, input);
                return graph.DomainNode(MicrosoftDomain, 1, "MatMulIntegerToFloat", [values, weightName, inputScale, scaleName, zeroPoint, string.Empty, biasName]);
            }

            case QuantizedMatMulOperators.Standard:
            {
                var (values, inputScale, zeroPoint) = QuantizeInput(graph, input);
                var product = graph.Node("MatMulInteger", [values, weightName, zeroPoint]);
                var rescale = graph.Mul(inputScale, scaleName);
                return graph.Add(graph.Mul(graph.CastToFloat(product), rescale), biasName);
            }

            default:
                throw new InvalidOperationException($"Unknown operator choice {Operators}.");
        }
    }

    private (string Values, string Scale, string ZeroPoint) QuantizeInput(OnnxGraphBuilder graph, string input)
    {
        if (!_quantizedInputs.TryGetValue(input, out var quantized))
        {
            var outputs = graph.NodeWithOutputs("DynamicQuantizeLinear", [input], 3);
            quantized = (outputs[0], outputs[1], outputs[2]);
            _quantizedInputs[input] = quantized;
        }

        return quantized;
    }
}
