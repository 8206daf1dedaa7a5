using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>
/// A loopback Bot API server that behaves like Telegram where the bot depends on it: long polling that holds until an
/// update arrives or <c>timeout</c> passes, offsets that confirm (and drop) earlier updates, the error envelope,
/// injected 429s with retry_after, blocked and migrated chats, HTML parse errors, and inline queries. It records what
/// the bot sent. Test code plays the users through <see cref="PostText"/> and <see cref="PostInlineQuery"/>.
/// </summary>
public sealed partial class FakeBotApi : IAsyncDisposable
{
    public const string Token = "4242:FAKE-secret_TOKEN-value";

    public static readonly User Bot = new(4242, true, "Article Bot", "ThisBot");

    private readonly object _gate = new();
    private readonly List<Update> _pending = [];
    private readonly Dictionary<string, Queue<InjectedFailure>> _failures = [];
    private readonly WebApplication _app;
    private TaskCompletionSource _updateArrived = NewSignal();
    private TaskCompletionSource _somethingRecorded = NewSignal();
    private long _nextUpdateId = 1;
    private long _nextMessageId = 1;

    private FakeBotApi(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public List<SentMessage> Messages { get; } = [];

    public List<SentChatAction> Actions { get; } = [];

    public List<InlineAnswer> InlineAnswers { get; } = [];

    /// <summary>Every call, in order, as "method" (or "method:chatId" for chat methods).</summary>
    public List<string> Calls { get; } = [];

    public List<JsonObject> SetWebhookCalls { get; } = [];

    public List<IReadOnlyList<string>> RegisteredCommands { get; } = [];

    public HashSet<long> BlockedChats { get; } = [];

    /// <summary>Old group id → new supergroup id.</summary>
    public Dictionary<long, long> MigratedChats { get; } = [];

    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.MapPost("/bot{token}/{method}", (string token, string method, HttpContext context) => fake.HandleAsync(token, method, context));
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A user sends a text message; entities (command at the start, @mentions) are computed like Telegram does, in UTF-16 units.</summary>
    public Message PostText(Chat chat, User from, string text, Message? replyTo = null)
    {
        var entities = new List<MessageEntity>();
        var command = CommandAtStart().Match(text);
        if (command.Success)
        {
            entities.Add(new MessageEntity(MessageEntity.BotCommandType, 0, command.Length));
        }

        foreach (Match mention in MentionPattern().Matches(text))
        {
            entities.Add(new MessageEntity(MessageEntity.MentionType, mention.Index, mention.Length));
        }

        lock (_gate)
        {
            var message = new Message(_nextMessageId++, chat, 1_700_000_000, from, text, entities.Count > 0 ? entities : null, replyTo);
            Enqueue(new Update(_nextUpdateId++, Message: message));
            return message;
        }
    }

    public void PostInlineQuery(User from, string query)
    {
        lock (_gate)
        {
            Enqueue(new Update(_nextUpdateId++, InlineQuery: new InlineQuery($"iq{_nextUpdateId}", from, query)));
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> fail with <paramref name="failure"/>.</summary>
    public void InjectFailure(string method, InjectedFailure failure, int count = 1)
    {
        lock (_gate)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                _failures[method] = queue = new Queue<InjectedFailure>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(failure);
            }
        }
    }

    /// <summary>The bot's own message as a user would see it, so a test can reply to it.</summary>
    public Message AsBotMessage(SentMessage sent, Chat chat) => new(sent.MessageId, chat, 1_700_000_000, Bot, sent.Text);

    public List<SentMessage> MessagesTo(long chatId)
    {
        lock (_gate)
        {
            return Messages.Where(message => message.ChatId == chatId).ToList();
        }
    }

    /// <summary>True when the last request body came chunked (no Content-Length), as Telegram.Bot sends it.</summary>
    public bool LastRequestWasChunked { get; private set; }

    /// <summary>The id the next posted update gets; a test sets it lower to play Telegram's re-randomised ids.</summary>
    public long NextUpdateId
    {
        get
        {
            lock (_gate)
            {
                return _nextUpdateId;
            }
        }

        set
        {
            lock (_gate)
            {
                _nextUpdateId = value;
            }
        }
    }

    /// <summary>Plays a simple emulator: every poll answers at once with every update ever posted.</summary>
    public bool IgnoresOffsetAndTimeout { get; set; }

    public IReadOnlyList<long> PendingUpdateIds
    {
        get
        {
            lock (_gate)
            {
                return _pending.Select(update => update.UpdateId).ToList();
            }
        }
    }

    public int PendingUpdates
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Waits (event-driven, not by sleeping) until <paramref name="condition"/> holds; fails after a generous guard.</summary>
    public async Task WaitUntilAsync(Func<FakeBotApi, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (condition(this))
                {
                    return;
                }

                signal = _somethingRecorded.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                lock (_gate)
                {
                    throw new TimeoutException($"Timed out waiting for {what}. Calls: {string.Join(", ", Calls)}");
                }
            }

            await Task.WhenAny(signal, Task.Delay(remaining));
        }
    }

    private async Task<IResult> HandleAsync(string token, string method, HttpContext context)
    {
        if (token != Token)
        {
            lock (_gate)
            {
                Calls.Add($"{method} (bad token)");
                Signal();
            }

            return Error(401, "Unauthorized");
        }

        // Like Telegram: a JSON body with or without Content-Length (Telegram.Bot streams it chunked), or none at all.
        LastRequestWasChunked = context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count > 0;
        var body = await ReadBodyAsync(context.Request);
        InjectedFailure? injected = null;
        lock (_gate)
        {
            var chatId = body["chat_id"]?.GetValue<long>();
            Calls.Add(chatId is null ? method : $"{method}:{chatId}");
            // A failure injected for "method:chatId" is used before one injected for the method as a whole.
            if ((chatId is not null && _failures.TryGetValue($"{method}:{chatId}", out var queue) && queue.Count > 0)
                || (_failures.TryGetValue(method, out queue) && queue.Count > 0))
            {
                injected = queue.Dequeue();
            }

            Signal();
        }

        if (injected is not null)
        {
            return Error(injected.ErrorCode, injected.Description, injected.RetryAfter, injected.MigrateToChatId);
        }

        return method switch
        {
            "getMe" => Ok(Bot),
            "deleteWebhook" => Ok(true),
            "setWebhook" => Record(() => SetWebhookCalls.Add(body), true),
            "setMyCommands" => Record(() => RegisteredCommands.Add(body["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList()), true),
            "getUpdates" => await GetUpdatesAsync(body, context.RequestAborted),
            "sendMessage" => SendMessage(body),
            "sendChatAction" => SendChatAction(body),
            "answerInlineQuery" => AnswerInlineQuery(body),
            _ => Error(404, "Not Found: method not found"),
        };
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.Length == 0 ? [] : JsonNode.Parse(buffer.ToArray()) as JsonObject ?? [];
    }

    private async Task<IResult> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = IgnoresOffsetAndTimeout ? null : body["offset"]?.GetValue<long>();
        var timeout = IgnoresOffsetAndTimeout ? TimeSpan.Zero : TimeSpan.FromSeconds(body["timeout"]?.GetValue<int>() ?? 0);
        var limit = body["limit"]?.GetValue<int>() ?? 100;
        var allowed = body["allowed_updates"]?.AsArray().Select(kind => kind!.GetValue<string>()).ToHashSet();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                // Like Telegram: an offset confirms every update before it, and those are forgotten for good. An offset
                // beyond every id issued belongs to the sequence before a re-randomisation and confirms nothing.
                if (offset is { } confirmed && confirmed <= _nextUpdateId)
                {
                    _pending.RemoveAll(update => update.UpdateId < confirmed);
                }

                var batch = _pending.Where(update => allowed is null || allowed.Contains(KindOf(update))).Take(limit).ToList();
                if (batch.Count > 0)
                {
                    return Ok(batch);
                }

                arrived = _updateArrived.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || aborted.IsCancellationRequested)
            {
                return Ok(Array.Empty<Update>());
            }

            try
            {
                await Task.WhenAny(arrived, Task.Delay(remaining, aborted));
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private IResult SendMessage(JsonObject body)
    {
        var chatId = body["chat_id"]!.GetValue<long>();
        if (RefuseChat(chatId) is { } refusal)
        {
            return refusal;
        }

        var text = body["text"]!.GetValue<string>();
        var parseMode = body["parse_mode"]?.GetValue<string>();
        var visibleLength = text.Length;
        // Telegram reads parse_mode without regard to case ("HTML", "Html").
        if (IsHtml(parseMode))
        {
            var (length, error) = TelegramHtmlChecker.Check(text);
            if (error is not null)
            {
                return Error(400, "Bad Request: can't parse entities: " + error);
            }

            visibleLength = length;
        }

        if (visibleLength > 4096 || text.Length == 0)
        {
            return Error(400, "Bad Request: message is too long");
        }

        var replyTo = body["reply_parameters"]?["message_id"]?.GetValue<long>();
        var previewDisabled = body["link_preview_options"]?["is_disabled"]?.GetValue<bool>() ?? false;
        lock (_gate)
        {
            var sent = new SentMessage(chatId, _nextMessageId++, text, parseMode, replyTo, previewDisabled);
            Messages.Add(sent);
            Signal();
            return Ok(new Message(sent.MessageId, new Chat(chatId, chatId > 0 ? "private" : "supergroup"), 1_700_000_000, Bot, text));
        }
    }

    private IResult SendChatAction(JsonObject body)
    {
        var chatId = body["chat_id"]!.GetValue<long>();
        return RefuseChat(chatId) ?? Record(() => Actions.Add(new SentChatAction(chatId, body["action"]!.GetValue<string>())), true);
    }

    private IResult AnswerInlineQuery(JsonObject body)
    {
        var results = body["results"]!.AsArray().Select(result => new InlineResult(
            result!["type"]!.GetValue<string>(),
            result["id"]!.GetValue<string>(),
            result["title"]!.GetValue<string>(),
            result["input_message_content"]!["message_text"]!.GetValue<string>(),
            result["input_message_content"]!["parse_mode"]?.GetValue<string>())).ToList();
        foreach (var result in results.Where(result => IsHtml(result.ParseMode)))
        {
            if (TelegramHtmlChecker.Check(result.MessageText).Error is { } error)
            {
                return Error(400, "Bad Request: can't parse entities: " + error);
            }
        }

        return Record(() => InlineAnswers.Add(new InlineAnswer(body["inline_query_id"]!.GetValue<string>(), results)), true);
    }

    private IResult? RefuseChat(long chatId)
    {
        if (BlockedChats.Contains(chatId))
        {
            return Error(403, "Forbidden: bot was blocked by the user");
        }

        if (MigratedChats.TryGetValue(chatId, out var newId))
        {
            return Error(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: newId);
        }

        return null;
    }

    private IResult Record(Action record, object result)
    {
        lock (_gate)
        {
            record();
            Signal();
        }

        return Ok(result);
    }

    private void Enqueue(Update update)
    {
        _pending.Add(update);
        var arrived = _updateArrived;
        _updateArrived = NewSignal();
        arrived.TrySetResult();
    }

    private void Signal()
    {
        var recorded = _somethingRecorded;
        _somethingRecorded = NewSignal();
        recorded.TrySetResult();
    }

    private static bool IsHtml(string? parseMode) => string.Equals(parseMode, "HTML", StringComparison.OrdinalIgnoreCase);

    private static string KindOf(Update update) => update.Message is not null ? Update.MessageKind : Update.InlineQueryKind;

    private static IResult Ok(object result) =>
        Results.Json(new { ok = true, result }, TelegramJson.Options);

    private static IResult Error(int code, string description, int? retryAfter = null, long? migrateTo = null) =>
        Results.Json(
            new ApiResponse<object>(false, null, code, description,
                retryAfter is null && migrateTo is null ? null : new ResponseParameters(migrateTo, retryAfter)),
            TelegramJson.Options,
            statusCode: code);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex(@"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")]
    private static partial Regex CommandAtStart();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{3,32}")]
    private static partial Regex MentionPattern();
}
