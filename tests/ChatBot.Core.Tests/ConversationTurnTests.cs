using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Conversation;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Core.Tests;

/// <summary>The one turn every surface takes: each reply kind, the surface's command names, the limit, failures.</summary>
public sealed class ConversationTurnTests
{
    private static readonly ConversationSurface Repl = new("repl", ":help", ":sources", "Type a question.");
    private static readonly ConversationSurface Chat = new("telegram", "/help", "/sources", "Send a question.");

    private static readonly ArticleMetadata Article = new(
        "a", "Headline", "The Paper", "https://x.example/a", new PublicationDate(new DateOnly(2016, 12, 16), false, "inferred"));

    private static ConversationTurn Turn(ConversationSurface surface, Func<string, Answer>? answer = null, QuestionRateLimiter? limiter = null) =>
        new(surface, new Answerer(answer ?? (q => new Answer(q, true, [new CitedPassage(Article, 0, "Text.", 1)]))), new Catalog(), limiter, NullLogger<ConversationTurn>.Instance);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Empty_input_asks_for_a_question(string text)
    {
        var reply = await Turn(Repl).TakeAsync(new TurnRequest(null, TurnIntent.Question, text), CancellationToken.None);
        Assert.Equal(new TurnReply(TurnReplyKind.EmptyQuestion, ConversationTexts.EmptyQuestion), reply);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("good morning")]
    [InlineData("thanks")]
    public async Task Greetings_are_answered_without_a_search_and_point_at_help(string text)
    {
        var asked = false;
        var reply = await Turn(Chat, q => { asked = true; return Answer.Declined(q); }).TakeAsync(new TurnRequest(null, TurnIntent.Question, text), CancellationToken.None);
        Assert.Equal(TurnReplyKind.Greeting, reply.Kind);
        Assert.Contains("/help", reply.Text, StringComparison.Ordinal);
        Assert.False(asked);
    }

    [Fact]
    public async Task A_question_that_starts_with_a_greeting_is_still_a_question()
    {
        var reply = await Turn(Repl).TakeAsync(new TurnRequest(null, TurnIntent.Question, "hi, what did Abe say?"), CancellationToken.None);
        Assert.Equal(TurnReplyKind.Answered, reply.Kind);
    }

    [Theory]
    [InlineData("repl", ":sources")]
    [InlineData("telegram", "/sources")]
    public async Task A_decline_names_the_sources_command_of_its_surface(string surface, string command)
    {
        var reply = await Turn(surface == "repl" ? Repl : Chat, Answer.Declined).TakeAsync(new TurnRequest(null, TurnIntent.Question, "Mars?"), CancellationToken.None);
        Assert.Equal(TurnReplyKind.Declined, reply.Kind);
        Assert.EndsWith($"list them with {command}.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_and_sources_use_the_surface_commands_and_the_catalog()
    {
        var turn = Turn(Repl);
        var help = await turn.TakeAsync(new TurnRequest(null, TurnIntent.Help), CancellationToken.None);
        var sources = await turn.TakeAsync(new TurnRequest(null, TurnIntent.Sources), CancellationToken.None);
        Assert.Contains(":sources lists the articles", help.Text, StringComparison.Ordinal);
        Assert.Equal([Article], sources.Articles);
    }

    [Fact]
    public async Task When_answering_throws_the_user_gets_one_apology()
    {
        var reply = await Turn(Chat, _ => throw new InvalidOperationException("broken index")).TakeAsync(new TurnRequest("u", TurnIntent.Question, "Abe?"), CancellationToken.None);
        Assert.Equal(new TurnReply(TurnReplyKind.Failed, ConversationTexts.Failed), reply);
    }

    [Fact]
    public async Task The_limit_counts_per_user_and_only_questions()
    {
        using var limiter = new QuestionRateLimiter(new QuestionRateLimitOptions { QuestionsPerWindow = 2, Window = TimeSpan.FromHours(1) });
        var turn = Turn(Chat, limiter: limiter);
        async Task<TurnReplyKind> Ask(string user, TurnIntent intent = TurnIntent.Question) =>
            (await turn.TakeAsync(new TurnRequest(user, intent, "Abe?"), CancellationToken.None)).Kind;

        Assert.Equal(TurnReplyKind.Answered, await Ask("alice"));
        Assert.Equal(TurnReplyKind.Sources, await Ask("alice", TurnIntent.Sources));
        Assert.Equal(TurnReplyKind.Answered, await Ask("alice"));
        Assert.Equal(TurnReplyKind.RateLimited, await Ask("alice"));
        Assert.Equal(TurnReplyKind.Answered, await Ask("bob"));
        Assert.Equal(TurnReplyKind.Answered, await turn.TakeAsync(new TurnRequest(null, TurnIntent.Question, "Abe?"), CancellationToken.None) is { } r ? r.Kind : default);
    }

    [Fact]
    public async Task A_user_over_the_limit_is_told_once_per_window_and_then_gets_nothing()
    {
        using var limiter = new QuestionRateLimiter(new QuestionRateLimitOptions { QuestionsPerWindow = 2, Window = TimeSpan.FromHours(1) });
        var turn = Turn(Chat, limiter: limiter);
        async Task<TurnReply> Ask(string user) => await turn.TakeAsync(new TurnRequest(user, TurnIntent.Question, "Abe?"), CancellationToken.None);

        var alice = new List<TurnReply>();
        for (var i = 0; i < 50; i++)
        {
            alice.Add(await Ask("alice"));
        }

        Assert.Equal(2, alice.Count(r => r.Kind == TurnReplyKind.Answered));
        Assert.Single(alice, r => r.Kind == TurnReplyKind.RateLimited && r.ShouldSend);
        Assert.Equal(47, alice.Count(r => !r.ShouldSend));
        Assert.Equal(TurnReplyKind.RateLimited, alice[2].Kind);
        Assert.Equal(TurnReplyKind.Answered, (await Ask("bob")).Kind);
    }

    [Fact]
    public async Task A_question_over_the_length_limit_is_refused_before_it_is_searched_or_counted()
    {
        var asked = new List<string>();
        using var limiter = new QuestionRateLimiter(new QuestionRateLimitOptions { QuestionsPerWindow = 1, Window = TimeSpan.FromHours(1) });
        var turn = new ConversationTurn(Chat, new Answerer(q => { asked.Add(q); return Answer.Declined(q); }), new Catalog(), limiter,
            NullLogger<ConversationTurn>.Instance, new QuestionOptions { MaxLength = 20 });

        var tooLong = await turn.TakeAsync(new TurnRequest("alice", TurnIntent.Question, "  " + new string('a', 21) + "  "), CancellationToken.None);
        var fits = await turn.TakeAsync(new TurnRequest("alice", TurnIntent.Question, new string('a', 20)), CancellationToken.None);

        Assert.Equal(new TurnReply(TurnReplyKind.TooLong, ConversationTexts.TooLong(21, 20)), tooLong);
        Assert.Equal("That question is 21 characters long; I take questions of up to 20. Please ask it more briefly.", tooLong.Text);
        Assert.Equal(TurnReplyKind.Declined, fits.Kind);
        Assert.Equal([new string('a', 20)], asked);
        Assert.Equal(4096, new QuestionOptions().MaxLength);
    }

    private sealed class Answerer(Func<string, Answer> answer) : IQuestionAnswerer
    {
        public Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer(question));
    }

    private sealed class Catalog : IArticleCatalog
    {
        public Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ArticleMetadata>>([Article]);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("Help?")]
    [InlineData("?")]
    public async Task A_bare_help_is_the_help_on_every_surface_without_a_search(string text)
    {
        var asked = false;
        var turn = Turn(Chat, q => { asked = true; return Answer.Declined(q); });

        var screened = turn.Screen(new TurnRequest("u", TurnIntent.Question, text));
        var taken = await turn.TakeAsync(new TurnRequest(null, TurnIntent.Question, text), CancellationToken.None);

        Assert.Equal(TurnReplyKind.Help, screened?.Kind);
        Assert.Equal(TurnReplyKind.Help, taken.Kind);
        Assert.False(asked);
    }

    [Theory]
    [InlineData("sources")]
    [InlineData("Which sources?")]
    public async Task A_bare_sources_lists_the_articles(string text)
    {
        var reply = await Turn(Repl).TakeAsync(new TurnRequest(null, TurnIntent.Question, text), CancellationToken.None);

        Assert.Equal(TurnReplyKind.Sources, reply.Kind);
    }

    [Fact]
    public async Task A_question_that_mentions_help_or_sources_is_still_a_question()
    {
        var turn = Turn(Repl);

        Assert.Equal(TurnReplyKind.Answered, (await turn.TakeAsync(new TurnRequest(null, TurnIntent.Question, "What help did Abe receive?"), CancellationToken.None)).Kind);
        Assert.Equal(TurnReplyKind.Answered, (await turn.TakeAsync(new TurnRequest(null, TurnIntent.Question, "sources of the gas?"), CancellationToken.None)).Kind);
    }
}
