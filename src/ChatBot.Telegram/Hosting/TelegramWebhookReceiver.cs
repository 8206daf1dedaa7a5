using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatBot.Core.Coordination;
using ChatBot.Telegram.Bot;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ChatBot.Telegram.Hosting;

/// <summary>
/// Accepts update POSTs from Telegram. Requests without the configured X-Telegram-Bot-Api-Secret-Token are rejected
/// with 401 before anything is parsed, so nobody who merely guesses the URL can make the bot talk. Behind a load
/// balancer every replica receives updates: each is answered only by the replica that claims it
/// (<see cref="OnceAcrossReplicas"/>); one still being answered elsewhere gets 503, so Telegram delivers it again
/// later and, should that replica have died, another takes it over once its claim has expired.
/// </summary>
public sealed class TelegramWebhookReceiver(
    TelegramUpdateHandler handler, OnceAcrossReplicas once, IOptions<TelegramOptions> options, ILogger<TelegramWebhookReceiver> logger)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <param name="request">The update POST; its abort token only cuts short reading the body.</param>
    /// <param name="stopping">
    /// Cancels an answer only when this replica stops. Not the request's abort token: Telegram or a load balancer
    /// giving up on the call says nothing about the reply, and an answer cut off mid-send had its claim released
    /// (as unanswered) after the reply was out, so the redelivery was answered a second time.
    /// </param>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken stopping)
    {
        if (!HasValidSecret(request))
        {
            logger.LogWarning("Rejected a webhook call without the right secret token from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Unauthorized();
        }

        // Refuse an oversized body before reading it: by its declared length, or, for a chunked one, as soon as
        // Kestrel has counted past the limit (BadHttpRequestException 413 while reading).
        var maxBody = options.Value.Webhook.MaxBodyBytes;
        if (request.ContentLength > maxBody)
        {
            logger.LogWarning("Refused a webhook body of {Length} bytes (limit {Limit})", request.ContentLength, maxBody);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBody;
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            logger.LogWarning("Refused a webhook body over {Limit} bytes", maxBody);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        try
        {
            var outcome = await once.RunAsync(options.Value.ClaimScope, update.Id, ct => handler.HandleAsync(update, ct), stopping);
            if (outcome == ClaimOutcome.InProgressElsewhere)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }
        catch (CoordinationUnavailableException ex)
        {
            // Unknown whether another replica answers it: Telegram must deliver it again later.
            logger.LogWarning("Update {UpdateId} not taken: {Reason}", update.Id, ex.Message);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Answer 200 anyway: Telegram would otherwise redeliver a poison update forever.
            logger.LogError(ex, "Update {UpdateId} failed and is skipped", update.Id);
        }

        return Results.Ok();
    }

    private bool HasValidSecret(HttpRequest request)
    {
        var expected = options.Value.Webhook.SecretToken;
        if (string.IsNullOrEmpty(expected) || !request.Headers.TryGetValue(SecretHeader, out var values) || values.Count != 1)
        {
            return false;
        }

        // Constant-time comparison: response timing must not reveal how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(values[0] ?? string.Empty), Encoding.UTF8.GetBytes(expected));
    }
}
