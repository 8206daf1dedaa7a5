using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>Why a request failed and what to do about it (wait, or send to the migrated supergroup).</summary>
public sealed record ResponseParameters(
    [property: JsonPropertyName("migrate_to_chat_id")] long? MigrateToChatId,
    [property: JsonPropertyName("retry_after")] int? RetryAfter);
