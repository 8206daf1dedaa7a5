namespace ChatBot.Discord.Gateway;

/// <summary>The gateway refused the bot for a reason reconnecting cannot fix (bad token, disallowed intents…).</summary>
public sealed class DiscordGatewayFatalException(string message) : Exception(message);
