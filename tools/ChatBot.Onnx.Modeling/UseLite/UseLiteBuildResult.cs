namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>The files of a built USE-lite model, and whether this call produced them or found them already built.</summary>
public sealed record UseLiteBuildResult(string ModelPath, string VocabularyPath, string ManifestPath, bool Built);
