namespace ChatBot.Core.Passages;

/// <summary>
/// A retrievable piece of an article body: one paragraph, a short paragraph merged with its neighbour, or a
/// sentence-aligned part of a long one. <see cref="Start"/>/<see cref="Length"/> locate <see cref="Text"/> in the
/// cleaned body, so <c>body.Substring(Start, Length) == Text</c>.
/// </summary>
public sealed record Passage(string ArticleId, int Ordinal, int Start, int Length, string Text);
