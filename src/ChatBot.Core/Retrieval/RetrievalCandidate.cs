namespace ChatBot.Core.Retrieval;

/// <summary>
/// A passage proposed as an answer, with the evidence for it. <see cref="RankScore"/> orders candidates;
/// the decline decision uses the calibrated evidence (<see cref="LexicalCoverage"/>, <see cref="DenseSimilarity"/>),
/// never the rank score, whose scale depends on the fusion method.
/// </summary>
/// <param name="PassageId">Store id of the passage.</param>
/// <param name="ArticleId">Article the passage belongs to.</param>
/// <param name="RankScore">Ordering score, higher is better.</param>
/// <param name="LexicalCoverage">IDF-weighted share of the question's content words found in the passage, 0–1.</param>
/// <param name="DenseSimilarity">Cosine similarity of question and passage embeddings, when a model is loaded.</param>
public sealed record RetrievalCandidate(
    long PassageId,
    string ArticleId,
    double RankScore,
    double LexicalCoverage,
    double? DenseSimilarity)
{
    /// <summary>
    /// How many of the question's content terms occur nowhere in the library (a property of the question, the same on
    /// every candidate). Such a word is often what the question is about ("When did Abe resign?" in a library that
    /// never mentions resigning), so the answer policy asks for more similarity then.
    /// </summary>
    public int UnseenQuestionTerms { get; init; }

    /// <summary>How many names in the question the library never mentions (see <see cref="UnknownNames"/>); a property of the question.</summary>
    public int UnknownNames { get; init; }

    /// <summary>How many content terms the question has (a property of the question); 0 for small talk.</summary>
    public int QuestionTerms { get; init; }

    /// <summary>
    /// <see cref="DenseSimilarity"/> minus the question's mean similarity over the whole library: a passage that
    /// stands out, rather than a question close to everything about these two men. Null without a model.
    /// </summary>
    public double? Peakedness { get; init; }

    /// <summary>The late-interaction (MaxSim) score and alignment, for the top candidates that have token states.</summary>
    public LateInteraction.TokenAlignment? Alignment { get; init; }

    public double? MaxSim => Alignment?.Score;
}
