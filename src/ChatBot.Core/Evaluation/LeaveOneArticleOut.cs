using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Answers;

namespace ChatBot.Core.Evaluation;

/// <summary>
/// Whether a calibration transfers to articles it never saw: for each article, fit on the questions about the others
/// (and four fifths of the off-topic ones), then tier the held-out article's questions (and the last fifth) with it.
/// Tiers are simulated from the ranking: an answer shows the first passage, "closest" the first three.
/// </summary>
public static class LeaveOneArticleOut
{
    public sealed record Fold(string Article, AnswerCalibration Calibration, UserMeasures Measures);

    public static IReadOnlyList<Fold> Run(IReadOnlyList<CalibrationSample> samples)
    {
        var articles = samples.Where(s => s.Answerable).Select(s => s.Group)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var folds = new List<Fold>();
        for (var k = 0; k < articles.Count; k++)
        {
            var heldOut = new HashSet<string>(StringComparer.Ordinal) { articles[k], $"off-topic {k % 5}" };
            var training = samples.Where(s => !heldOut.Contains(s.Group)).ToList();
            var test = samples.Where(s => heldOut.Contains(s.Group)).ToList();
            var calibration = CalibrationFitter.Fit(training, $"all but {articles[k]}");
            folds.Add(new Fold(articles[k], calibration, Measure(test, calibration)));
        }

        return folds;
    }

    /// <summary>The user measures of <paramref name="samples"/> tiered by <paramref name="calibration"/>.</summary>
    public static UserMeasures Measure(IEnumerable<CalibrationSample> samples, AnswerCalibration calibration) =>
        UserMeasures.Count(samples.Select(s =>
        {
            var (topOne, topThree) = calibration.Estimate(s.Features);
            var tier = topOne >= calibration.AnswerAt ? TierNames.Answered : topThree >= calibration.ClosestAt ? TierNames.Closest : TierNames.Declined;
            return (!s.Answerable, tier, tier == TierNames.Answered ? s.TopOneRight : s.TopThreeRight, s.TopOneRight);
        }));
}
