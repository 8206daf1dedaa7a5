namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// What a database offers the in-memory BM25 index: the passage generation (a counter every passage write moves,
/// in any process), a saved snapshot of the index, and the passages to rebuild it from.
/// </summary>
public interface ILexicalIndexStore
{
    Task<long> GetPassageGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>The snapshot saved at <paramref name="generation"/>, or null when there is none or it is damaged.</summary>
    Task<Bm25Index?> LoadSnapshotAsync(long generation, CancellationToken cancellationToken = default);

    /// <summary>Feeds every passage to <paramref name="builder"/> in ascending id order and returns the generation they were read at (one read transaction).</summary>
    Task<long> ReadPassagesAsync(Bm25IndexBuilder builder, CancellationToken cancellationToken = default);

    /// <summary>Saves the snapshot; a store that cannot write (read-only, busy) logs it and carries on.</summary>
    Task SaveSnapshotAsync(Bm25Index index, CancellationToken cancellationToken = default);
}
