namespace ChatBot.Core.Ingestion;

/// <summary>What the store remembers of an article's files: the content hash, and the file signature when known.</summary>
public sealed record StoredSourceState(string ContentHash, string? Signature);
