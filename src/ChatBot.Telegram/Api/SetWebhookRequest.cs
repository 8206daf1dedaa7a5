using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record SetWebhookRequest(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("secret_token")] string SecretToken,
    [property: JsonPropertyName("allowed_updates")] IReadOnlyList<string> AllowedUpdates,
    [property: JsonPropertyName("max_connections")] int? MaxConnections = null);
