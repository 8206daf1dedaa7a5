using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram.Api;

/// <summary>
/// Typed HttpClient for the Bot API. Every call goes through <see cref="CallAsync{TResult}"/>, the one place that reads
/// the <c>{ok, result | error_code, description, parameters}</c> envelope: 429 waits retry_after and retries, network
/// failures and 5xx back off exponentially with jitter, anything else becomes a <see cref="TelegramApiException"/>.
/// The token is part of every URL, so neither logs nor exceptions from here ever contain the URL.
/// </summary>
public sealed class TelegramBotClient
{
    public const string HtmlParseMode = "HTML";

    private readonly HttpClient _http;
    private readonly TelegramOptions _options;
    private readonly ITelegramRetryDelay _delay;
    private readonly ILogger<TelegramBotClient> _logger;
    private readonly string _token;

    public TelegramBotClient(HttpClient http, IOptions<TelegramOptions> options, ITelegramRetryDelay delay, ILogger<TelegramBotClient> logger)
    {
        _http = http;
        _options = options.Value;
        _delay = delay;
        _logger = logger;
        _token = _options.Token ?? throw new InvalidOperationException("Telegram:Token is not configured.");
    }

    public Task<User> GetMeAsync(CancellationToken cancellationToken = default) =>
        CallAsync<User>("getMe", null, cancellationToken);

    public Task<bool> DeleteWebhookAsync(bool dropPendingUpdates = false, CancellationToken cancellationToken = default) =>
        CallAsync<bool>("deleteWebhook", new DeleteWebhookRequest(dropPendingUpdates), cancellationToken);

    public Task<bool> SetWebhookAsync(SetWebhookRequest request, CancellationToken cancellationToken = default) =>
        CallAsync<bool>("setWebhook", request, cancellationToken);

    /// <summary>Long poll: the server holds the request up to <paramref name="timeoutSeconds"/> until updates arrive.</summary>
    public Task<IReadOnlyList<Update>> GetUpdatesAsync(long? offset, int timeoutSeconds, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<Update>>(
            "getUpdates",
            new GetUpdatesRequest(offset, 100, timeoutSeconds, allowedUpdates),
            cancellationToken,
            _options.RequestTimeout + TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Sends a message; when the group became a supergroup, sends it again to the new chat id.</summary>
    public async Task<Message> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CallAsync<Message>("sendMessage", request, cancellationToken);
        }
        catch (TelegramApiException ex) when (ex.Parameters?.MigrateToChatId is long newChatId)
        {
            _logger.LogInformation("Chat {ChatId} migrated to {NewChatId}; sending there", request.ChatId, newChatId);
            return await CallAsync<Message>("sendMessage", request with { ChatId = newChatId }, cancellationToken);
        }
    }

    public async Task SendChatActionAsync(long chatId, string action, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync<bool>("sendChatAction", new SendChatActionRequest(chatId, action), cancellationToken);
        }
        catch (TelegramApiException ex) when (ex.Parameters?.MigrateToChatId is long newChatId)
        {
            await CallAsync<bool>("sendChatAction", new SendChatActionRequest(newChatId, action), cancellationToken);
        }
    }

    public Task<bool> SetMyCommandsAsync(IReadOnlyList<BotCommand> commands, CancellationToken cancellationToken = default) =>
        CallAsync<bool>("setMyCommands", new SetMyCommandsRequest(commands), cancellationToken);

    public Task<bool> AnswerInlineQueryAsync(AnswerInlineQueryRequest request, CancellationToken cancellationToken = default) =>
        CallAsync<bool>("answerInlineQuery", request, cancellationToken);

    /// <summary>Calls a Bot API method and unwraps the envelope (see the class remarks for the retry rules).</summary>
    public async Task<TResult> CallAsync<TResult>(string method, object? body, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var rateLimitRetries = 0;
        var networkFailures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string failure;
            try
            {
                var envelope = await SendOnceAsync<TResult>(method, body, timeout ?? _options.RequestTimeout, cancellationToken);
                if (envelope.Ok)
                {
                    return envelope.Result!;
                }

                var code = envelope.ErrorCode ?? 0;
                var description = Redact(envelope.Description ?? "no description");
                if (code == 429)
                {
                    var retryAfter = TimeSpan.FromSeconds(Math.Max(envelope.Parameters?.RetryAfter ?? 1, 0));
                    if (++rateLimitRetries > _options.MaxRateLimitRetries)
                    {
                        throw new TelegramApiException(method, code, description, envelope.Parameters);
                    }

                    _logger.LogWarning("Telegram {Method} rate limited; retrying after {RetryAfter} (attempt {Attempt})", method, retryAfter, rateLimitRetries);
                    await _delay.WaitAsync(retryAfter, cancellationToken);
                    continue;
                }

                if (code < 500)
                {
                    throw new TelegramApiException(method, code, description, envelope.Parameters);
                }

                failure = $"server error {code} {description}";
            }
            catch (HttpRequestException ex)
            {
                // The message names host and port at most, but redact anyway: a custom handler could add the URL.
                failure = Redact(ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString());
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "request timed out";
            }
            catch (JsonException)
            {
                failure = "response was not a Bot API envelope";
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or UriFormatException)
            {
                // A misconfiguration, not a transient failure; the message may quote the URL, so redact it.
                throw new TelegramNetworkException(method, networkFailures + 1, Redact(ex.Message));
            }

            if (++networkFailures > _options.MaxNetworkRetries)
            {
                throw new TelegramNetworkException(method, networkFailures, failure);
            }

            var backoff = NextBackoff(networkFailures);
            _logger.LogWarning("Telegram {Method} failed ({Failure}); retrying in {Backoff}", method, failure, backoff);
            await _delay.WaitAsync(backoff, cancellationToken);
        }
    }

    private async Task<ApiResponse<TResult>> SendOnceAsync<TResult>(string method, object? body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);

        // "./" keeps the URI relative: "bot123:abc/…" alone parses as an absolute URI with the scheme "bot123".
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"./bot{_token}/{method}", UriKind.Relative))
        {
            // Buffered rather than streamed: a Content-Length body works with every server and proxy, chunked does not.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body ?? new { }, body?.GetType() ?? typeof(object), TelegramJson.Options))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            },
        };
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
        var envelope = await response.Content.ReadFromJsonAsync<ApiResponse<TResult>>(TelegramJson.Options, timeoutSource.Token);
        _logger.LogDebug("Telegram {Method} answered {Status} in {Elapsed}", method, (int)response.StatusCode, Stopwatch.GetElapsedTime(started));
        return envelope ?? throw new JsonException("empty response");
    }

    private TimeSpan NextBackoff(int failures)
    {
        var exponential = _options.NetworkBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, _options.MaxNetworkBackoff.TotalMilliseconds);
        // "Equal jitter": half fixed, half random, so many instances that failed together do not retry together.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private string Redact(string text) => text.Replace(_token, "<token>", StringComparison.Ordinal);
}
