using System.Security.Cryptography;
using System.Text;
using ChatBot.Core.Answers;
using ChatBot.Core.Conversation;
using ChatBot.Telegram.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace ChatBot.Telegram.Bot;

/// <summary>
/// Handles one update: reads the message into a conversation turn, shows "typing" while it is answered, and sends the
/// rendered reply (split when long). Inline queries get quoted passages as results. A chat that cannot be written to
/// (400/403) is logged and skipped here, so it never holds up other chats.
/// </summary>
public sealed class TelegramUpdateHandler
{
    public const int InlineResultLimit = 5;

    private static readonly TimeSpan TypingRefresh = TimeSpan.FromSeconds(4);

    private readonly TelegramApi _api;
    private readonly ConversationTurn _turn;
    private readonly TelegramHtmlRenderer _renderer;
    private readonly MessageInterpreter _interpreter;
    private readonly TelegramBotIdentity _identity;
    private readonly HashSet<long> _allowedChats;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramUpdateHandler> _logger;

    public TelegramUpdateHandler(
        TelegramApi api,
        TelegramConversation conversation,
        TelegramHtmlRenderer renderer,
        MessageInterpreter interpreter,
        TelegramBotIdentity identity,
        IOptions<TelegramOptions> options,
        TimeProvider time,
        ILogger<TelegramUpdateHandler> logger)
    {
        _api = api;
        _turn = conversation.Turn;
        _renderer = renderer;
        _interpreter = interpreter;
        _identity = identity;
        _time = time;
        _logger = logger;
        _allowedChats = [.. options.Value.AllowedChatIds];
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
        catch (ApiRequestException ex) when (ex.ErrorCode is 400 or 403)
        {
            _logger.LogWarning(
                "Update {UpdateId} dropped: Telegram refused it for chat {ChatId} ({ErrorCode} {Description}); not retrying",
                update.Id, update.Message?.Chat.Id, ex.ErrorCode, _api.Retry.Redact(ex.Message));
        }
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        if (!IsAllowed(message.Chat.Id))
        {
            _logger.LogDebug("Ignoring chat {ChatId}: not in Telegram:AllowedChatIds", message.Chat.Id);
            return;
        }

        if (_interpreter.Interpret(message, _identity.User) is not { } request)
        {
            return;
        }

        // Empty input, greetings and the limit are answered at once; only a real search shows "typing".
        var reply = request.Intent == TurnIntent.Question ? _turn.Screen(request) : await _turn.TakeAsync(request, cancellationToken);
        if (reply is null)
        {
            await ShowTypingAsync(message.Chat.Id, cancellationToken);
            using var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var refresh = KeepTypingAsync(message.Chat.Id, typing.Token);
            try
            {
                reply = await _turn.AnswerScreenedAsync(request, cancellationToken);
            }
            finally
            {
                await typing.CancelAsync();
                await refresh;
            }
        }

        if (!reply.ShouldSend)
        {
            return; // Over the limit and already told in this window: a flood gets one notice, not one per message.
        }

        _logger.LogInformation("Replied in chat {ChatId}: {Kind}", message.Chat.Id, reply.Kind);
        await ReplyAsync(message, _renderer.Render(reply), cancellationToken);
    }

    // "typing" is cosmetic: a failure is worth a warning, never the answer.
    private async Task ShowTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            await _api.SendTypingAsync(chatId, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestException or TelegramUnreachableException)
        {
            _logger.LogWarning("Typing indicator for chat {ChatId} failed ({Reason}); answering anyway", chatId, _api.Retry.Redact(ex.Message));
        }
    }

    // Telegram shows "typing" for about 5 s; keep it up while a slow answer is being prepared.
    private async Task KeepTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TypingRefresh, _time, cancellationToken);
                await _api.SendTypingAsync(chatId, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is RequestException or TelegramUnreachableException)
        {
            _logger.LogDebug("Typing indicator for chat {ChatId} stopped: {Reason}", chatId, _api.Retry.Redact(ex.Message));
        }
    }

    /// <summary>Sends HTML, split into several messages when long; the first one replies to the user's message.</summary>
    private async Task ReplyAsync(Message message, string html, CancellationToken cancellationToken)
    {
        int? replyTo = message.Id;
        foreach (var part in TelegramMessageSplitter.Split(html))
        {
            await _api.SendHtmlAsync(message.Chat.Id, part, replyTo, cancellationToken);
            replyTo = null;
        }
    }

    private async Task HandleInlineQueryAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        // Inline queries have no chat; a private chat's id is the user's id, so the allowlist applies to the user.
        if (!IsAllowed(query.From.Id))
        {
            await _api.AnswerInlineQueryAsync(query.Id, [], cacheTime: 0, isPersonal: true, cancellationToken);
            return;
        }

        IReadOnlyList<InlineQueryResult> results = [];
        if (query.Query.Trim().Length > 0)
        {
            // Not rate limited: Telegram sends a query per keystroke, and answers are cached for a minute.
            var reply = await _turn.TakeAsync(new TurnRequest(null, TurnIntent.Question, query.Query, InlineResultLimit), cancellationToken);
            results = (reply.Kind == TurnReplyKind.Answered ? reply.Answer!.Passages : [])
                .Take(InlineResultLimit).Select(ToInlineResult).DistinctBy(result => result.Id).ToList();
        }

        await _api.AnswerInlineQueryAsync(query.Id, results, cacheTime: 60, isPersonal: false, cancellationToken);
    }

    private InlineQueryResultArticle ToInlineResult(CitedPassage passage)
    {
        var content = new InputTextMessageContent(_renderer.RenderPassage(passage))
        {
            ParseMode = ParseMode.Html,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };
        var snippet = passage.Text.Length > 120 ? passage.Text[..120].TrimEnd() + "…" : passage.Text;
        return new InlineQueryResultArticle(InlineResultId(passage), passage.Article.Title, content) { Description = snippet };
    }

    // Result ids are limited to 64 bytes.
    private static string InlineResultId(CitedPassage passage)
    {
        var id = $"{passage.Article.Id}:{passage.Ordinal}";
        return Encoding.UTF8.GetByteCount(id) <= 64 ? id : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..64];
    }

    private bool IsAllowed(long chatId) => _allowedChats.Count == 0 || _allowedChats.Contains(chatId);
}
