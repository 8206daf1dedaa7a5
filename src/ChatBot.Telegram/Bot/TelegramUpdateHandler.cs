using System.Text;
using ChatBot.Core.Answers;
using ChatBot.Core.Articles;
using ChatBot.Core.RateLimiting;
using ChatBot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram.Bot;

/// <summary>
/// Handles one update: messages (questions, /help, /sources) and inline queries. A chat that cannot be written to
/// (400/403) is logged and skipped here, so it never holds up other chats.
/// </summary>
public sealed class TelegramUpdateHandler
{
    public const int InlineResultLimit = 5;

    private static readonly TimeSpan TypingRefresh = TimeSpan.FromSeconds(4);
    private static readonly LinkPreviewOptions NoPreview = new(IsDisabled: true);

    private readonly TelegramBotClient _client;
    private readonly IQuestionAnswerer _answerer;
    private readonly IArticleCatalog _catalog;
    private readonly TelegramHtmlRenderer _renderer;
    private readonly MessageInterpreter _interpreter;
    private readonly TelegramBotIdentity _identity;
    private readonly PerUserRateLimiter _rateLimiter;
    private readonly HashSet<long> _allowedChats;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramUpdateHandler> _logger;

    public TelegramUpdateHandler(
        TelegramBotClient client,
        IQuestionAnswerer answerer,
        IArticleCatalog catalog,
        TelegramHtmlRenderer renderer,
        MessageInterpreter interpreter,
        TelegramBotIdentity identity,
        IOptions<TelegramOptions> options,
        TimeProvider time,
        ILogger<TelegramUpdateHandler> logger)
    {
        _client = client;
        _answerer = answerer;
        _catalog = catalog;
        _renderer = renderer;
        _interpreter = interpreter;
        _identity = identity;
        _time = time;
        _logger = logger;
        _allowedChats = [.. options.Value.AllowedChatIds];
        // Owned here rather than shared through DI: each platform has its own limit settings.
        _rateLimiter = new PerUserRateLimiter(options.Value.RateLimit, time);
    }

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            if (update.Message is { } message)
            {
                await HandleMessageAsync(message, cancellationToken);
            }
            else if (update.InlineQuery is { } inlineQuery)
            {
                await HandleInlineQueryAsync(inlineQuery, cancellationToken);
            }
        }
        catch (TelegramApiException ex) when (ex.IsFinalForChat)
        {
            _logger.LogWarning(
                "Update {UpdateId} dropped: Telegram refused {Method} for chat {ChatId} ({ErrorCode} {Description}); not retrying",
                update.UpdateId, ex.Method, update.Message?.Chat.Id, ex.ErrorCode, ex.Description);
        }
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        if (!IsAllowed(message.Chat.Id))
        {
            _logger.LogDebug("Ignoring chat {ChatId}: not in Telegram:AllowedChatIds", message.Chat.Id);
            return;
        }

        var request = _interpreter.Interpret(message, _identity.User);
        switch (request.Kind)
        {
            case BotRequestKind.Help:
                await ReplyAsync(message, _renderer.RenderHelp(_identity.User.Username), cancellationToken);
                break;
            case BotRequestKind.Sources:
                var articles = await _catalog.GetArticlesAsync(cancellationToken);
                await ReplyAsync(message, _renderer.RenderSources(articles), cancellationToken);
                break;
            case BotRequestKind.Question:
                await AnswerQuestionAsync(message, request.Question ?? string.Empty, cancellationToken);
                break;
        }
    }

    private async Task AnswerQuestionAsync(Message message, string question, CancellationToken cancellationToken)
    {
        if (question.Length == 0)
        {
            await ReplyAsync(message, TelegramHtmlRenderer.Escape(AnswerTexts.EmptyQuestion), cancellationToken);
            return;
        }

        var userKey = $"telegram:{message.From?.Id ?? message.Chat.Id}";
        if (!_rateLimiter.TryAcquire(userKey))
        {
            _logger.LogInformation("Rate limit reached for {UserKey}", userKey);
            await ReplyAsync(message, TelegramHtmlRenderer.Escape(PerUserRateLimiter.SlowDownMessage), cancellationToken);
            return;
        }

        Answer answer;
        // The first "typing" is awaited: if the chat is gone (403) there is no point in answering.
        await _client.SendChatActionAsync(message.Chat.Id, "typing", cancellationToken);
        using (var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var refresh = KeepTypingAsync(message.Chat.Id, typing.Token);
            try
            {
                answer = await _answerer.AnswerAsync(question, cancellationToken: cancellationToken);
            }
            finally
            {
                await typing.CancelAsync();
                await refresh;
            }
        }

        _logger.LogInformation("Answered question in chat {ChatId} with {Passages} passage(s)", message.Chat.Id, answer.Passages.Count);
        await ReplyAsync(message, _renderer.RenderAnswer(answer), cancellationToken);
    }

    // Telegram shows "typing" for about 5 s; keep it up while a slow answer is being prepared.
    private async Task KeepTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TypingRefresh, _time, cancellationToken);
                await _client.SendChatActionAsync(chatId, "typing", cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is TelegramApiException or TelegramNetworkException)
        {
            _logger.LogDebug("Typing indicator for chat {ChatId} stopped: {Reason}", chatId, ex.Message);
        }
    }

    /// <summary>Sends HTML, split into several messages when long; the first one replies to the user's message.</summary>
    private async Task ReplyAsync(Message message, string html, CancellationToken cancellationToken)
    {
        var replyTo = new ReplyParameters(message.MessageId, AllowSendingWithoutReply: true);
        foreach (var part in TelegramMessageSplitter.Split(html))
        {
            await _client.SendMessageAsync(
                new SendMessageRequest(message.Chat.Id, part, TelegramBotClient.HtmlParseMode, NoPreview, replyTo),
                cancellationToken);
            replyTo = null;
        }
    }

    private async Task HandleInlineQueryAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        // Inline queries have no chat; a private chat's id is the user's id, so the allowlist applies to the user.
        if (!IsAllowed(query.From.Id))
        {
            await _client.AnswerInlineQueryAsync(new AnswerInlineQueryRequest(query.Id, [], CacheTime: 0, IsPersonal: true), cancellationToken);
            return;
        }

        var question = query.Query.Trim();
        IReadOnlyList<InlineQueryResultArticle> results = [];
        if (question.Length > 0)
        {
            var answer = await _answerer.AnswerAsync(question, maxPassages: InlineResultLimit, cancellationToken);
            results = answer.Passages.Take(InlineResultLimit).Select(ToInlineResult).DistinctBy(result => result.Id).ToList();
        }

        await _client.AnswerInlineQueryAsync(new AnswerInlineQueryRequest(query.Id, results, CacheTime: 60), cancellationToken);
    }

    private InlineQueryResultArticle ToInlineResult(CitedPassage passage)
    {
        var content = new InputTextMessageContent(_renderer.RenderPassage(passage), TelegramBotClient.HtmlParseMode, NoPreview);
        var snippet = passage.Text.Length > 120 ? passage.Text[..120].TrimEnd() + "…" : passage.Text;
        return new InlineQueryResultArticle(
            Id: InlineResultId(passage),
            Title: passage.Article.Title,
            InputMessageContent: content,
            Description: snippet);
    }

    // Result ids are limited to 64 bytes.
    private static string InlineResultId(CitedPassage passage)
    {
        var id = $"{passage.Article.Id}:{passage.Ordinal}";
        return Encoding.UTF8.GetByteCount(id) <= 64 ? id : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..64];
    }

    private bool IsAllowed(long chatId) => _allowedChats.Count == 0 || _allowedChats.Contains(chatId);
}
