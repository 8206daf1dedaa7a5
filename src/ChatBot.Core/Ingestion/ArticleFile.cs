namespace ChatBot.Core.Ingestion;

/// <summary>An article file found in the folder, not yet read.</summary>
/// <param name="Id">File name without extension.</param>
/// <param name="Path">The article's <c>.txt</c> file.</param>
/// <param name="SidecarPath">Its <c>.meta.json</c> sidecar, when there is one.</param>
/// <param name="Signature">
/// Size and modification time of both files (and the pipeline version). Equal to the stored signature means the
/// files were not touched since they were ingested, so they need not be read at all. Null when a file changed in
/// the last seconds: a second write within the clock's resolution could keep size and time, so such files are
/// always read and hashed.
/// </param>
public sealed record ArticleFile(string Id, string Path, string? SidecarPath, string? Signature);
