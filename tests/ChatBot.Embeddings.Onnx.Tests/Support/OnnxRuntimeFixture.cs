using ChatBot.Embeddings.Onnx.Runtime;

namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>
/// Loads the real native ONNX Runtime once per test run, fetching it into the project cache first if needed
/// (npm is allowed in tests here).
/// </summary>
public sealed class OnnxRuntimeFixture : IDisposable
{
    public OnnxRuntimeFixture()
    {
        LibraryPath = OnnxRuntimeInstaller.EnsureInstalledAsync().GetAwaiter().GetResult();
        Runtime = OnnxRuntimeLibrary.Load(LibraryPath);
    }

    public string LibraryPath { get; }

    public OnnxRuntimeLibrary Runtime { get; }

    public void Dispose() => Runtime.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OnnxRuntimeCollection : ICollectionFixture<OnnxRuntimeFixture>
{
    public const string Name = "onnxruntime";
}
