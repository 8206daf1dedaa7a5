namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>One file of a model: where it lives in the model folder, its sha256 and where it is extracted from.</summary>
/// <param name="Path">Relative to the model folder.</param>
/// <param name="Sha256">Lower-case hex; null when no verified value is known (then the file is not verifiable).</param>
/// <param name="Resource">The manifest resource of the model's package assembly holding the file; null for files built locally.</param>
public sealed record ModelFile(string Path, string? Sha256, string? Resource);
