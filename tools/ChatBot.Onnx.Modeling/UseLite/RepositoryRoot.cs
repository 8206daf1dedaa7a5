namespace ChatBot.Onnx.Modeling.UseLite;

/// <summary>Resolves relative model and cache paths against the checkout (the folder holding ChatBot.sln).</summary>
internal static class RepositoryRoot
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ChatBot.sln")))
                {
                    return Path.GetFullPath(Path.Combine(directory.FullName, path));
                }
            }
        }

        return Path.GetFullPath(path);
    }
}
