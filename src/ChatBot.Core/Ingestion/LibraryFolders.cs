using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// The one definition of the library: the folders whose articles the bot answers from. Every sync covers exactly
/// these folders; only <see cref="Add"/> and <see cref="Remove"/> change them, and each writes the whole list to
/// the library file (atomically: a temporary file renamed over it).
/// </summary>
public sealed class LibraryFolders(IOptions<LibraryOptions> options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string FilePath => Path.GetFullPath(options.Value.File);

    /// <summary>Whether the list comes from the library file (true) or from configuration (false).</summary>
    public bool IsRecorded => System.IO.File.Exists(FilePath);

    /// <summary>The folders, as full paths, in the order they were added.</summary>
    public IReadOnlyList<string> Current()
    {
        if (!IsRecorded)
        {
            var configured = options.Value.Folders.Count > 0 ? options.Value.Folders : [options.Value.SeedsPath];
            return configured.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        }

        try
        {
            var recorded = JsonSerializer.Deserialize<LibraryFile>(System.IO.File.ReadAllText(FilePath));
            return (recorded?.Folders ?? []).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"{FilePath} (the library's folder list) is not valid JSON at line {(ex.LineNumber ?? 0) + 1}: fix it or delete it to use Library:Folders");
        }
    }

    /// <returns>False when the folder was already in the library.</returns>
    public bool Add(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"Article folder not found: {full}");
        }

        var folders = Current().ToList();
        if (folders.Contains(full, StringComparer.Ordinal))
        {
            return false;
        }

        folders.Add(full);
        Write(folders);
        return true;
    }

    /// <returns>False when the folder was not in the library.</returns>
    public bool Remove(string folder)
    {
        var full = Path.GetFullPath(folder);
        var folders = Current().ToList();
        if (!folders.Remove(full))
        {
            return false;
        }

        Write(folders);
        return true;
    }

    private void Write(IReadOnlyList<string> folders)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temporary = $"{FilePath}.{Environment.ProcessId}.tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(new LibraryFile(folders.ToList()), Indented));
        System.IO.File.Move(temporary, FilePath, overwrite: true);
    }

    private sealed record LibraryFile(List<string> Folders);
}
