namespace ChatBot.Embeddings.Onnx.Runtime;

/// <summary>
/// Finds the native library, in order: a configured path (file, or folder holding it), the app folder,
/// the project cache. Returns null when none has it; <see cref="OnnxRuntimeInstaller"/> can then fetch it.
/// </summary>
public static class OnnxRuntimeLocator
{
    public static string? Find(string? configuredPath, string? cacheDirectory = null) =>
        Candidates(configuredPath, cacheDirectory).FirstOrDefault(File.Exists);

    /// <summary>Every place looked at, in order; used in the "not found" message.</summary>
    public static IReadOnlyList<string> Candidates(string? configuredPath, string? cacheDirectory = null)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            candidates.Add(Directory.Exists(configuredPath)
                ? Path.Combine(configuredPath, OnnxRuntimeRelease.LibraryFileName)
                : configuredPath);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, OnnxRuntimeRelease.LibraryFileName));
        candidates.Add(Path.Combine(cacheDirectory ?? ProjectCacheDirectory.OnnxRuntime(), OnnxRuntimeRelease.LibraryFileName));
        return candidates;
    }
}
