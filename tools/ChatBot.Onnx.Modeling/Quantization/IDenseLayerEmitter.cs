using ChatBot.Onnx.Modeling.Graph;

namespace ChatBot.Onnx.Modeling.Quantization;

/// <summary>Writes a dense layer <c>y = x · W + b</c> whose weights are known when the graph is built.</summary>
public interface IDenseLayerEmitter
{
    /// <param name="weight">Row-major [inputs, outputs].</param>
    /// <returns>The name of the layer's output value.</returns>
    string Emit(OnnxGraphBuilder graph, string name, string input, ReadOnlySpan<float> weight, int inputs, int outputs, ReadOnlySpan<float> bias);
}
