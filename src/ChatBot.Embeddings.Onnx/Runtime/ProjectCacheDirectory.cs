namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// The project's download cache: <c>.cache/</c> at the repository root (gitignored). The root is the first
/// folder holding ChatBot.sln above the app folder or the working directory; outside a checkout the working
/// directory is used.
/// </summary>
public static class ProjectCacheDirectory
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
                {
                    return Path.Combine(dir.FullName, ".cache");
                }
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), ".cache");
    }

    /// <summary>The folder the pinned ONNX Runtime is cached in: <c>.cache/onnxruntime/1.30.0/</c>.</summary>
    public static string OnnxRuntime(string? cacheRoot = null) =>
        Path.Combine(cacheRoot ?? Find(), "onnxruntime", OnnxRuntimeRelease.Version);
}
