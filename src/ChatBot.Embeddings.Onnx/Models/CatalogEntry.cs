namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>One model the catalog knows: its manifest, whether it can be downloaded, whether its files are present.</summary>
public sealed record CatalogEntry(ModelManifest Manifest, bool Downloadable, bool Present);
