using System.Text.Json.Serialization;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>The envelope every Bot API method answers with: <c>{ok, result}</c> or <c>{ok:false, error_code, description, parameters}</c>.</summary>
public sealed record ApiResponse<T>(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("result")] T? Result,
    [property: JsonPropertyName("error_code")] int? ErrorCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("parameters")] ResponseParameters? Parameters);
