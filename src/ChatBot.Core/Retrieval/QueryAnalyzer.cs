namespace ChatBot.Core.Retrieval;

/// <summary>
/// Reduces a question to its content words: lower-cased runs of letters and digits, stop words and one-letter
/// tokens dropped. Because only letters and digits survive, no user input can form full-text query syntax.
/// </summary>
public sealed class QueryAnalyzer
{
    /// <summary>Enough terms for any real question; more only slows the search and dilutes the ranking.</summary>
    public const int MaxTerms = 24;

    public IReadOnlyList<string> ContentTerms(string question)
    {
        var terms = new List<string>();
        foreach (var token in Tokenize(question))
        {
            if (token.Length < 2 || StopWords.Contains(token) || terms.Contains(token))
            {
                continue;
            }

            terms.Add(token);
            if (terms.Count == MaxTerms)
            {
                break;
            }
        }

        return terms;
    }

    private static IEnumerable<string> Tokenize(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
