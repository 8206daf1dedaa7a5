using ChatBot.Core.Answers;
using ChatBot.Core.Articles;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>
/// A tiny word-overlap answerer over a few passages, standing in for the real answerer where a test is about the
/// Telegram side only (the end-to-end tests use the real one over the seed articles).
/// </summary>
public sealed class FakeArticles : IQuestionAnswerer, IArticleCatalog
{
    public static readonly ArticleMetadata Abe2014 = new(
        "000_test", "Japan's Abe Urges Putin to Ensure Shaky Ukraine Cease-Fire Holds", "The Moscow Times",
        "https://www.themoscowtimes.com/2014/11/10/abe", new PublicationDate(new DateOnly(2014, 11, 10), true, "explicit date"));

    public static readonly ArticleMetadata Vladivostok2018 = new(
        "002_test", "Putin Meets With Japan's Abe, Pledges 'Close Contacts' On North Korea", "RFE/RL",
        "https://www.rferl.org/a/putin-abe/29481234.html", new PublicationDate(new DateOnly(2018, 9, 10), true, "explicit date"));

    private readonly List<CitedPassage> _passages;

    public FakeArticles(IEnumerable<CitedPassage>? passages = null)
    {
        _passages = passages?.ToList() ??
        [
            new(Abe2014, 0, "Japanese Prime Minister Shinzo Abe urged Putin to ensure the shaky cease-fire in Ukraine holds, at the APEC summit in Beijing.", 0),
            new(Abe2014, 1, "The leaders also discussed a possible visit by Putin to Japan.", 0),
            new(Vladivostok2018, 0, "Putin met Abe in Vladivostok and pledged close contacts on the North Korea nuclear program.", 0),
        ];
    }

    /// <summary>Questions seen, in order (to check what reached the answerer).</summary>
    public List<string> Questions { get; } = [];

    /// <summary>Called before answering; lets a test hold an answer back.</summary>
    public Func<string, CancellationToken, Task>? BeforeAnswer { get; set; }

    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        if (BeforeAnswer is { } before)
        {
            await before(question, cancellationToken);
        }

        lock (Questions)
        {
            Questions.Add(question);
        }

        var words = question.ToLowerInvariant().Split([' ', '?', ',', '.', '!'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 4).ToHashSet();
        var ranked = _passages
            .Select(passage => passage with { Score = words.Count(word => passage.Text.Contains(word, StringComparison.OrdinalIgnoreCase)) })
            .Where(passage => passage.Score > 0)
            .OrderByDescending(passage => passage.Score)
            .Take(maxPassages)
            .ToList();
        return ranked.Count == 0 ? Answer.Declined(question) : new Answer(question, true, ranked);
    }

    public Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ArticleMetadata>>(_passages.Select(passage => passage.Article).Distinct().ToList());
}
