using System.Globalization;
using ChatBot.Core.Ingestion;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// The ingest lock of one database file: an exclusive lock on <c>&lt;database&gt;.ingest-lock</c> (flock on Linux,
/// so the kernel drops it when the holder exits or is killed), and a note beside it saying who holds it.
/// </summary>
public sealed class SqliteIngestLock(SqliteDatabase database, TimeProvider time) : IIngestLock
{
    private string LockPath => database.FilePath + ".ingest-lock";

    private string OwnerPath => database.FilePath + ".ingest-owner";

    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        FileStream stream;
        try
        {
            stream = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }

        var since = time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        File.WriteAllText(OwnerPath, $"process {Environment.ProcessId} (`{CommandLine()}`, since {since})");
        return Task.FromResult<IAsyncDisposable?>(new Held(stream));
    }

    public string DescribeHolder()
    {
        string owner;
        try
        {
            owner = File.Exists(OwnerPath) ? File.ReadAllText(OwnerPath).Trim() : "another process";
        }
        catch (IOException)
        {
            owner = "another process";
        }

        return $"the library sync by {owner}, which holds {LockPath}";
    }

    private static string CommandLine()
    {
        var text = string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        return text.Length switch
        {
            0 => "chatbot",
            > 60 => text[..60] + "…",
            _ => text,
        };
    }

    private sealed class Held(FileStream stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
