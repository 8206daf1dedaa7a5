using ChatBot.Core.Articles;

namespace ChatBot.Core.Answers;

/// <summary>One quoted passage with the article it comes from.</summary>
/// <param name="Article">Metadata of the source article.</param>
/// <param name="Ordinal">Position of the passage within its article (0-based).</param>
/// <param name="Text">The passage text, quoted verbatim from the cleaned article.</param>
/// <param name="Score">Retrieval score; higher is better. Only comparable within one answer.</param>
public sealed record CitedPassage(ArticleMetadata Article, int Ordinal, string Text, double Score);
