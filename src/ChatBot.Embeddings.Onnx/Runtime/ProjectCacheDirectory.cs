namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// The project's folders: the root is the first folder holding ChatBot.sln above the app folder or the working
/// directory (outside a checkout, the working directory); the download cache is <c>.cache/</c> under it (gitignored).
/// </summary>
public static class ProjectCacheDirectory
{
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    public static string Find() => Path.Combine(FindRoot(), ".cache");

    /// <summary>The folder the pinned ONNX Runtime is cached in: <c>.cache/onnxruntime/1.30.0/</c>.</summary>
    public static string OnnxRuntime(string? cacheRoot = null) =>
        Path.Combine(cacheRoot ?? Find(), "onnxruntime", OnnxRuntimeRelease.Version);

    /// <summary>A relative path is taken from the project root, so "models" means the same folder wherever the app starts.</summary>
    public static string ResolveFromRoot(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(FindRoot(), path));
}
