namespace ChatBot.Discord;

/// <summary>The name readiness and the metrics know this platform by.</summary>
public static class DiscordPlatform
{
    public const string Name = "discord";
}
