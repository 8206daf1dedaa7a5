using ChatBot.Core.Conversation;

namespace ChatBot.Discord.Bot;

/// <summary>Discord's command names, so replies name commands that exist in a Discord channel.</summary>
public static class DiscordSurface
{
    public static ConversationSurface Value { get; } = new(
        "discord",
        "/help",
        "/sources",
        "Use /ask with your question, mention me with it, reply to one of my answers, or send me a direct message.");
}
