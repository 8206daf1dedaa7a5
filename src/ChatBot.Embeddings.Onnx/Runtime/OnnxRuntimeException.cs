namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>An error reported by ONNX Runtime itself, carrying its error code and its own message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : base($"ONNX Runtime error {errorCode}: {message}")
    {
        ErrorCode = errorCode;
        RuntimeMessage = message;
    }

    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime reported it.</summary>
    public string RuntimeMessage { get; }
}
