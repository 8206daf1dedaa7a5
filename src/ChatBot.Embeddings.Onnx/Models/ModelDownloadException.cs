namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>A model could not be downloaded; the message says why in plain words (e.g. "no network: …").</summary>
public sealed class ModelDownloadException(string message, Exception? innerException = null) : Exception(message, innerException);
