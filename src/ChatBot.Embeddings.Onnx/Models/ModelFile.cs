namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>One file of a model: where it lives in the model folder, its sha256 and where to download it.</summary>
/// <param name="Path">Relative to the model folder.</param>
/// <param name="Sha256">Lower-case hex; null when no verified value is known (then the file is not verifiable).</param>
/// <param name="Url">Pinned download URL; null for files that are built locally rather than downloaded.</param>
public sealed record ModelFile(string Path, string? Sha256, Uri? Url);
