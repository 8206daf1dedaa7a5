using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Conversation;
using ChatBot.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answers;

/// <summary>
/// Turns the ranked candidates into what a person sees, in three tiers. With a calibrated model: the first passage is
/// the answer when P(it answers) reaches the calibration's <c>answer_at</c> (plus passages from other articles whose
/// own evidence is nearly as strong, <see cref="AnswerPolicy.AlsoAnswers"/>); otherwise the closest passages are shown
/// when P(an answer among the first three) reaches <c>closest_at</c>; otherwise it declines. A question with no content
/// word the library knows ("thanks!") or naming something the library never mentions ("what is the capital of
/// France?", <see cref="UnknownNames"/>) is declined before any estimate. Without a
/// calibration, today's similarity-threshold rule decides between answering and declining (<see cref="AnswerPolicy"/>).
/// </summary>
public sealed class QuestionAnswerer(
    IPassageRetriever retriever,
    IPassageLookup passages,
    AnswerPolicy policy,
    IOptions<AnswerOptions> options,
    IAnswerModelSource? models = null) : IQuestionAnswerer
{
    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPassages, 1);
        var text = question ?? string.Empty;
        var candidates = await retriever.RetrieveAsync(text, options.Value.CandidatePoolSize, cancellationToken);
        var model = models is null ? null : await models.GetModelAsync(cancellationToken);
        var decision = Decide(text, candidates, options.Value.Calibrated ? model?.Calibration : null, maxPassages);
        if (decision.Tier == AnswerTier.Declined)
        {
            return Answer.Declined(text) with { Confidence = decision.TopOne, Diagnostics = decision.Diagnostics };
        }

        var loaded = await passages.GetAsync(decision.Shown.Select(c => c.PassageId).ToList(), cancellationToken);
        var cited = decision.Shown
            .Where(c => loaded.ContainsKey(c.PassageId))
            .Select(c => loaded[c.PassageId] with { Score = c.RankScore, Highlight = Highlight(loaded[c.PassageId], c, model) })
            .ToList();
        return cited.Count == 0
            ? Answer.Declined(text)
            : new Answer(text, decision.Tier, cited) { Confidence = decision.TopOne, Diagnostics = decision.Diagnostics };
    }

    private Decision Decide(string question, IReadOnlyList<RetrievalCandidate> candidates, AnswerCalibration? calibration, int maxPassages)
    {
        var features = ConfidenceFeatures.Of(candidates);
        if (calibration is null || features is null)
        {
            var answering = candidates.Where(policy.Answers).ToList();
            var reason = Diagnose("threshold", null, null, features, candidates);
            return answering.Count == 0
                ? new Decision(AnswerTier.Declined, [], null, reason)
                : new Decision(AnswerTier.Answered, Choose(answering, maxPassages), null, reason);
        }

        var first = candidates[0];
        if (first.QuestionTerms == 0 || first.UnseenQuestionTerms >= first.QuestionTerms || SmallTalk.IsMatch(question))
        {
            return new Decision(AnswerTier.Declined, [], null, Diagnose("no content word the library knows", null, null, features, candidates));
        }

        if (first.UnknownNames * 2 >= first.QuestionTerms)
        {
            return new Decision(AnswerTier.Declined, [], null, Diagnose("names something the library never mentions", null, null, features, candidates));
        }

        var (topOne, topThree) = calibration.Estimate(features);
        var diagnostics = Diagnose("calibrated", topOne, topThree, features, candidates);
        if (topOne >= calibration.AnswerAt)
        {
            return new Decision(AnswerTier.Answered, Choose(candidates, maxPassages), topOne, diagnostics);
        }

        return topThree >= calibration.ClosestAt
            ? new Decision(AnswerTier.Closest, candidates.Take(maxPassages).ToList(), topOne, diagnostics)
            : new Decision(AnswerTier.Declined, [], topOne, diagnostics);
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

    /// <summary>The answering sentence from the candidate's token alignment (see <see cref="AnsweringSentence"/>).</summary>
    private TextSpan? Highlight(CitedPassage passage, RetrievalCandidate candidate, EmbeddingModelHandle? model)
    {
        if (candidate.Alignment is not { } alignment || model?.TokenEncoder is not { } encoder)
        {
            return null;
        }

        // Passages embedded as "title. text" have the title's tokens first.
        var leading = models?.EmbedsArticleTitle == true ? encoder.CountTokens($"{passage.Article.Title}. ") : 0;
        return AnsweringSentence.Locate(passage.Text, alignment, encoder, leading);
    }

    private static AnswerDiagnostics Diagnose(
        string rule, double? topOne, double? topThree, double[]? features, IReadOnlyList<RetrievalCandidate> candidates) =>
        new(
            rule,
            topOne,
            topThree,
            features?.Select((value, i) => (ConfidenceFeatures.Names[i], value)).ToDictionary(x => x.Item1, x => x.value),
            candidates.Take(10)
                .Select(c => new CandidateEvidence(c.PassageId, c.ArticleId, c.RankScore, c.DenseSimilarity, c.LexicalCoverage, c.MaxSim, c.Peakedness))
                .ToList());

    private sealed record Decision(AnswerTier Tier, IReadOnlyList<RetrievalCandidate> Shown, double? TopOne, AnswerDiagnostics Diagnostics);
}
