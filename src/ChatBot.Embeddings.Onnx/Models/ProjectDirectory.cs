namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// The project's root: the first folder holding ChatBot.sln above the app folder or the working directory (outside a
/// checkout, the working directory). Relative model paths are taken from it, so "models" means the same folder
/// wherever the app starts.
/// </summary>
public static class ProjectDirectory
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

    /// <summary>A relative path is taken from the project root.</summary>
    public static string ResolveFromRoot(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(FindRoot(), path));
}
