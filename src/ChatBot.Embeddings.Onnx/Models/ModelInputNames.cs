namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>The graph's input names; the optional ones are fed only when the model declares them.</summary>
public sealed record ModelInputNames(string InputIds, string? AttentionMask, string? TokenTypeIds);
