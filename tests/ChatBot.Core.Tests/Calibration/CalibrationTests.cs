using ChatBot.Core.Answers.Calibration;
using ChatBot.Core.Evaluation;

namespace ChatBot.Core.Tests.Calibration;

public sealed class CalibrationTests
{
    /// <summary>
    /// Samples whose first-passage correctness follows the top similarity with noise, spread over five articles and
    /// off-topic groups, like an eval set.
    /// </summary>
    private static List<CalibrationSample> Samples(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new List<CalibrationSample>();
        for (var i = 0; i < count; i++)
        {
            var offTopic = i % 5 == 4;
            var similarity = (offTopic ? 0.55 : 0.65) + (random.NextDouble() * 0.2);
            var right = !offTopic && similarity + ((random.NextDouble() - 0.5) * 0.1) > 0.72;
            double[] features = [similarity, random.NextDouble() * 0.05, similarity - 0.5, random.NextDouble(), similarity + 0.02, 0.01, right ? 1 : 0, 0];
            samples.Add(new CalibrationSample(features, right, right || (!offTopic && random.NextDouble() < 0.6), offTopic ? $"off-topic {i % 3}" : $"article {i % 4}", !offTopic));
        }

        return samples;
    }

    [Fact]
    public void Fitting_the_same_samples_twice_gives_the_same_calibration_bit_for_bit()
    {
        var samples = Samples(120, 1);

        Assert.Equal(CalibrationFitter.Fit(samples, "set").ToJson(), CalibrationFitter.Fit(samples, "set").ToJson());
    }

    [Fact]
    public void The_fitted_probability_rises_with_the_evidence_that_drives_correctness()
    {
        var calibration = CalibrationFitter.Fit(Samples(200, 2), "set");
        double[] weak = [0.6, 0.01, 0.1, 0.5, 0.62, 0.01, 0, 0];
        double[] strong = [0.84, 0.01, 0.34, 0.5, 0.86, 0.01, 1, 0];

        Assert.True(calibration.Estimate(strong).TopOne > 0.8, $"{calibration.Estimate(strong).TopOne}");
        Assert.True(calibration.Estimate(weak).TopOne < 0.2, $"{calibration.Estimate(weak).TopOne}");
        Assert.Null(calibration.Problem());
    }

    [Fact]
    public void Answer_at_keeps_wrong_answers_within_their_share_of_the_out_of_fold_estimates()
    {
        var samples = Samples(200, 3);
        var calibration = CalibrationFitter.Fit(samples, "set");
        var estimates = CalibrationFitter.OutOfFold(samples);

        var answered = Enumerable.Range(0, samples.Count).Where(i => estimates[i].TopOne >= calibration.AnswerAt).ToList();
        Assert.NotEmpty(answered);
        Assert.True(answered.Count(i => !samples[i].TopOneRight) <= CalibrationFitter.MaxWrongAnswerShare * answered.Count);
        var shown = samples.Where((s, i) => s.Answerable && estimates[i].TopThree >= calibration.ClosestAt).Count();
        Assert.True(shown >= CalibrationFitter.MinShownShare * samples.Count(s => s.Answerable));
    }

    [Fact]
    public void A_calibration_for_other_features_is_refused_with_the_reason()
    {
        var calibration = CalibrationFitter.Fit(Samples(100, 4), "set") with { Features = ["top_similarity"] };

        Assert.Contains("fitted on features [top_similarity]", calibration.Problem());
    }

    [Fact]
    public void Leave_one_article_out_tests_each_article_on_a_fit_that_never_saw_it()
    {
        var samples = Samples(150, 5);

        var folds = LeaveOneArticleOut.Run(samples);

        Assert.Equal(["article 0", "article 1", "article 2", "article 3"], folds.Select(f => f.Article));
        Assert.All(folds, f => Assert.Equal($"all but {f.Article}", f.Calibration.FittedOn));
        Assert.Equal(samples.Count(s => s.Answerable), folds.Sum(f => f.Measures.Answerable));
    }
}
