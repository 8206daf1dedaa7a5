namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>One model the catalog knows: its manifest, whether its files come from a NuGet package, whether they are present.</summary>
public sealed record CatalogEntry(ModelManifest Manifest, bool Packaged, bool Present);
