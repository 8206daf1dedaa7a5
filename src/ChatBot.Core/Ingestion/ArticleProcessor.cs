using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatBot.Core.Articles;
using ChatBot.Core.Passages;

namespace ChatBot.Core.Ingestion;

/// <summary>Cleans a scrape, extracts its metadata and splits it into passages.</summary>
public sealed class ArticleProcessor(ArticleCleaner cleaner, ArticleMetadataExtractor extractor, PassageSplitter splitter)
{
    /// <summary>
    /// Part of every content hash: bump it when cleaning, metadata or splitting rules change, so stored
    /// articles are re-processed once instead of keeping stale passages.
    /// </summary>
    public const string PipelineVersion = "1";

    public ProcessedArticle Process(ArticleSource source)
    {
        var sidecar = ParseSidecar(source);
        var scrape = cleaner.Clean(source.RawText);
        var extracted = extractor.Extract(source.Id, scrape, sidecar);
        var body = ArticleBody.From(scrape.Blocks);
        var passages = splitter.Split(source.Id, body);
        var warnings = passages.Count == 0 ? extracted.Warnings.Append("no passages: the body is empty").ToList() : extracted.Warnings;
        return new ProcessedArticle(extracted.Metadata, body.Text, passages, warnings, ContentHash(source));
    }

    public static string ContentHash(ArticleSource source)
    {
        var bytes = Encoding.UTF8.GetBytes($"{PipelineVersion}\u0000{source.RawText}\u0000{source.SidecarJson}");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static ArticleSidecar? ParseSidecar(ArticleSource source)
    {
        if (source.SidecarJson is null)
        {
            return null;
        }

        ArticleSidecar? sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<ArticleSidecar>(source.SidecarJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source.Id}{SeedFolderReader.SidecarSuffix}: not valid JSON ({ex.Message})", ex);
        }

        if (sidecar is { Published: not null, DateBasis: null or "" })
        {
            throw new InvalidDataException(
                $"{source.Id}{SeedFolderReader.SidecarSuffix}: 'date_basis' is required when 'published' is given");
        }

        return sidecar;
    }
}
