using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Answers.Calibration;

/// <summary>
/// What a ranked candidate list says about whether its first passage answers the question, in quantities that mean
/// the same in any library: cosine similarities and their gaps, how far the best passage stands out from the
/// library's mean, the share of the question's (IDF-weighted) words it holds, its late-interaction score, and whether
/// the sentence vector and the token alignment agree on the best passage. No raw BM25 score, nothing that grows with
/// the library's size.
/// </summary>
public static class ConfidenceFeatures
{
    /// <summary>The feature names, in vector order; a calibration fitted on other names is refused.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "top_similarity", "similarity_gap", "peakedness", "top_coverage", "top_maxsim", "maxsim_gap", "agreement", "unseen_terms",
    ];

    /// <summary>The features of <paramref name="ranked"/> (best first); null when there is no candidate or no model evidence.</summary>
    public static double[]? Of(IReadOnlyList<RetrievalCandidate> ranked)
    {
        if (ranked.Count == 0 || ranked[0].DenseSimilarity is not { } top)
        {
            return null;
        }

        var first = ranked[0];
        var others = ranked.Skip(1).ToList();
        var secondSimilarity = others.Select(c => c.DenseSimilarity ?? double.MinValue).DefaultIfEmpty(top).Max();
        var topMaxSim = first.MaxSim ?? 0;
        var secondMaxSim = others.Where(c => c.MaxSim.HasValue).Select(c => c.MaxSim!.Value).DefaultIfEmpty(topMaxSim).Max();
        var bestBySimilarity = ranked.OrderByDescending(c => c.DenseSimilarity ?? double.MinValue).First();
        var bestByMaxSim = ranked.Where(c => c.MaxSim.HasValue).OrderByDescending(c => c.MaxSim!.Value).FirstOrDefault();
        var agreement = bestByMaxSim is not null && bestByMaxSim.PassageId == bestBySimilarity.PassageId && bestBySimilarity.PassageId == first.PassageId;
        return
        [
            top,
            top - secondSimilarity,
            first.Peakedness ?? 0,
            first.LexicalCoverage,
            topMaxSim,
            topMaxSim - secondMaxSim,
            agreement ? 1 : 0,
            first.UnseenQuestionTerms > 0 ? 1 : 0,
        ];
    }
}
