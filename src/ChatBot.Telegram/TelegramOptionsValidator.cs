using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatBot.Telegram;

/// <summary>Checks <see cref="TelegramOptions"/> at start so a bad setting fails with a message that says what to fix.</summary>
public sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();

        // Never echo the token itself: the message ends up in logs.
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Telegram:Token is missing. Get one from @BotFather and set it (e.g. environment variable Telegram__Token).");
        }
        else if (!TokenPattern().IsMatch(options.Token))
        {
            failures.Add("Telegram:Token does not look like a bot token (expected '<bot id>:<secret>', e.g. '123456:ABC-DEF…').");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"Telegram:ApiBaseUrl must be an absolute http(s) URL (default {TelegramOptions.DefaultApiBaseUrl}); got '{options.ApiBaseUrl}'.");
        }

        if (options.PollTimeoutSeconds is < 0 or > 50)
        {
            failures.Add($"Telegram:PollTimeoutSeconds must be between 0 and 50; got {options.PollTimeoutSeconds}.");
        }

        if (options.RateLimit.QuestionsPerWindow < 1 || options.RateLimit.Window <= TimeSpan.Zero)
        {
            failures.Add("Telegram:RateLimit needs QuestionsPerWindow ≥ 1 and a positive Window (e.g. 5 per 00:01:00).");
        }

        if (options.MaxRateLimitRetries < 0 || options.MaxNetworkRetries < 0)
        {
            failures.Add("Telegram:MaxRateLimitRetries and Telegram:MaxNetworkRetries must not be negative.");
        }

        if (options.NetworkBackoff <= TimeSpan.Zero || options.MaxNetworkBackoff < options.NetworkBackoff)
        {
            failures.Add("Telegram:NetworkBackoff must be positive and not larger than Telegram:MaxNetworkBackoff.");
        }

        if (options.MaxConcurrentUpdates is < 1 or > 100)
        {
            failures.Add($"Telegram:MaxConcurrentUpdates must be between 1 and 100; got {options.MaxConcurrentUpdates}.");
        }

        if (options.ShutdownGrace < TimeSpan.Zero || options.ShutdownGrace > TimeSpan.FromSeconds(25))
        {
            failures.Add("Telegram:ShutdownGrace must be between 00:00:00 and 00:00:25 (the host waits 30 s in all).");
        }

        if (options.IdlePollDelay <= TimeSpan.Zero)
        {
            failures.Add("Telegram:IdlePollDelay must be positive.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("Telegram:RequestTimeout must be positive.");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            ValidateWebhook(options.Webhook, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWebhook(TelegramWebhookOptions webhook, List<string> failures)
    {
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add("Telegram:Webhook:Url must be the public https URL Telegram posts to (Mode is Webhook).");
        }

        if (string.IsNullOrEmpty(webhook.SecretToken) || !SecretPattern().IsMatch(webhook.SecretToken))
        {
            failures.Add("Telegram:Webhook:SecretToken is required in webhook mode: 1–256 characters of A-Z, a-z, 0-9, '_' and '-'.");
        }

        if (!Uri.TryCreate(webhook.ListenUrl, UriKind.Absolute, out _))
        {
            failures.Add($"Telegram:Webhook:ListenUrl must be an absolute URL such as http://0.0.0.0:8080; got '{webhook.ListenUrl}'.");
        }

        if (webhook.MaxConnections is < 1 or > 100)
        {
            failures.Add($"Telegram:Webhook:MaxConnections must be between 1 and 100; got {webhook.MaxConnections}.");
        }

        if (webhook.MaxBodyBytes < 1024)
        {
            failures.Add($"Telegram:Webhook:MaxBodyBytes must be at least 1024; got {webhook.MaxBodyBytes}.");
        }
    }

    [GeneratedRegex(@"^[0-9]+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
