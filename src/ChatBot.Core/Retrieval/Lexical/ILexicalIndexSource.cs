namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>The BM25 index of the passages as stored now (reloaded or rebuilt when they have changed).</summary>
public interface ILexicalIndexSource
{
    Task<Bm25Index> GetCurrentAsync(CancellationToken cancellationToken = default);
}
