using System.Diagnostics.Metrics;
using ChatBot.Core.Diagnostics;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Host.Observability;

/// <summary>
/// The index gauges, read from what this replica holds in memory at scrape time (no database call): passages and
/// articles in the BM25 index, the generations loaded (a replica whose generation lags the others' has not caught
/// up with an ingest), and how many times each index was loaded.
/// </summary>
internal sealed class IndexMetrics
{
    public IndexMetrics(ChatBotMetrics metrics, ILexicalIndexSource lexicalSource, DenseIndex dense)
    {
        var lexical = lexicalSource as LexicalIndexCache;
        var meter = metrics.Meter;
        meter.CreateObservableGauge(
            "chatbot.index.passages", () => Observe(lexical?.Loaded?.PassageCount), "{passage}", "Passages in the BM25 index in memory.");
        meter.CreateObservableGauge(
            "chatbot.index.articles", () => Observe(lexical?.Loaded?.ArticleCount), "{article}", "Articles with passages in the BM25 index in memory.");
        meter.CreateObservableGauge(
            "chatbot.index.generation",
            () => Tagged(("bm25", lexical?.Loaded?.Generation), ("vectors", dense.LoadedGeneration)),
            null,
            "Store generation of each index in memory (bm25: passages, vectors: passage vectors).");
        meter.CreateObservableCounter(
            "chatbot.index.loads",
            () => Tagged(("bm25", lexical?.Loads), ("vectors", dense.Loads)),
            "{load}",
            "Index loads and reloads after the store's generation moved, by index (the first load included).");
    }

    private static IEnumerable<Measurement<long>> Observe(long? value) => value is { } v ? [new Measurement<long>(v)] : [];

    private static IEnumerable<Measurement<long>> Tagged(params (string Index, long? Value)[] values) =>
        values.Where(v => v.Value is not null)
            .Select(v => new Measurement<long>(v.Value!.Value, new KeyValuePair<string, object?>("index", v.Index)));
}
