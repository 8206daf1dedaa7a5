using System.Text.Json.Serialization;

namespace ChatBot.Core.Evaluation;

/// <summary>One line of an eval set. An empty <see cref="ExpectArticles"/> means the bot should decline.</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("expect_articles")] IReadOnlyList<string> ExpectArticles,
    [property: JsonPropertyName("expect_any")] IReadOnlyList<string> ExpectAny)
{
    /// <summary>Optional label, e.g. "paraphrase", so reports can break figures down by kind.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonIgnore]
    public bool ShouldDecline => ExpectArticles.Count == 0;
}
