using ChatBot.Core.Conversation;

namespace ChatBot.Telegram.Bot;

/// <summary>Telegram's command names, so replies name commands that exist in a Telegram chat.</summary>
public static class TelegramSurface
{
    public static ConversationSurface Value { get; } = new(
        "telegram",
        "/help",
        "/sources",
        "In a private chat just send your question; in a group use /ask followed by the question, mention me, or reply to one of my messages. "
        + "In any chat, type my @username and a question to share a quoted source.");
}
