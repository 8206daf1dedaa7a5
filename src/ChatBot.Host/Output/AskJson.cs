using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Answers;

namespace ChatBot.Host.Output;

/// <summary>
/// The <c>ask --json</c> contract: exactly one object on stdout. <c>tier</c> is "answered", "closest" or "declined";
/// <c>answered</c> is true only for the first; <c>passages</c> are exactly those shown, in order, each with the
/// character offsets of its answering sentence (<c>highlight</c>, null when none); <c>confidence</c> is the calibrated
/// probability that the first passage answers (null without a calibration).
/// </summary>
internal sealed record AskJson(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answered")] bool Answered,
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("confidence")] double? Confidence,
    [property: JsonPropertyName("reply")] string Reply,
    [property: JsonPropertyName("passages")] IReadOnlyList<AskJsonPassage> Passages)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AskJson From(Answer answer, string reply) => new(
        answer.Question,
        answer.Answered,
        TierNames.Of(answer.Tier),
        answer.Confidence is { } confidence ? Math.Round(confidence, 4) : null,
        reply,
        answer.Passages.Select(p => new AskJsonPassage(
            p.Article.Id,
            p.Article.Title,
            p.Article.Publisher,
            // The best known day (proven or inferred); date_certain says which. Null only when nothing is known.
            p.Article.Date.Value?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            p.Article.Date.Certain,
            p.Article.Url,
            p.Ordinal,
            p.Text,
            Math.Round(p.Score, 6),
            p.Highlight is { } span ? new AskJsonSpan(span.Start, span.End) : null)).ToList());

    public string Serialize() => JsonSerializer.Serialize(this, Options);
}

internal sealed record AskJsonPassage(
    [property: JsonPropertyName("article")] string Article,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("publisher")] string? Publisher,
    [property: JsonPropertyName("published")] string? Published,
    [property: JsonPropertyName("date_certain")] bool DateCertain,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("passage")] int Passage,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("highlight")] AskJsonSpan? Highlight);

/// <summary>A character range of the passage text: [start, end).</summary>
internal sealed record AskJsonSpan(
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("end")] int End);
