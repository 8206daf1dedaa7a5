namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>A manifest that is missing, unreadable or invalid; the message names the file and the field.</summary>
public sealed class ModelManifestException(string message, Exception? innerException = null) : Exception(message, innerException);
