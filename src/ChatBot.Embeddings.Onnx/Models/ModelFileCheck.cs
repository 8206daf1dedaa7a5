namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>The result of checking one model file against its manifest entry.</summary>
public sealed record ModelFileCheck(string Path, ModelFileStatus Status, string? ActualSha256);
