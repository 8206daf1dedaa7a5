using System.Globalization;
using System.Text.Json;

namespace ChatBot.Core.Articles;

/// <summary>
/// Reads a <c>.meta.json</c> sidecar field by field, so a bad one is reported as the field, what it holds and what
/// was expected (<c>'published' must be a date written YYYY-MM-DD, got "16/12/2016"</c>) instead of a serializer
/// message about <c>System.Nullable`1[System.DateOnly]</c>. Unknown fields are ignored, as before.
/// </summary>
public sealed class ArticleSidecarParser(TimeProvider time)
{
    /// <summary>The longest sidecar read: it holds a handful of short fields, so anything bigger is not one.</summary>
    public const int MaxLength = 64 * 1024;

    /// <exception cref="InvalidDataException">The sidecar is not valid JSON or a field is invalid; the message says which.</exception>
    public ArticleSidecar Parse(string json)
    {
        if (json.Length > MaxLength)
        {
            throw new InvalidDataException($"sidecar is {json.Length:N0} characters long; a sidecar holds a few short fields (at most {MaxLength:N0})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"sidecar is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"sidecar must be a JSON object {{\"title\": …, \"published\": \"YYYY-MM-DD\", …}}, got {Describe(root)}");
            }

            var sidecar = new ArticleSidecar
            {
                Title = Text(root, "title"),
                TitleBasis = Text(root, "title_basis"),
                Publisher = Text(root, "publisher"),
                PublisherBasis = Text(root, "publisher_basis"),
                Url = Text(root, "url"),
                Published = Date(root, "published"),
                DateCertain = Flag(root, "date_certain"),
                DateBasis = Text(root, "date_basis"),
            };
            if (sidecar is { Published: not null, DateBasis: null or "" })
            {
                throw new InvalidDataException("sidecar field 'date_basis' is required when 'published' is given (say how the date is known)");
            }

            if (sidecar.Url is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw new InvalidDataException($"sidecar field 'url' must be an absolute link such as \"https://…\", got {Quote(url)}");
            }

            return sidecar;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        Field(root, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { } other => throw new InvalidDataException($"sidecar field '{name}' must be a string, got {Describe(other)}"),
        };

    private static bool? Flag(JsonElement root, string name) =>
        Field(root, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { } other => throw new InvalidDataException($"sidecar field '{name}' must be true or false, got {Describe(other)}"),
        };

    private DateOnly? Date(JsonElement root, string name)
    {
        if (Field(root, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String ||
            !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException($"sidecar field '{name}' must be a date written YYYY-MM-DD (e.g. \"2018-09-10\"), got {Describe(value)}");
        }

        // A day after today's date anywhere on Earth (UTC+14) cannot be a publication date.
        var latest = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(14));
        if (date > latest)
        {
            throw new InvalidDataException($"sidecar field '{name}' is {value.GetString()}, a date in the future; a publication date must be today or earlier");
        }

        return date;
    }

    private static JsonElement? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString() ?? string.Empty),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => Shorten(value.GetRawText()),
    };

    private static string Quote(string text) => $"\"{Shorten(text)}\"";

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
