using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The Discord REST calls the bot makes, on a typed <see cref="HttpClient"/> whose base address,
/// authorization and rate limiting are configured in <see cref="DiscordServiceCollectionExtensions"/>.
/// </summary>
public sealed class DiscordRestClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var route = new DiscordRoute("GET", "/gateway/bot", "");
        using var response = await SendAsync(HttpMethod.Get, "gateway/bot", route, body: null, cancellationToken);
        return await ReadAsync<GatewayBotResponse>(response, cancellationToken);
    }

    public async Task CreateMessageAsync(string channelId, DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute("POST", "/channels/{channel.id}/messages", channelId);
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", route, message, cancellationToken);
    }

    public async Task TriggerTypingAsync(string channelId, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute("POST", "/channels/{channel.id}/typing", channelId);
        using var response = await SendAsync(HttpMethod.Post, $"channels/{channelId}/typing", route, body: null, cancellationToken);
    }

    /// <summary>Replaces the application's commands: in one guild when <paramref name="guildId"/> is set, else globally.</summary>
    public async Task OverwriteCommandsAsync(string applicationId, string? guildId, IReadOnlyList<ApplicationCommandDefinition> commands, CancellationToken cancellationToken)
    {
        var (path, route) = guildId is null
            ? ($"applications/{applicationId}/commands", new DiscordRoute("PUT", "/applications/{application.id}/commands", applicationId))
            : ($"applications/{applicationId}/guilds/{guildId}/commands", new DiscordRoute("PUT", "/applications/{application.id}/guilds/{guild.id}/commands", guildId));
        using var response = await SendAsync(HttpMethod.Put, path, route, commands, cancellationToken);
    }

    public async Task CreateInteractionResponseAsync(string interactionId, string interactionToken, InteractionResponse reply, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute("POST", "/interactions/{interaction.id}/{interaction.token}/callback", interactionId);
        using var response = await SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{interactionToken}/callback", route, reply, cancellationToken);
    }

    public async Task EditOriginalInteractionResponseAsync(string applicationId, string interactionToken, DiscordMessagePayload message, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute("PATCH", "/webhooks/{application.id}/{interaction.token}/messages/@original", applicationId + "/" + interactionToken);
        using var response = await SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{interactionToken}/messages/@original", route, message, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(DiscordRoute.OptionKey, route);
        if (body is not null)
        {
            // Bytes, not a streaming content, so the rate-limit handler can send the same request again after a 429.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The inner message can quote the URL, and interaction URLs carry a token: keep only the route.
            throw new HttpRequestException($"Discord API {route} could not be reached: {ex.HttpRequestError}", inner: null, ex.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new DiscordApiException(route.ToString(), response.StatusCode, await ReadErrorAsync(response, cancellationToken));
            }
        }

        return response;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken)
               ?? throw new JsonException($"Discord returned an empty {typeof(T).Name}.");
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return body.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
