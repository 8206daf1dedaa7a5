namespace ChatBot.Core.Ingestion;

/// <summary>One article file as found on disk, with its optional sidecar, before any processing.</summary>
/// <param name="Id">The article's identity (see <see cref="ArticleFile.Id"/>).</param>
/// <param name="RawText">The scrape, verbatim.</param>
/// <param name="SidecarJson">Contents of <c>&lt;id&gt;.meta.json</c>, when present.</param>
/// <param name="Path">Where the file was read from, for error messages.</param>
public sealed record ArticleSource(string Id, string RawText, string? SidecarJson, string Path)
{
    /// <summary>The library folder the file belongs to (full path); empty for sources not read from a library folder.</summary>
    public string Folder { get; init; } = string.Empty;
}
