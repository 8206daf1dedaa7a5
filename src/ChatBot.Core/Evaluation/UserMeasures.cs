using System.Text.Json.Serialization;
using ChatBot.Core.Answers;

namespace ChatBot.Core.Evaluation;

/// <summary>
/// What people see, counted over an eval set. Useful: an answerable question with a right passage among those shown
/// (as the answer or among the closest). Confidently wrong: an answerable question answered, with no hedge, by a wrong
/// first passage — the worst outcome. Unhelpful decline: an answerable question declined.
/// </summary>
public sealed record UserMeasures(
    [property: JsonPropertyName("answerable")] int Answerable,
    [property: JsonPropertyName("useful")] int Useful,
    [property: JsonPropertyName("confidently_wrong")] int ConfidentlyWrong,
    [property: JsonPropertyName("unhelpful_declines")] int UnhelpfulDeclines,
    [property: JsonPropertyName("off_topic")] int OffTopic,
    [property: JsonPropertyName("off_topic_declined")] int OffTopicDeclined,
    [property: JsonPropertyName("off_topic_closest")] int OffTopicClosest,
    [property: JsonPropertyName("off_topic_answered")] int OffTopicAnswered)
{
    [JsonPropertyName("useful_rate")]
    public double UsefulRate => Answerable == 0 ? 0 : (double)Useful / Answerable;

    /// <summary>Counts outcomes: per question whether it should be declined, its tier, and whether what was shown holds a right passage / a right first passage.</summary>
    public static UserMeasures Count(IEnumerable<(bool ShouldDecline, string Tier, bool ShownRight, bool FirstRight)> outcomes)
    {
        int answerable = 0, useful = 0, wrong = 0, declines = 0, offTopic = 0, offDeclined = 0, offClosest = 0, offAnswered = 0;
        foreach (var (shouldDecline, tier, shownRight, firstRight) in outcomes)
        {
            if (shouldDecline)
            {
                offTopic++;
                offDeclined += tier == TierNames.Declined ? 1 : 0;
                offClosest += tier == TierNames.Closest ? 1 : 0;
                offAnswered += tier == TierNames.Answered ? 1 : 0;
                continue;
            }

            answerable++;
            useful += tier != TierNames.Declined && shownRight ? 1 : 0;
            wrong += tier == TierNames.Answered && !firstRight ? 1 : 0;
            declines += tier == TierNames.Declined ? 1 : 0;
        }

        return new UserMeasures(answerable, useful, wrong, declines, offTopic, offDeclined, offClosest, offAnswered);
    }
}
