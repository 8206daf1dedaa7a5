namespace ChatBot.Core.Ingestion;

/// <summary>
/// What the store remembers of an article's files: the content hash, the file signature when known, and the
/// library folder it came from (empty for articles stored before folders were recorded).
/// </summary>
public sealed record StoredSourceState(string ContentHash, string? Signature, string Folder = "");
