namespace ChatBot.Discord.Gateway;

/// <summary>The gateway intents the bot can ask for (bit flags).</summary>
[Flags]
public enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMessages = 1 << 9,
    DirectMessages = 1 << 12,

    /// <summary>Privileged: must also be switched on in the developer portal, or the gateway closes with 4014.</summary>
    MessageContent = 1 << 15,
}
