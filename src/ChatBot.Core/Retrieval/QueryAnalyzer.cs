using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Reduces a question to its content terms, analysed exactly as passages are indexed (<see cref="TermAnalyzer"/>):
/// lower-cased, accent-free, stemmed runs of letters and digits without stop words, each once.
/// </summary>
public sealed class QueryAnalyzer(TermAnalyzer analyzer)
{
    /// <summary>Enough terms for any real question; more only slows the search and dilutes the ranking.</summary>
    public const int MaxTerms = 24;

    public IReadOnlyList<string> ContentTerms(string question)
    {
        var terms = new List<string>();
        analyzer.Analyze(question, term =>
        {
            if (terms.Count < MaxTerms && !terms.Contains(term))
            {
                terms.Add(term);
            }
        });
        return terms;
    }
}
