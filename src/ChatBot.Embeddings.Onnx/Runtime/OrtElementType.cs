namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>The tensor element types this binding exchanges with ONNX Runtime (values of ONNXTensorElementDataType).</summary>
public enum OrtElementType
{
    Float = 1,
    Int32 = 6,
    Int64 = 7,
}
