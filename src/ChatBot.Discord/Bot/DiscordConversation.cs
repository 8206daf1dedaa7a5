using ChatBot.Core.Conversation;

namespace ChatBot.Discord.Bot;

/// <summary>The conversation turn with Discord's command names and Discord's own per-user limit.</summary>
public sealed class DiscordConversation(ConversationTurn turn)
{
    public ConversationTurn Turn => turn;
}
