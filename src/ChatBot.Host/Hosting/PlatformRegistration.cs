using ChatBot.Discord;
using ChatBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Host.Hosting;

/// <summary>Adds every chat platform that has a token configured; returns the names of those added.</summary>
internal static class PlatformRegistration
{
    public static IReadOnlyList<string> AddConfiguredPlatforms(HostApplicationBuilder builder)
    {
        var added = new List<string>();
        if (HasToken(builder.Configuration, "Telegram"))
        {
            builder.Services.AddTelegramBot(builder.Configuration);
            added.Add("Telegram");
        }

        if (HasToken(builder.Configuration, "Discord"))
        {
            builder.Services.AddDiscordBot(builder.Configuration);
            added.Add("Discord");
        }

        return added;
    }

    public static bool HasToken(IConfiguration configuration, string platform) =>
        !string.IsNullOrWhiteSpace(configuration[$"{platform}:Token"]);
}
