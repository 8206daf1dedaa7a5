namespace ChatBot.Core.Retrieval;

/// <summary>A BM25 hit: passage id, its article and the BM25 score (higher is better).</summary>
public sealed record LexicalHit(long PassageId, string ArticleId, double Score);
