using System.Text.Json;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// What set-up last verified in a model folder (<c>.verified.json</c>): each file's size, modification time and
/// sha256. A start-up whose files still have that size and time takes the recorded hash instead of reading the
/// 90 MB model again; any change to a file (truncated, replaced, edited) changes them, and the file is hashed in
/// full — the same policy ingestion applies to article files. <c>models verify</c> always hashes in full.
/// </summary>
internal sealed class VerifiedFileStamps
{
    public const string FileName = ".verified.json";

    private readonly string _path;
    private readonly Dictionary<string, Stamp> _stamps;

    private VerifiedFileStamps(string path, Dictionary<string, Stamp> stamps)
    {
        _path = path;
        _stamps = stamps;
    }

    public static VerifiedFileStamps Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, FileName);
        try
        {
            return new VerifiedFileStamps(path, File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, Stamp>>(File.ReadAllText(path)) ?? []
                : []);
        }
        catch (JsonException)
        {
            return new VerifiedFileStamps(path, []); // unreadable stamps only cost a full hash
        }
    }

    /// <summary>The recorded sha256 when <paramref name="file"/> is unchanged since it was recorded; else null.</summary>
    public string? Recorded(string relativePath, FileInfo file) =>
        _stamps.TryGetValue(relativePath, out var stamp) && stamp.Length == file.Length && stamp.ModifiedUtcTicks == file.LastWriteTimeUtc.Ticks
            ? stamp.Sha256
            : null;

    public void Record(string relativePath, FileInfo file, string sha256)
    {
        file.Refresh();
        _stamps[relativePath] = new Stamp(file.Length, file.LastWriteTimeUtc.Ticks, sha256);
    }

    /// <summary>Writes the stamps (staged and moved, so a reader never sees half a file); a folder that cannot be written only costs full hashes next time.</summary>
    public void Save()
    {
        var staged = $"{_path}.{Guid.NewGuid():N}.partial";
        try
        {
            File.WriteAllText(staged, JsonSerializer.Serialize(_stamps));
            File.Move(staged, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(staged);
        }
    }

    private sealed record Stamp(long Length, long ModifiedUtcTicks, string Sha256);
}
