namespace ChatBot.Core.Retrieval;

/// <summary>Finds the passages most likely to answer a question, best first.</summary>
public interface IPassageRetriever
{
    /// <summary>A short name for logs and eval reports, e.g. "bm25" or "hybrid".</summary>
    string Name { get; }

    Task<IReadOnlyList<RetrievalCandidate>> RetrieveAsync(string question, int limit, CancellationToken cancellationToken = default);

    /// <summary>Loads what the first question needs (indexes, model), so a front end can do it off the question's path.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
