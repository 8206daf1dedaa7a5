using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record DeleteWebhookRequest(
    [property: JsonPropertyName("drop_pending_updates")] bool DropPendingUpdates);
