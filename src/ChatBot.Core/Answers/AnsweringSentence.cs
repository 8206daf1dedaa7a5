using ChatBot.Core.Articles;
using ChatBot.Core.Retrieval.LateInteraction;

namespace ChatBot.Core.Answers;

/// <summary>
/// Finds the sentence of a passage that the question's late-interaction alignment points at: each question token
/// matched its best passage token, and the sentence holding the most weighted similarity wins. Token rows map back to
/// sentences by counting each sentence's tokens (WordPiece splits at whitespace, so the passage's tokens are its
/// sentences' tokens in order).
/// </summary>
public static class AnsweringSentence
{
    /// <param name="text">The passage text as embedded after <paramref name="leadingRows"/> rows (e.g. a title prefix).</param>
    /// <returns>The sentence's span; null for a one-sentence passage (bolding all of it says nothing) or no alignment.</returns>
    public static TextSpan? Locate(string text, TokenAlignment alignment, ITokenStateEncoder encoder, int leadingRows = 0)
    {
        var sentences = Sentences(text);
        if (sentences.Count < 2)
        {
            return null;
        }

        var row = leadingRows;
        TextSpan? best = null;
        var bestScore = 0.0;
        foreach (var sentence in sentences)
        {
            var rows = encoder.CountTokens(text.Substring(sentence.Start, sentence.Length));
            var score = alignment.ScoreWithin(row, row + rows);
            if (score > bestScore)
            {
                bestScore = score;
                best = sentence;
            }

            row += rows;
        }

        return best;
    }

    private static List<TextSpan> Sentences(string text)
    {
        var spans = new List<TextSpan>();
        var start = 0;
        foreach (var boundary in ScrapePatterns.SentenceBoundary().EnumerateMatches(text))
        {
            spans.Add(Trimmed(text, start, boundary.Index));
            start = boundary.Index + boundary.Length;
        }

        spans.Add(Trimmed(text, start, text.Length));
        return spans.Where(s => s.Length > 0).ToList();
    }

    private static TextSpan Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end - start);
    }
}
