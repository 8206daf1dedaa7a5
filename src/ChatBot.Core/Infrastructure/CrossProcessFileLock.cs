namespace ChatBot.Core.Infrastructure;

/// <summary>
/// An exclusive lock on a file, held until disposed, so that two processes (e.g. test projects running in
/// parallel) never fetch or build the same cached artefact at once. The second waits, then finds the work done.
/// </summary>
public static class CrossProcessFileLock
{
    public static async Task<IAsyncDisposable> AcquireAsync(string lockPath, TimeSpan wait, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
