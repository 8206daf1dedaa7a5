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
}
