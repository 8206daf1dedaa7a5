using ChatBot.Core.Retrieval.Lexical;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// What a question's content terms say about any passage, from one look at the index per term: the IDF-weighted share
/// of them a passage contains (terms found nowhere weigh the most) and how many occur in no passage at all. The
/// weights belong to the question, so they are computed once for all its candidates.
/// </summary>
internal sealed class QuestionTermEvidence
{
    private readonly Bm25Index _index;
    private readonly IReadOnlyList<string> _terms;
    private readonly double[] _weights;
    private readonly double _total;

    public QuestionTermEvidence(Bm25Index index, IReadOnlyList<string> terms)
    {
        _index = index;
        _terms = terms;
        _weights = new double[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            var documentFrequency = index.DocumentFrequency(terms[t]);
            _weights[t] = Bm25Index.InverseDocumentFrequency(documentFrequency, index.PassageCount);
            _total += _weights[t];
            if (documentFrequency == 0)
            {
                UnseenTerms++;
            }
        }
    }

    /// <summary>How many of the terms no passage of the library contains.</summary>
    public int UnseenTerms { get; }

    /// <summary>The IDF-weighted share of the terms the passage contains, 0–1.</summary>
    public double Coverage(long passageId)
    {
        double found = 0;
        for (var t = 0; t < _terms.Count; t++)
        {
            if (_index.Contains(passageId, _terms[t]))
            {
                found += _weights[t];
            }
        }

        return _total > 0 ? found / _total : 0;
    }
}
