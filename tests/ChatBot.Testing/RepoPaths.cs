namespace ChatBot.Testing;

/// <summary>Finds the repository's folders from a test's working directory (bin/…), so tests run from anywhere.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find ChatBot.sln above " + AppContext.BaseDirectory);
    }
}
