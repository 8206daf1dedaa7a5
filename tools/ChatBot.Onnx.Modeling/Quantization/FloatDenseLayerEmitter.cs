using ChatBot.Onnx.Modeling.Graph;

namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>The plain float layer: MatMul by a float initializer, then Add the bias.</summary>
public sealed class FloatDenseLayerEmitter : IDenseLayerEmitter
{
    public string Emit(OnnxGraphBuilder graph, string name, string input, ReadOnlySpan<float> weight, int inputs, int outputs, ReadOnlySpan<float> bias)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var weightName = graph.AddInitializer($"{name}.weight", weight, inputs, outputs);
        var biasName = graph.AddInitializer($"{name}.bias", bias, outputs);
        return graph.Linear(input, weightName, biasName);
    }
}
