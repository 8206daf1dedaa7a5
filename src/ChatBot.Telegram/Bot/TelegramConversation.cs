using ChatBot.Core.Conversation;

namespace ChatBot.Telegram.Bot;

/// <summary>The conversation turn with Telegram's command names and Telegram's own per-user limit.</summary>
public sealed class TelegramConversation(ConversationTurn turn)
{
    public ConversationTurn Turn => turn;
}
