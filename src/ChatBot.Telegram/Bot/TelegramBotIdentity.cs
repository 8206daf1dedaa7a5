using Telegram.Bot.Types;

namespace ChatBot.Telegram.Bot;

/// <summary>The bot's own user (from getMe), needed to recognise mentions, /cmd@ThisBot and replies to the bot.</summary>
public sealed class TelegramBotIdentity
{
    private User? _user;

    public User User => Volatile.Read(ref _user) ?? throw new InvalidOperationException("The bot identity is not known yet (getMe has not run).");

    public bool IsKnown => Volatile.Read(ref _user) is not null;

    public void Set(User user) => Volatile.Write(ref _user, user);
}
