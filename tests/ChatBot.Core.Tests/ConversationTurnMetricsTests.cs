using System.Diagnostics.Metrics;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;
using ChatBot.Core.Diagnostics;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Core.Tests;

/// <summary>What a turn counts: each question once, under its surface and outcome; replies to no question not at all.</summary>
public sealed class ConversationTurnMetricsTests
{
    private static readonly ConversationSurface Surface = new("telegram", "/help", "/sources", "Send a question.");

    private static readonly ArticleMetadata Article = new(
        "a", "Headline", "The Paper", "https://x.example/a", new PublicationDate(new DateOnly(2016, 12, 16), false, "inferred"));

    [Fact]
    public async Task Answered_closest_declined_failed_and_rate_limited_questions_are_counted_and_timed_by_surface()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<ChatBotMetrics>().BuildServiceProvider();
        using var recorder = new MetricRecorder(services.GetRequiredService<IMeterFactory>());
        using var limiter = new QuestionRateLimiter(new QuestionRateLimitOptions { QuestionsPerWindow = 4, Window = TimeSpan.FromHours(1) });
        var turn = new ConversationTurn(
            Surface, new Answerer(), new NoArticles(), limiter, NullLogger<ConversationTurn>.Instance, metrics: services.GetRequiredService<ChatBotMetrics>());

        foreach (var text in new[] { "answer this", "closest to this", "decline this", "fail this", "one too many", "hello", "help", "" })
        {
            await turn.TakeAsync(new TurnRequest("user-1", TurnIntent.Question, text), CancellationToken.None);
        }

        foreach (var outcome in new[] { QuestionOutcome.Answered, QuestionOutcome.Closest, QuestionOutcome.Declined, QuestionOutcome.Failed, QuestionOutcome.RateLimited })
        {
            Assert.Equal(1, recorder.Sum("chatbot.questions", ("surface", "telegram"), ("outcome", outcome)));
        }

        Assert.Equal(5, recorder.Sum("chatbot.questions"));
        // Only answers are timed: a refusal by the limiter does no work worth a latency.
        Assert.Equal(4, recorder.Count("chatbot.answer.duration"));
    }

    private sealed class Answerer : IQuestionAnswerer
    {
        public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default) => question switch
        {
            "answer this" => Task.FromResult(new Answer(question, true, [new CitedPassage(Article, 0, "Text.", 1)])),
            "closest to this" => Task.FromResult(new Answer(question, AnswerTier.Closest, [new CitedPassage(Article, 0, "Text.", 1)])),
            "decline this" => Task.FromResult(Answer.Declined(question)),
            _ => throw new InvalidOperationException("the index is gone"),
        };
    }

    private sealed class NoArticles : IArticleCatalog
    {
        public Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ArticleMetadata>>([]);
    }
}
