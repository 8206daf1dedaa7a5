using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answers;

/// <summary>
/// Decides from calibrated evidence whether a candidate answers the question: with an embedding model, a similarity
/// at or above the model's calibrated threshold (or a little under it when the passage also has enough of the
/// question's words, weighted by rarity); without one, enough of those words.
/// </summary>
public sealed class AnswerPolicy(IOptions<AnswerOptions> options, IDenseThresholdSource? denseThreshold)
{
    public AnswerPolicy(IOptions<AnswerOptions> options)
        : this(options, null)
    {
    }

    private double? DenseThreshold => options.Value.MinDenseSimilarity ?? denseThreshold?.MinSimilarity;

    /// <summary>
    /// The model's threshold, raised by <see cref="AnswerOptions.UnseenTermMargin"/> × (1 − threshold) when the
    /// question has a word the library never uses: closeness to the topic is then weaker evidence of an answer.
    /// </summary>
    private double? ThresholdFor(RetrievalCandidate candidate) =>
        DenseThreshold is { } threshold && candidate.UnseenQuestionTerms > 0
            ? threshold + (options.Value.UnseenTermMargin * (1 - threshold))
            : DenseThreshold;

    /// <remarks>
    /// With a model, the words alone no longer decide: a passage that shares the question's words answers only if
    /// its similarity is also within <see cref="AnswerOptions.LexicalSupport"/> × (1 − threshold) below the
    /// threshold. "thanks!" shares its one word with "Putin thanked the Japanese side" (coverage 1.0) at similarity
    /// 0.50, far under arctic-embed-xs's 0.65; on tests/eval the rule changes no answer with arctic-embed-xs.
    /// </remarks>
    public bool Answers(RetrievalCandidate candidate)
    {
        var lexical = candidate.LexicalCoverage >= options.Value.MinLexicalCoverage;
        if (ThresholdFor(candidate) is not { } threshold || candidate.DenseSimilarity is not { } similarity)
        {
            return lexical;
        }

        return similarity >= threshold
            || (lexical && similarity >= threshold - (options.Value.LexicalSupport * (1 - threshold)));
    }

    /// <summary>
    /// Whether a further passage deserves a citation beside <paramref name="first"/>: it must answer on every kind of
    /// evidence the question has (its words and, with a model, its meaning — either alone lets through passages that
    /// merely share the leaders' names or the topic), and on each be nearly as strong as the first: within
    /// <see cref="AnswerOptions.SecondaryMargin"/> of the span between the threshold and a perfect match.
    /// </summary>
    /// <remarks>
    /// The fused rank score is not evidence: "nearly as high a rank" cited two unrelated passages beside the Nagato
    /// answer. Measured on tests/eval (arctic-embed-xs): 8 of 9 extra citations under the old rank rule were
    /// irrelevant, 0 of 1 under this one; held-out 7 → 0; all-MiniLM-L6-v2 8 of 10 → none cited.
    /// </remarks>
    public bool AlsoAnswers(RetrievalCandidate candidate, RetrievalCandidate first)
    {
        var minCoverage = options.Value.MinLexicalCoverage;
        var margin = options.Value.SecondaryMargin;
        if (candidate.LexicalCoverage < minCoverage ||
            candidate.LexicalCoverage < first.LexicalCoverage - (margin * (1 - minCoverage)))
        {
            return false;
        }

        if (first.DenseSimilarity is not { } firstSimilarity || ThresholdFor(candidate) is not { } threshold)
        {
            return true;
        }

        return candidate.DenseSimilarity is { } similarity
            && similarity >= threshold
            && similarity >= firstSimilarity - (margin * (1 - threshold));
    }
}

/// <summary>The active embedding model's calibrated "does not answer below this" similarity, when a model is loaded.</summary>
public interface IDenseThresholdSource
{
    double? MinSimilarity { get; }
}
