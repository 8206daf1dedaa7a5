using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Brings the BM25 index up to date at the end of an ingest (and saves its snapshot), so the next question — in
/// this process or a new one — does not pay for the rebuild.
/// </summary>
public sealed class LexicalIndexRefreshStep(ILexicalIndexSource indexSource) : IIngestStep
{
    public async Task RunAsync(bool articlesChanged, CancellationToken cancellationToken = default) =>
        await indexSource.GetCurrentAsync(cancellationToken);
}
