using ChatBot.Core.Articles;

namespace ChatBot.Core.Answers;

/// <summary>One quoted passage with the article it comes from.</summary>
/// <param name="Article">Metadata of the source article.</param>
/// <param name="Ordinal">Position of the passage within its article (0-based).</param>
/// <param name="Text">The passage text, quoted verbatim from the cleaned article.</param>
/// <param name="Score">Retrieval score; higher is better. Only comparable within one answer.</param>
public sealed record CitedPassage(ArticleMetadata Article, int Ordinal, string Text, double Score)
{
    /// <summary>The sentence of <see cref="Text"/> the question aligns with best (shown in bold); null when unknown.</summary>
    public TextSpan? Highlight { get; init; }

    /// <summary>The text around and inside <see cref="Highlight"/>, for renderers that bold it (all of it in Before when none).</summary>
    public (string Before, string Highlighted, string After) SplitAtHighlight() =>
        Highlight is { } span && span.Start >= 0 && span.Length > 0 && span.End <= Text.Length
            ? (Text[..span.Start], Text.Substring(span.Start, span.Length), Text[span.End..])
            : (Text, string.Empty, string.Empty);
}

/// <summary>A character range of a text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;
}
