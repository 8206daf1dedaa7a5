using ChatBot.Core.Conversation;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ChatBot.Telegram.Bot;

/// <summary>
/// Decides whether a message is for the bot and what it asks. Private chats: any text is a question, plus /start,
/// /help, /sources. Groups: /ask (also /ask@ThisBot), a mention of the bot, or a reply to one of its messages —
/// the same things a bot in privacy mode receives, so it behaves the same with privacy mode on or off.
/// Entity offsets are UTF-16 code units, which is what C# string indices count.
/// </summary>
public sealed class MessageInterpreter
{
    /// <returns>The turn to take, or null when the message is not for this bot.</returns>
    public TurnRequest? Interpret(Message message, User bot)
    {
        var text = message.Text;
        if (string.IsNullOrEmpty(text) || message.From is null || message.From.IsBot)
        {
            return null;
        }

        var userKey = UserKey(message.From.Id);
        var isPrivate = message.Chat.Type == ChatType.Private;
        var entities = (message.Entities ?? []).Where(entity => IsWithin(entity, text)).ToList();
        var command = entities.FirstOrDefault(entity => entity.Type == MessageEntityType.BotCommand && entity.Offset == 0);
        if (command is not null)
        {
            return InterpretCommand(text, command, isPrivate, bot, userKey);
        }

        if (isPrivate)
        {
            return new TurnRequest(userKey, TurnIntent.Question, text.Trim());
        }

        var mention = entities.FirstOrDefault(entity => MentionsBot(text, entity, bot));
        if (mention is not null)
        {
            return new TurnRequest(userKey, TurnIntent.Question, text.Remove(mention.Offset, mention.Length).Trim());
        }

        return message.ReplyToMessage?.From?.Id == bot.Id
            ? new TurnRequest(userKey, TurnIntent.Question, text.Trim())
            : null;
    }

    public static string UserKey(long userId) => $"telegram:{userId}";

    private static TurnRequest? InterpretCommand(string text, MessageEntity command, bool isPrivate, User bot, string userKey)
    {
        var commandText = text.Substring(command.Offset + 1, command.Length - 1);
        var at = commandText.IndexOf('@');
        var name = (at < 0 ? commandText : commandText[..at]).ToLowerInvariant();
        var target = at < 0 ? null : commandText[(at + 1)..];
        if (target is not null && !string.Equals(target, bot.Username, StringComparison.OrdinalIgnoreCase))
        {
            // Addressed to another bot in the same group.
            return null;
        }

        var argument = text[(command.Offset + command.Length)..].Trim();
        return name switch
        {
            "start" or "help" => new TurnRequest(userKey, TurnIntent.Help),
            "sources" => new TurnRequest(userKey, TurnIntent.Sources),
            "ask" => new TurnRequest(userKey, TurnIntent.Question, argument),
            // Unknown commands: explain in private; in groups they may belong to another bot unless addressed to us.
            _ => isPrivate || target is not null ? new TurnRequest(userKey, TurnIntent.Help) : null,
        };
    }

    private static bool MentionsBot(string text, MessageEntity entity, User bot) => entity.Type switch
    {
        MessageEntityType.Mention => bot.Username is { Length: > 0 } username
            && entity.Length == username.Length + 1
            && string.Compare(text, entity.Offset + 1, username, 0, username.Length, StringComparison.OrdinalIgnoreCase) == 0,
        MessageEntityType.TextMention => entity.User?.Id == bot.Id,
        _ => false,
    };

    // Entities come from the network: never trust them to lie inside the text.
    private static bool IsWithin(MessageEntity entity, string text) =>
        entity.Offset >= 0 && entity.Length > 0 && entity.Offset + entity.Length <= text.Length;
}
