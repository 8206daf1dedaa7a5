using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Answers.Calibration;

/// <summary>
/// A model's fitted answer confidence, kept in its manifest ("answer_calibration"): two logistic regressions over
/// <see cref="ConfidenceFeatures"/> — P(the first passage answers) and P(an answering passage is among the first
/// three) — and the two tier thresholds. Made by <c>eval --calibrate</c>; reproducible from the eval set it names.
/// </summary>
public sealed record AnswerCalibration(
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features,
    [property: JsonPropertyName("means")] IReadOnlyList<double> Means,
    [property: JsonPropertyName("scales")] IReadOnlyList<double> Scales,
    [property: JsonPropertyName("top1_right")] LogisticModel TopOneRight,
    [property: JsonPropertyName("top3_right")] LogisticModel TopThreeRight,
    [property: JsonPropertyName("answer_at")] double AnswerAt,
    [property: JsonPropertyName("closest_at")] double ClosestAt,
    [property: JsonPropertyName("fitted_on")] string FittedOn)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>P(first passage answers) and P(an answering passage in the first three) for these raw features.</summary>
    public (double TopOne, double TopThree) Estimate(IReadOnlyList<double> features)
    {
        var standardized = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            standardized[i] = (features[i] - Means[i]) / Scales[i];
        }

        return (TopOneRight.Probability(standardized), TopThreeRight.Probability(standardized));
    }

    /// <summary>Why this calibration cannot be used with the current features, or null when it can.</summary>
    public string? Problem()
    {
        if (!Features.SequenceEqual(ConfidenceFeatures.Names))
        {
            return $"it was fitted on features [{string.Join(", ", Features)}], this build computes [{string.Join(", ", ConfidenceFeatures.Names)}]";
        }

        var n = Features.Count;
        if (Means.Count != n || Scales.Count != n || TopOneRight.Weights.Count != n || TopThreeRight.Weights.Count != n || Scales.Any(s => s <= 0))
        {
            return "its coefficient lists do not match its feature list";
        }

        return AnswerAt is > 0 and < 1 && ClosestAt is > 0 and < 1 ? null : "its thresholds are not probabilities";
    }

    public static AnswerCalibration? Parse(string json) => JsonSerializer.Deserialize<AnswerCalibration>(json);

    public string ToJson() => JsonSerializer.Serialize(this, Indented);
}
