using System.Text.RegularExpressions;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
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
    ILogger<ConversationTurn> logger)
{
    public ConversationSurface Surface => surface;

    public async Task<TurnReply> TakeAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.Intent switch
            {
                TurnIntent.Help => new TurnReply(TurnReplyKind.Help, ConversationTexts.Help(surface)),
                TurnIntent.Sources => await ListSourcesAsync(cancellationToken),
                _ => await AnswerAsync(request, cancellationToken),
            };
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

    private async Task<TurnReply> AnswerAsync(TurnRequest request, CancellationToken cancellationToken)
    {
        var question = request.Text.Trim();
        if (question.Length == 0)
        {
            return new TurnReply(TurnReplyKind.EmptyQuestion, ConversationTexts.EmptyQuestion);
        }

        if (Greeting().IsMatch(question))
        {
            return new TurnReply(TurnReplyKind.Greeting, ConversationTexts.Greeting(surface));
        }

        if (rateLimiter is not null && request.UserKey is { } userKey && !rateLimiter.TryAcquire(userKey))
        {
            logger.LogInformation("Rate limit reached for {UserKey}", userKey);
            return new TurnReply(TurnReplyKind.RateLimited, ConversationTexts.SlowDown);
        }

        var answer = await answerer.AnswerAsync(question, request.MaxPassages, cancellationToken);
        return answer.Answered && answer.Passages.Count > 0
            ? new TurnReply(TurnReplyKind.Answered, string.Empty, answer)
            : new TurnReply(TurnReplyKind.Declined, ConversationTexts.Declined(surface), answer);
    }

    // Only a whole message that is a greeting: "hi, what did Abe say?" is a question.
    [GeneratedRegex(@"^(hi|hello|hey|hallo|howdy|greetings|good (morning|afternoon|evening|day)|thanks|thank you)( there| bot)?[\s!.,:)]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Greeting();
}
