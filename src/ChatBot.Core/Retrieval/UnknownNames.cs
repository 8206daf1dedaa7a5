using System.Text.RegularExpressions;
using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Names in a question that the library never mentions: a capitalised word after the first ("What is the capital of
/// France?") whose term no passage holds. A question about a person, place or event the articles never name is not
/// about them, however close its other words ("capital") come; the answerer declines it rather than show the
/// closest passages.
/// </summary>
public static partial class UnknownNames
{
    public static int Count(string question, QueryAnalyzer analyzer, Bm25Index index)
    {
        var count = 0;
        foreach (Match word in CapitalisedWord().Matches(question))
        {
            if (word.Index > 0 && !StartsSentence(question, word.Index)
                && analyzer.ContentTerms(word.Value) is [var term] && index.DocumentFrequency(term) == 0)
            {
                count++;
            }
        }

        return count;
    }

    private static bool StartsSentence(string text, int index)
    {
        var before = text[..index].TrimEnd();
        return before.Length == 0 || before[^1] is '.' or '!' or '?' or '"' or '“';
    }

    [GeneratedRegex(@"\b\p{Lu}[\p{Ll}\p{Lu}'’-]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedWord();
}
