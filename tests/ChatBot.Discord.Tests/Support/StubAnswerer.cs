using ChatBot.Core.Answers;
using ChatBot.Core.Articles;

namespace ChatBot.Discord.Tests.Support;

/// <summary>
/// A small stand-in answerer for protocol tests: questions naming "cease-fire" cite a Moscow Times article,
/// "everyone" cites a passage that contains "@everyone", anything else is declined.
/// </summary>
public sealed class StubAnswerer : IQuestionAnswerer, IArticleCatalog
{
    /// <summary>An article whose day is inferred from its text (cited with the qualifier).</summary>
    public static readonly ArticleMetadata InferredDateArticle = new(
        "004",
        "Putin, Abe Praise Closer Ties Between Russia, Japan, Positive Dialogue",
        "Sputnik",
        "https://sputniknews.com/example-antalya",
        new PublicationDate(new DateOnly(2015, 11, 15), false, "inferred from content: the G20 summit in Antalya"));

    public Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ArticleMetadata>>([CeaseFireArticle, InferredDateArticle, UndatedArticle]);

    public static readonly ArticleMetadata CeaseFireArticle = new(
        "000",
        "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds",
        "The Moscow Times",
        "https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin-to-ensure-shaky-ukraine-cease-fire-holds-a41157",
        new PublicationDate(new DateOnly(2014, 11, 10), true, "explicit date"));

    public static readonly ArticleMetadata UndatedArticle = new(
        "003", "Putin visits Japan", "Example Wire", null, PublicationDate.Unknown("no date in text"));

    public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        if (question.Contains("cease-fire", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(new Answer(question, true, [new CitedPassage(CeaseFireArticle, 2, "Abe urged Putin to ensure the shaky cease-fire in Ukraine holds.", 3.5)]));
        }

        if (question.Contains("Antalya", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(new Answer(question, true, [new CitedPassage(InferredDateArticle, 1, "Putin and Abe spoke on the sidelines of the G20 summit in Antalya.", 2.0)]));
        }

        if (question.Contains("everyone", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(new Answer(question, true, [new CitedPassage(UndatedArticle, 0, "Officials told @everyone and @here and <@123456789012345678> to stay calm.", 1.0)]));
        }

        return Task.FromResult(Answer.Declined(question));
    }
}
