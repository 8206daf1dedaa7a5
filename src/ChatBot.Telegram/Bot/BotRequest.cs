namespace ChatBot.Telegram.Bot;

/// <summary>What an incoming message asks of the bot; <see cref="Question"/> is set for <see cref="BotRequestKind.Question"/>.</summary>
public sealed record BotRequest(BotRequestKind Kind, string? Question = null)
{
    public static BotRequest Ignore { get; } = new(BotRequestKind.Ignore);
}
