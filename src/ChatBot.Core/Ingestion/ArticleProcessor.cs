using System.Security.Cryptography;
using System.Text;
using ChatBot.Core.Articles;
using ChatBot.Core.Passages;
using ChatBot.Core.Text;

namespace ChatBot.Core.Ingestion;

/// <summary>Cleans a scrape, extracts its metadata and splits it into passages.</summary>
public sealed class ArticleProcessor(
    ArticleCleaner cleaner, ArticleMetadataExtractor extractor, PassageSplitter splitter, ArticleSidecarParser sidecars)
{
    /// <summary>
    /// Part of every content hash: bump it when cleaning, metadata or splitting rules change, so stored
    /// articles are re-processed once instead of keeping stale passages.
    /// </summary>
    public const string PipelineVersion = "2"; // 2: control characters removed (ControlCharacters)

    /// <exception cref="InvalidDataException">The sidecar is broken or invalid; the message names it, the field and the expected format.</exception>
    public ProcessedArticle Process(ArticleSource source)
    {
        var sidecar = ParseSidecar(source);
        // Untrusted text loses its control characters here, once, before anything is stored or shown.
        var scrape = cleaner.Clean(ControlCharacters.Remove(source.RawText));
        var extracted = extractor.Extract(source.Id, scrape, sidecar);
        var metadata = extracted.Metadata with
        {
            Title = ControlCharacters.Remove(extracted.Metadata.Title),
            Publisher = ControlCharacters.RemoveFromOptional(extracted.Metadata.Publisher),
            Url = ControlCharacters.RemoveFromOptional(extracted.Metadata.Url),
        };
        var body = ArticleBody.From(scrape.Blocks);
        var passages = splitter.Split(source.Id, body);
        var warnings = passages.Count == 0 ? extracted.Warnings.Append("no passages: the body is empty").ToList() : extracted.Warnings;
        return new ProcessedArticle(metadata, body.Text, passages, warnings, ContentHash(source)) { Folder = source.Folder };
    }

    public static string ContentHash(ArticleSource source)
    {
        var bytes = Encoding.UTF8.GetBytes($"{PipelineVersion}\u0000{source.RawText}\u0000{source.SidecarJson}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private ArticleSidecar? ParseSidecar(ArticleSource source)
    {
        if (source.SidecarJson is null)
        {
            return null;
        }

        try
        {
            return sidecars.Parse(source.SidecarJson);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{SidecarPath(source)}: {ex.Message}", ex);
        }
    }

    private static string SidecarPath(ArticleSource source) =>
        source.Path.EndsWith(".txt", StringComparison.Ordinal) ? source.Path[..^4] + SeedFolderReader.SidecarSuffix : source.Id + SeedFolderReader.SidecarSuffix;
}
