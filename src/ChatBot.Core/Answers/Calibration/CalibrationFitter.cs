namespace ChatBot.Core.Answers.Calibration;

/// <summary>
/// Fits an <see cref="AnswerCalibration"/> from eval samples. The thresholds are chosen on out-of-fold estimates
/// (each group predicted by models fitted without it), not on the fitted rows themselves, whose estimates are too
/// sure of themselves:
/// <list type="bullet">
/// <item><c>answer_at</c>: the lowest estimate at which at most <see cref="MaxWrongAnswerShare"/> of the questions
/// answered would get a wrong passage (answerable or off-topic): a wrong passage shown as the answer is the worst
/// outcome.</item>
/// <item><c>closest_at</c>: the highest estimate that still shows the closest passages for
/// <see cref="MinShownShare"/> of the answerable questions: declining a question the articles do answer is the next
/// worst, while an off-topic question shown its closest passages under the hedge costs a reader one glance.</item>
/// </list>
/// </summary>
public static class CalibrationFitter
{
    public const double Ridge = 1.0;
    public const double MaxWrongAnswerShare = 0.05;
    public const double MinShownShare = 0.98;

    public static AnswerCalibration Fit(IReadOnlyList<CalibrationSample> samples, string fittedOn)
    {
        var (means, scales) = Standardization(samples);
        var calibration = FitWith(samples, means, scales, answerAt: 0.5, closestAt: 0.5, fittedOn);
        var outOfFold = OutOfFold(samples);
        return calibration with
        {
            AnswerAt = ChooseAnswerAt(samples, outOfFold),
            ClosestAt = ChooseClosestAt(samples, outOfFold),
        };
    }

    /// <summary>Each sample's estimates from a calibration fitted on the other groups only.</summary>
    public static IReadOnlyList<(double TopOne, double TopThree)> OutOfFold(IReadOnlyList<CalibrationSample> samples)
    {
        var estimates = new (double, double)[samples.Count];
        foreach (var group in samples.Select(s => s.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var training = samples.Where(s => s.Group != group).ToList();
            var (means, scales) = Standardization(training);
            var model = FitWith(training, means, scales, 0.5, 0.5, string.Empty);
            for (var i = 0; i < samples.Count; i++)
            {
                if (samples[i].Group == group)
                {
                    estimates[i] = model.Estimate(samples[i].Features);
                }
            }
        }

        return estimates;
    }

    private static AnswerCalibration FitWith(
        IReadOnlyList<CalibrationSample> samples, double[] means, double[] scales, double answerAt, double closestAt, string fittedOn)
    {
        var standardized = samples.Select(s => s.Features.Select((x, i) => (x - means[i]) / scales[i]).ToArray()).ToList();
        return new AnswerCalibration(
            ConfidenceFeatures.Names,
            means,
            scales,
            LogisticModel.Fit(standardized, samples.Select(s => s.TopOneRight).ToList(), Ridge),
            LogisticModel.Fit(standardized, samples.Select(s => s.TopThreeRight).ToList(), Ridge),
            answerAt,
            closestAt,
            fittedOn);
    }

    private static (double[] Means, double[] Scales) Standardization(IReadOnlyList<CalibrationSample> samples)
    {
        var width = samples[0].Features.Length;
        var means = new double[width];
        var scales = new double[width];
        for (var i = 0; i < width; i++)
        {
            var column = samples.Select(s => s.Features[i]).ToList();
            means[i] = column.Average();
            var deviation = Math.Sqrt(column.Sum(x => (x - means[i]) * (x - means[i])) / column.Count);
            // A constant column (e.g. no unseen words in the set) keeps scale 1 rather than dividing by zero.
            scales[i] = deviation > 1e-9 ? deviation : 1;
        }

        return (means, scales);
    }

    private static IEnumerable<double> Grid() => Enumerable.Range(5, 91).Select(i => i / 100.0);

    private static double ChooseAnswerAt(IReadOnlyList<CalibrationSample> samples, IReadOnlyList<(double TopOne, double TopThree)> estimates)
    {
        foreach (var threshold in Grid())
        {
            var answered = Enumerable.Range(0, samples.Count).Where(i => estimates[i].TopOne >= threshold).ToList();
            var wrong = answered.Count(i => !samples[i].TopOneRight);
            if (answered.Count > 0 && wrong <= MaxWrongAnswerShare * answered.Count)
            {
                return threshold;
            }
        }

        return 0.95;
    }

    private static double ChooseClosestAt(IReadOnlyList<CalibrationSample> samples, IReadOnlyList<(double TopOne, double TopThree)> estimates)
    {
        var answerable = Enumerable.Range(0, samples.Count).Where(i => samples[i].Answerable).ToList();
        foreach (var threshold in Grid().Reverse())
        {
            if (answerable.Count(i => estimates[i].TopThree >= threshold) >= MinShownShare * answerable.Count)
            {
                return threshold;
            }
        }

        return 0.05;
    }
}
