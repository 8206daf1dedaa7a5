using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

/// <summary>Checks the Discord settings at start, so a typo fails with a message naming the key to fix.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Discord:Token is required (the bot token from the Discord developer portal).");
        }
        else if (options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || options.Token.Any(char.IsWhiteSpace))
        {
            // The message must not echo the token itself.
            failures.Add("Discord:Token must be the bare token: no \"Bot \" prefix and no spaces.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Discord:ApiBaseUrl must be an absolute http(s) URL such as {DiscordOptions.DefaultApiBaseUrl}; got '{options.ApiBaseUrl}'.");
        }

        if (!string.IsNullOrEmpty(options.GuildId) && !Snowflake.IsValid(options.GuildId))
        {
            failures.Add($"Discord:GuildId must be a numeric guild id (snowflake); got '{options.GuildId}'.");
        }

        foreach (var guild in options.AllowedGuildIds)
        {
            if (!Snowflake.IsValid(guild))
            {
                failures.Add($"Discord:AllowedGuildIds contains '{guild}', which is not a numeric guild id (snowflake).");
            }
        }

        var rateLimitErrors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.RateLimit, new ValidationContext(options.RateLimit), rateLimitErrors, validateAllProperties: true))
        {
            failures.AddRange(rateLimitErrors.Select(e => $"Discord:RateLimit: {e.ErrorMessage}"));
        }

        if (options.MaxPassages is < 1 or > 10)
        {
            failures.Add("Discord:MaxPassages must be between 1 and 10 (a message holds at most 10 embeds).");
        }

        if (options.ReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.ReconnectDelay)
        {
            failures.Add("Discord:ReconnectDelay must be positive and not above Discord:MaxReconnectDelay.");
        }

        if (options.GatewaySendLimit is < 1 or > 120 || options.GatewaySendWindow < TimeSpan.FromMilliseconds(1))
        {
            failures.Add("Discord:GatewaySendLimit must be 1–120 per positive Discord:GatewaySendWindow (Discord allows 120 per 60 s).");
        }

        if (options.ShardId.HasValue != options.ShardCount.HasValue)
        {
            failures.Add("Discord:ShardId and Discord:ShardCount are set together (or neither, to run every shard in this process).");
        }
        else if (options.ShardCount is { } count && (count < 1 || options.ShardId < 0 || options.ShardId >= count))
        {
            failures.Add($"Discord:ShardId must be between 0 and Discord:ShardCount - 1 (got {options.ShardId} of {count}).");
        }

        if (options.IdentifyInterval < TimeSpan.Zero)
        {
            failures.Add("Discord:IdentifyInterval must not be negative.");
        }

        if (options.TypingRefreshInterval <= TimeSpan.Zero)
        {
            failures.Add("Discord:TypingRefreshInterval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
