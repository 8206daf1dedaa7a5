using System.Text.Json.Serialization;
using ChatBot.Core.Answers;

namespace ChatBot.Core.Evaluation;

/// <summary>How one question fared.</summary>
public sealed record EvalRow(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("should_decline")] bool ShouldDecline,
    [property: JsonPropertyName("answered")] bool Answered,
    [property: JsonPropertyName("hit_at_1")] bool HitAt1,
    [property: JsonPropertyName("recall_at_3")] bool RecallAt3,
    [property: JsonPropertyName("reciprocal_rank")] double ReciprocalRank,
    [property: JsonPropertyName("top_article")] string? TopArticle,
    [property: JsonPropertyName("top_passage")] int? TopPassage,
    [property: JsonPropertyName("best_similarity")] double? BestSimilarity,
    [property: JsonPropertyName("best_coverage")] double BestCoverage,
    [property: JsonPropertyName("ranked")] IReadOnlyList<EvalCandidate> Ranked)
{
    /// <summary>The question's content terms that no article contains (they raise the answer policy's bar).</summary>
    [JsonPropertyName("unseen_terms")]
    public int UnseenTerms { get; init; }

    /// <summary>What the user saw: answered, closest or declined.</summary>
    [JsonPropertyName("tier")]
    public string Tier { get; init; } = TierNames.Declined;

    /// <summary>A right passage among those shown.</summary>
    [JsonPropertyName("shown_right")]
    public bool ShownRight { get; init; }

    /// <summary>P(first passage answers), when the model is calibrated.</summary>
    [JsonPropertyName("confidence")]
    public double? Confidence { get; init; }

    /// <summary>The confidence features (calibration input), named; null when none could be computed.</summary>
    [JsonPropertyName("features")]
    public IReadOnlyDictionary<string, double>? Features { get; init; }

    /// <summary>Declined before any estimate (no content word the library knows): never a calibration sample.</summary>
    [JsonPropertyName("rule")]
    public string? Rule { get; init; }
}

/// <summary>One retrieved candidate with its evidence, so thresholds can be calibrated from the eval output.</summary>
public sealed record EvalCandidate(
    [property: JsonPropertyName("article")] string ArticleId,
    [property: JsonPropertyName("passage")] int? Ordinal,
    [property: JsonPropertyName("rank_score")] double RankScore,
    [property: JsonPropertyName("coverage")] double Coverage,
    [property: JsonPropertyName("similarity")] double? Similarity,
    [property: JsonPropertyName("relevant")] bool Relevant)
{
    /// <summary>The late-interaction score, for the candidates that were re-ranked.</summary>
    [JsonPropertyName("maxsim")]
    public double? MaxSim { get; init; }

    [JsonPropertyName("peakedness")]
    public double? Peakedness { get; init; }
}

/// <summary>Figures over an eval set. Rates over answerable questions unless named otherwise.</summary>
public sealed record EvalSummary(
    [property: JsonPropertyName("retriever")] string Retriever,
    [property: JsonPropertyName("questions")] int Questions,
    [property: JsonPropertyName("answerable")] int Answerable,
    [property: JsonPropertyName("off_topic")] int OffTopic,
    [property: JsonPropertyName("hit_at_1")] double HitAt1,
    [property: JsonPropertyName("recall_at_3")] double RecallAt3,
    [property: JsonPropertyName("mrr")] double Mrr,
    [property: JsonPropertyName("declined_off_topic")] double DeclinedOffTopic,
    [property: JsonPropertyName("false_declines")] double FalseDeclines, // answerable questions declined (closest passages are not a decline)
    [property: JsonPropertyName("by_kind")] IReadOnlyDictionary<string, double> HitAt1ByKind,
    [property: JsonPropertyName("rows")] IReadOnlyList<EvalRow> Rows)
{
    /// <summary>What users see, over the whole set.</summary>
    [JsonPropertyName("user")]
    public UserMeasures? User { get; init; }

    /// <summary>What users see, per question kind (off-topic questions are their own kind).</summary>
    [JsonPropertyName("user_by_kind")]
    public IReadOnlyDictionary<string, UserMeasures>? UserByKind { get; init; }
}
