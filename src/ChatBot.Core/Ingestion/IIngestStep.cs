namespace ChatBot.Core.Ingestion;

/// <summary>
/// Work that follows the article sync, such as embedding passages that have no vector yet for the current model.
/// Steps must be idempotent: an ingest that changed nothing should make them do nothing.
/// </summary>
public interface IIngestStep
{
    /// <param name="articlesChanged">Whether the sync added, replaced or removed any article.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    Task RunAsync(bool articlesChanged, CancellationToken cancellationToken = default);
}
