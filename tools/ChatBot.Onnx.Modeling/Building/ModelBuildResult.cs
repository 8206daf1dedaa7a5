namespace ChatBot.Onnx.Modeling.Building;

/// <summary>The files of a built model, and whether this call produced them or found them already built.</summary>
public sealed record ModelBuildResult(string ModelPath, string VocabularyPath, string ManifestPath, bool Built);
