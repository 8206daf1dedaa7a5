using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answers;

/// <summary>
/// Answers with the best-ranked passage that the evidence supports, plus up to <c>maxPassages - 1</c> passages from
/// other articles whose own evidence is nearly as strong (<see cref="AnswerPolicy.AlsoAnswers"/>). Declines, citing
/// nothing, when no candidate answers.
/// </summary>
public sealed class QuestionAnswerer(
    IPassageRetriever retriever,
    IPassageLookup passages,
    AnswerPolicy policy,
    IOptions<AnswerOptions> options) : IQuestionAnswerer
{
    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPassages, 1);
        var candidates = await retriever.RetrieveAsync(question ?? string.Empty, options.Value.CandidatePoolSize, cancellationToken);
        // A short passage can out-rank on BM25 with one rare word; the answer is the best one the evidence supports.
        var answering = candidates.Where(policy.Answers).ToList();
        if (answering.Count == 0)
        {
            return Answer.Declined(question ?? string.Empty);
        }

        var chosen = Choose(answering, maxPassages);
        var loaded = await passages.GetAsync(chosen.Select(c => c.PassageId).ToList(), cancellationToken);
        var cited = chosen
            .Where(c => loaded.ContainsKey(c.PassageId))
            .Select(c => loaded[c.PassageId] with { Score = c.RankScore })
            .ToList();
        return cited.Count == 0 ? Answer.Declined(question ?? string.Empty) : new Answer(question ?? string.Empty, true, cited);
    }

    private List<RetrievalCandidate> Choose(IReadOnlyList<RetrievalCandidate> candidates, int maxPassages)
    {
        var best = candidates[0];
        var chosen = new List<RetrievalCandidate> { best };
        var articles = new HashSet<string>(StringComparer.Ordinal) { best.ArticleId };
        foreach (var candidate in candidates.Skip(1))
        {
            if (chosen.Count == maxPassages)
            {
                break;
            }

            if (!articles.Contains(candidate.ArticleId) && policy.AlsoAnswers(candidate, best) && articles.Add(candidate.ArticleId))
            {
                chosen.Add(candidate);
            }
        }

        return chosen;
    }
}
