namespace ChatBot.Core.Ingestion;

/// <summary>
/// Work that follows the article sync, such as embedding passages that have no vector yet for the current model.
/// Steps must be idempotent: an ingest that changed nothing should make them do nothing.
/// </summary>
public interface IIngestStep
{
    Task RunAsync(CancellationToken cancellationToken = default);
}
