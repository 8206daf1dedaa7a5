namespace ChatBot.Discord.Rest;

/// <summary>
/// The route a request belongs to: a template for logs and errors (no ids, no tokens) and the
/// rate-limit key (template plus its major parameter, as Discord buckets per channel/guild/webhook).
/// </summary>
public sealed record DiscordRoute(string Method, string Template, string MajorParameter)
{
    public static readonly HttpRequestOptionsKey<DiscordRoute> OptionKey = new("ChatBot.Discord.Route");

    public string RateLimitKey => $"{Method} {Template} {MajorParameter}";

    public override string ToString() => $"{Method} {Template}";
}
