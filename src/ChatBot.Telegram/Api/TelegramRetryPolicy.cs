using ChatBot.Core.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace ChatBot.Telegram.Api;

/// <summary>
/// What Telegram.Bot leaves to the bot (its own RetryCount is 0): a 429 waits <c>retry_after</c> and tries again; 5xx,
/// network failures, timeouts and answers that are not a Bot API envelope back off exponentially with jitter; anything
/// else (400, 401, 403, 404) is final and thrown as the library's <see cref="ApiRequestException"/>. Waits go through
/// <see cref="ITelegramRetryDelay"/>, so tests see what was asked for without sleeping. Every failure text that reaches
/// a log passes <see cref="Redact"/>: the token is part of every request URL.
/// </summary>
public sealed class TelegramRetryPolicy(
    IOptions<TelegramOptions> options, ITelegramRetryDelay delay, ILogger<TelegramRetryPolicy> logger, ChatBotMetrics? metrics = null)
{
    private readonly string _token = options.Value.Token ?? string.Empty;

    /// <param name="method">The Bot API method, for logs.</param>
    /// <param name="call">One attempt.</param>
    /// <param name="cancellationToken">Cancels the attempts and the waits.</param>
    /// <param name="timeout">Per attempt; the configured RequestTimeout when null.</param>
    /// <param name="optional">A cosmetic call (typing, command menu): one attempt, no waiting; the caller warns and goes on.</param>
    public async Task<T> RunAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan? timeout = null, bool optional = false)
    {
        var settings = options.Value;
        var maxRateLimitRetries = optional ? 0 : settings.MaxRateLimitRetries;
        var maxFailures = optional ? 0 : settings.MaxNetworkRetries;
        var rateLimitRetries = 0;
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string failure;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(timeout ?? settings.RequestTimeout);
            try
            {
                return await call(attempt.Token);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                if (++rateLimitRetries > maxRateLimitRetries)
                {
                    throw;
                }

                var retryAfter = TimeSpan.FromSeconds(Math.Max(ex.Parameters?.RetryAfter ?? 1, 0));
                logger.LogWarning("Telegram {Method} rate limited; retrying after {RetryAfter} (attempt {Attempt})", method, retryAfter, rateLimitRetries);
                metrics?.RateLimitWaited("telegram");
                await delay.WaitAsync(retryAfter, cancellationToken);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode >= 500)
            {
                failure = $"server error {ex.ErrorCode} {Redact(ex.Message)}";
            }
            catch (ApiRequestException)
            {
                throw;
            }
            catch (RequestException ex) when (IsSuccess(ex))
            {
                // The server accepted the request and only its answer could not be read: sending it again could
                // post the same message twice, so this is final for the caller to judge.
                throw;
            }
            catch (RequestException ex)
            {
                // Transport failures and answers that are not an envelope (the library wraps both).
                failure = Redact(Describe(ex));
            }
            catch (HttpRequestException ex)
            {
                failure = Redact(ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString());
            }
            catch (JsonException)
            {
                failure = "response was not a Bot API envelope";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "request timed out";
            }

            if (++failures > maxFailures)
            {
                throw new TelegramUnreachableException(method, failures, failure);
            }

            var backoff = NextBackoff(failures);
            logger.LogWarning("Telegram {Method} failed ({Failure}); retrying in {Backoff}", method, failure, backoff);
            await delay.WaitAsync(backoff, cancellationToken);
        }
    }

    /// <summary>The text with the bot token replaced, for anything that may end up in a log.</summary>
    public string Redact(string text) =>
        _token.Length == 0 ? text : text.Replace(_token, "<token>", StringComparison.Ordinal);

    /// <summary>True when the server answered 2xx but the library could not read the answer.</summary>
    public static bool IsSuccess(RequestException ex) => ex is not ApiRequestException && ex.HttpStatusCode is { } code && (int)code is >= 200 and < 300;

    private static string Describe(RequestException ex)
    {
        var inner = ex.InnerException switch
        {
            HttpRequestException http => http.HttpRequestError == HttpRequestError.Unknown ? http.Message : http.HttpRequestError.ToString(),
            null => null,
            var other => other.GetType().Name,
        };
        var status = ex.HttpStatusCode is { } code ? $" (HTTP {(int)code})" : string.Empty;
        return inner is null ? ex.Message + status : $"{ex.Message}{status}: {inner}";
    }

    private TimeSpan NextBackoff(int failures)
    {
        var settings = options.Value;
        var exponential = settings.NetworkBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, settings.MaxNetworkBackoff.TotalMilliseconds);
        // "Equal jitter": half fixed, half random, so many instances that failed together do not retry together.
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }
}
