using System.Globalization;

namespace ChatBot.Storage.LiteDb;

/// <summary>
/// The one process allowed to open a LiteDB file. LiteDB's direct mode is not safe across processes (a second one
/// hangs or reads "page type must be index page") and its shared mode is 10–100× slower, so the first process takes
/// an exclusive lock on <c>&lt;file&gt;.lock</c> (flock on Linux: the kernel drops it when the holder exits or is
/// killed, so a crash needs no manual repair) and writes who it is beside it; any other process is refused at once.
/// </summary>
internal sealed class LiteDbProcessLock : IDisposable
{
    private readonly FileStream _stream;

    private LiteDbProcessLock(FileStream stream) => _stream = stream;

    public static string LockPath(string databasePath) => databasePath + ".lock";

    public static string OwnerPath(string databasePath) => databasePath + ".owner";

    /// <summary>Takes the lock or throws <see cref="LiteDbStoreInUseException"/> naming the holder.</summary>
    public static LiteDbProcessLock Acquire(string databasePath, TimeProvider time)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            throw new LiteDbStoreInUseException(
                $"The LiteDB file {databasePath} is in use by {DescribeHolder(databasePath)}; LiteDB serves one process at a time. " +
                "Stop that process or ask through it (its console or chat), or use Storage:Provider=Sqlite (several processes " +
                "on one machine) or Postgres (replicas).");
        }

        var since = time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        File.WriteAllText(OwnerPath(databasePath), $"process {Environment.ProcessId} (`{CommandLine()}`, since {since})");
        return new LiteDbProcessLock(stream);
    }

    private static string DescribeHolder(string databasePath)
    {
        try
        {
            var owner = File.ReadAllText(OwnerPath(databasePath)).Trim();
            return owner.Length > 0 ? owner : "another process";
        }
        catch (IOException)
        {
            return "another process";
        }
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

    public void Dispose() => _stream.Dispose();
}
