namespace ChatBot.Testing;

/// <summary>A fresh folder under the system temp dir, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A fresh folder holding a copy of every file of <paramref name="folder"/> (e.g. the seeds, to change or break).</summary>
    public static TempDirectory CopyOf(string folder)
    {
        var copy = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            System.IO.File.Copy(file, copy.File(System.IO.Path.GetFileName(file)));
        }

        return copy;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI machine is not worth failing a test over.
        }
    }
}
