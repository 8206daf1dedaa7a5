using System.Text.Json.Serialization;

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
    [property: JsonPropertyName("top_passage")] int? TopPassage);

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
    [property: JsonPropertyName("false_declines")] double FalseDeclines,
    [property: JsonPropertyName("by_kind")] IReadOnlyDictionary<string, double> HitAt1ByKind,
    [property: JsonPropertyName("rows")] IReadOnlyList<EvalRow> Rows);
