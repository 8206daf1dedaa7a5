namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>Values of the C API's GraphOptimizationLevel.</summary>
public enum OnnxGraphOptimizationLevel
{
    Disabled = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
