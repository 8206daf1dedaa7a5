using ChatBot.Core.Answers;
using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Evaluation;

/// <summary>
/// Scores the bot on an eval set. hit@1 looks at what the bot actually cites first (a decline is a miss);
/// recall@3 and MRR look at the retriever's ranking, so they show ranking quality apart from the decline policy.
/// A passage is relevant when it comes from an expected article and contains one of the expected substrings.
/// </summary>
public sealed class EvalRunner(IQuestionAnswerer answerer, IPassageRetriever retriever, IPassageLookup passages)
{
    private const int RankDepth = 10;

    public async Task<EvalSummary> RunAsync(IReadOnlyList<EvalQuestion> questions, CancellationToken cancellationToken = default)
    {
        var rows = new List<EvalRow>();
        foreach (var question in questions)
        {
            rows.Add(await ScoreAsync(question, cancellationToken));
        }

        var answerable = rows.Where(r => !r.ShouldDecline).ToList();
        var offTopic = rows.Where(r => r.ShouldDecline).ToList();
        return new EvalSummary(
            retriever.Name,
            rows.Count,
            answerable.Count,
            offTopic.Count,
            Rate(answerable, r => r.HitAt1),
            Rate(answerable, r => r.RecallAt3),
            answerable.Count == 0 ? 0 : answerable.Average(r => r.ReciprocalRank),
            // Off-topic "declined" = not presented as the answer (declined, or closest passages under the hedge).
            Rate(offTopic, r => !r.Answered),
            Rate(answerable, r => r.Tier == TierNames.Declined),
            answerable.GroupBy(r => r.Kind ?? "direct").ToDictionary(g => g.Key, g => Rate(g.ToList(), r => r.HitAt1)),
            rows)
        {
            User = Measure(rows),
            UserByKind = rows.GroupBy(r => r.ShouldDecline ? "off-topic" : r.Kind ?? "direct").ToDictionary(g => g.Key, g => Measure(g)),
        };
    }

    private static UserMeasures Measure(IEnumerable<EvalRow> rows) =>
        UserMeasures.Count(rows.Select(r => (r.ShouldDecline, r.Tier, r.ShownRight, r.HitAt1)));

    /// <summary>The rows that calibration can learn from: features computed and no decline before the estimate.</summary>
    public static IReadOnlyList<Answers.Calibration.CalibrationSample> CalibrationSamples(IReadOnlyList<EvalQuestion> questions, EvalSummary summary)
    {
        var samples = new List<Answers.Calibration.CalibrationSample>();
        var offTopic = 0;
        for (var i = 0; i < summary.Rows.Count; i++)
        {
            var row = summary.Rows[i];
            if (row.Features is not { } features || row.Rule is not "calibrated" and not "threshold")
            {
                continue;
            }

            // Off-topic questions are dealt over the folds in turn, so every fold has some.
            var group = row.ShouldDecline ? $"off-topic {offTopic++ % 5}" : questions[i].ExpectArticles[0];
            samples.Add(new(
                Answers.Calibration.ConfidenceFeatures.Names.Select(n => features[n]).ToArray(),
                row.Ranked.Count > 0 && row.Ranked[0].Relevant,
                row.Ranked.Take(3).Any(c => c.Relevant),
                group,
                !row.ShouldDecline));
        }

        return samples;
    }

    private async Task<EvalRow> ScoreAsync(EvalQuestion question, CancellationToken cancellationToken)
    {
        var answer = await answerer.AnswerAsync(question.Question, cancellationToken: cancellationToken);
        var ranked = await retriever.RetrieveAsync(question.Question, RankDepth, cancellationToken);
        var loaded = await passages.GetAsync(ranked.Select(c => c.PassageId).ToList(), cancellationToken);
        var relevance = ranked.Select(c => loaded.TryGetValue(c.PassageId, out var p) && IsRelevant(question, p)).ToList();

        var top = answer.Passages.Count > 0 ? answer.Passages[0] : null;
        var firstRelevant = relevance.IndexOf(true);
        return new EvalRow(
            question.Question,
            question.Kind,
            question.ShouldDecline,
            answer.Answered,
            HitAt1: !question.ShouldDecline && top is not null && IsRelevant(question, top),
            RecallAt3: !question.ShouldDecline && relevance.Take(3).Any(r => r),
            ReciprocalRank: question.ShouldDecline || firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1),
            top?.Article.Id,
            top?.Ordinal,
            ranked.Max(c => c.DenseSimilarity),
            ranked.Count == 0 ? 0 : ranked.Max(c => c.LexicalCoverage),
            ranked.Select((c, i) => new EvalCandidate(
                c.ArticleId,
                loaded.TryGetValue(c.PassageId, out var p) ? p.Ordinal : null,
                c.RankScore,
                c.LexicalCoverage,
                c.DenseSimilarity,
                relevance[i]) { MaxSim = c.MaxSim, Peakedness = c.Peakedness }).ToList())
        {
            UnseenTerms = ranked.Count == 0 ? 0 : ranked[0].UnseenQuestionTerms,
            Tier = TierNames.Of(answer.Tier),
            ShownRight = !question.ShouldDecline && answer.Passages.Any(p => IsRelevant(question, p)),
            Confidence = answer.Confidence,
            Features = answer.Diagnostics?.Features,
            Rule = answer.Diagnostics?.Rule,
        };
    }

    private static bool IsRelevant(EvalQuestion question, CitedPassage passage) =>
        question.ExpectArticles.Contains(passage.Article.Id) &&
        (question.ExpectAny.Count == 0 ||
         question.ExpectAny.Any(s => passage.Text.Contains(s, StringComparison.OrdinalIgnoreCase)));

    private static double Rate(IReadOnlyCollection<EvalRow> rows, Func<EvalRow, bool> predicate) =>
        rows.Count == 0 ? 0 : (double)rows.Count(predicate) / rows.Count;
}
