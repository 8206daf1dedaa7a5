namespace ChatBot.Core.Ingestion;

/// <summary>An article file found in a library folder, not yet read.</summary>
/// <param name="Id">
/// The article's identity in the index: the file name without extension, or, when an earlier library folder
/// holds a file of the same name, that name qualified by its own folder (<c>other/000_x</c>).
/// </param>
/// <param name="Path">The article's <c>.txt</c> file.</param>
/// <param name="SidecarPath">Its <c>.meta.json</c> sidecar, when there is one.</param>
/// <param name="Signature">
/// Size and modification time of both files (and the pipeline version). Equal to the stored signature means the
/// files were not touched since they were ingested, so they need not be read at all. Null when a file changed in
/// the last seconds: a second write within the clock's resolution could keep size and time, so such files are
/// always read and hashed.
/// </param>
/// <param name="Folder">The library folder (full path) the file was found in.</param>
public sealed record ArticleFile(string Id, string Path, string? SidecarPath, string? Signature, string Folder = "");

/// <summary>A file that was not ingested, and why: one line for the user.</summary>
public sealed record SkippedFile(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
