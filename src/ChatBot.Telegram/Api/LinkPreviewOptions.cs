using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Api;

public sealed record LinkPreviewOptions(
    [property: JsonPropertyName("is_disabled")] bool IsDisabled);
