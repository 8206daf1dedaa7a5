using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answers;

/// <summary>
/// Decides from calibrated evidence whether a candidate answers the question: enough of the question's words
/// (weighted by rarity), or, with an embedding model, a similarity above the model's calibrated threshold.
/// </summary>
public sealed class AnswerPolicy(IOptions<AnswerOptions> options, IDenseThresholdSource? denseThreshold)
{
    public AnswerPolicy(IOptions<AnswerOptions> options)
        : this(options, null)
    {
    }

    public bool Answers(RetrievalCandidate candidate)
    {
        if (candidate.LexicalCoverage >= options.Value.MinLexicalCoverage)
        {
            return true;
        }

        var threshold = options.Value.MinDenseSimilarity ?? denseThreshold?.MinSimilarity;
        return threshold is not null && candidate.DenseSimilarity >= threshold;
    }
}

/// <summary>The active embedding model's calibrated "does not answer below this" similarity, when a model is loaded.</summary>
public interface IDenseThresholdSource
{
    double? MinSimilarity { get; }
}
