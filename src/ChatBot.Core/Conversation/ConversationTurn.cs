using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Conversation;

/// <summary>
/// One exchange with a user, the same on every surface: empty input, greetings, help, sources, the per-user limit,
/// the answer or the decline (naming the sources command that exists on that surface), and one apology when
/// answering fails. Surfaces only read their own command syntax into a <see cref="TurnRequest"/> and render the
/// <see cref="TurnReply"/>.
/// </summary>
public sealed partial class ConversationTurn(
    ConversationSurface surface,
    IQuestionAnswerer answerer,
    IArticleCatalog catalog,
    QuestionRateLimiter? rateLimiter,
    ILogger<ConversationTurn> logger,
    QuestionOptions? questions = null,
    ChatBotMetrics? metrics = null)
{
    private readonly QuestionOptions _questions = questions ?? new QuestionOptions();

    public ConversationSurface Surface => surface;

    /// <summary>The whole turn: <see cref="Screen"/>, then, when needed, <see cref="AnswerScreenedAsync"/>.</summary>
    public async Task<TurnReply> TakeAsync(TurnRequest request, CancellationToken cancellationToken) =>
        IntentOf(request) switch
        {
            TurnIntent.Help => new TurnReply(TurnReplyKind.Help, ConversationTexts.Help(surface)),
            TurnIntent.Sources => await GuardAsync(ListSourcesAsync, cancellationToken),
            _ => Screen(request) ?? await AnswerScreenedAsync(request, cancellationToken),
        };

    /// <summary>
    /// The replies that need no search — empty input, a greeting, a bare "help", too long, over the limit — or null when the question must be
    /// answered (and then it has been counted against the user's limit). Lets a surface reply at once to these and
    /// acknowledge the rest first (Discord's deferred interactions).
    /// </summary>
    public TurnReply? Screen(TurnRequest request)
    {
        var question = request.Text.Trim();
        if (question.Length == 0)
        {
            return new TurnReply(TurnReplyKind.EmptyQuestion, ConversationTexts.EmptyQuestion);
        }

        if (SmallTalk.IsMatch(question))
        {
            return new TurnReply(TurnReplyKind.Greeting, ConversationTexts.Greeting(surface));
        }

        if (IntentOf(request) == TurnIntent.Help)
        {
            return new TurnReply(TurnReplyKind.Help, ConversationTexts.Help(surface));
        }

        if (_questions.Refusal(question) is { } tooLong)
        {
            return new TurnReply(TurnReplyKind.TooLong, tooLong);
        }

        switch (rateLimiter is not null && request.UserKey is { } userKey ? rateLimiter.Check(userKey) : RateLimitVerdict.Allowed)
        {
            case RateLimitVerdict.RefusedAndTell:
                logger.LogInformation("Rate limit reached for {UserKey}", request.UserKey);
                metrics?.QuestionTaken(surface.Name, QuestionOutcome.RateLimited);
                return new TurnReply(TurnReplyKind.RateLimited, ConversationTexts.SlowDown);
            case RateLimitVerdict.RefusedQuietly:
                logger.LogDebug("Rate limit: {UserKey} was already told; no reply", request.UserKey);
                metrics?.QuestionTaken(surface.Name, QuestionOutcome.RateLimited);
                return new TurnReply(TurnReplyKind.RateLimitedQuietly, ConversationTexts.SlowDown);
        }

        return null;
    }

    /// <summary>
    /// What the request asks for: the intent its surface read from its command syntax, or, for free text that is only
    /// "help" or "sources" (no article answers those words alone), that command without the surface's prefix.
    /// </summary>
    public static TurnIntent IntentOf(TurnRequest request)
    {
        if (request.Intent != TurnIntent.Question)
        {
            return request.Intent;
        }

        var text = request.Text.Trim();
        return BareHelp().IsMatch(text) ? TurnIntent.Help
            : BareSources().IsMatch(text) ? TurnIntent.Sources
            : TurnIntent.Question;
    }

    /// <summary>Answers a question that passed <see cref="Screen"/>; a failure becomes one apology, never silence.</summary>
    public async Task<TurnReply> AnswerScreenedAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reply = await GuardAsync(async ct =>
        {
            var answer = await answerer.AnswerAsync(request.Text.Trim(), request.MaxPassages, ct);
            return answer switch
            {
                { Passages.Count: 0 } => new TurnReply(TurnReplyKind.Declined, ConversationTexts.Declined(surface), answer),
                { Tier: AnswerTier.Answered } => new TurnReply(TurnReplyKind.Answered, string.Empty, answer),
                { Tier: AnswerTier.Closest } => new TurnReply(TurnReplyKind.Closest, ConversationTexts.Closest, answer),
                _ => new TurnReply(TurnReplyKind.Declined, ConversationTexts.Declined(surface), answer),
            };
        }, cancellationToken);
        if (metrics is not null && QuestionOutcome.Of(reply) is { } outcome)
        {
            metrics.QuestionTaken(surface.Name, outcome);
            metrics.AnswerTimed(surface.Name, Stopwatch.GetElapsedTime(started));
        }

        return reply;
    }

    private async Task<TurnReply> GuardAsync(Func<CancellationToken, Task<TurnReply>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Answering on {Surface} failed; the user gets an apology", surface.Name);
            return new TurnReply(TurnReplyKind.Failed, ConversationTexts.Failed);
        }
    }

    private async Task<TurnReply> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var articles = await catalog.GetArticlesAsync(cancellationToken);
        return new TurnReply(TurnReplyKind.Sources, articles.Count == 0 ? ConversationTexts.NoArticles : string.Empty, Articles: articles);
    }

    [GeneratedRegex(@"^(help|\?)[\s!?.]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareHelp();

    [GeneratedRegex(@"^(sources|list sources|which sources|what sources)[\s!?.]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareSources();
}
