namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>The native ONNX Runtime library is not present and could not be fetched; the message says how to get it.</summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
