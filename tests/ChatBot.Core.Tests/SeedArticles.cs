using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Passages;
using ChatBot.Testing;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests;

/// <summary>The repository's seed articles run through the real processing pipeline (no storage).</summary>
internal static class SeedArticles
{
    public const string MoscowTimes = "000_f2449a9af08e5e18";
    public const string SputnikVisitsSuspended = "001_a7293964405338a4";
    public const string RferlVladivostok = "002_eba0712a350a7d7c";
    public const string SputnikJapanVisit = "003_7c7c5e7f1d640ede";
    public const string SputnikAntalya = "004_92e40dcac4cd9379";

    public static readonly string[] All = [MoscowTimes, SputnikVisitsSuspended, RferlVladivostok, SputnikJapanVisit, SputnikAntalya];

    public static ArticleProcessor Processor() =>
        new(new ArticleCleaner(), new ArticleMetadataExtractor(), new PassageSplitter(Options.Create(new PassageOptions())), new ArticleSidecarParser(TimeProvider.System));

    public static string Raw(string id) => File.ReadAllText(Path.Combine(RepoPaths.Seeds, id + ".txt"));

    public static ArticleSource Source(string id, bool withSidecar = true)
    {
        var sidecarPath = Path.Combine(RepoPaths.Seeds, id + SeedFolderReader.SidecarSuffix);
        var sidecar = withSidecar && File.Exists(sidecarPath) ? File.ReadAllText(sidecarPath) : null;
        return new ArticleSource(id, Raw(id), sidecar, id);
    }

    public static ProcessedArticle Process(string id, bool withSidecar = true) => Processor().Process(Source(id, withSidecar));

    public static CleanedScrape Clean(string id) => new ArticleCleaner().Clean(Raw(id));
}
