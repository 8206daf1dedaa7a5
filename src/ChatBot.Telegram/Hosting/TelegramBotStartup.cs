using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Hosting;

/// <summary>What both modes do first: learn who the bot is (getMe) and register its commands (setMyCommands).</summary>
public sealed class TelegramBotStartup(TelegramBotClient client, TelegramBotIdentity identity, ILogger<TelegramBotStartup> logger)
{
    public static IReadOnlyList<BotCommand> Commands { get; } =
    [
        new("ask", "Ask a question about the articles"),
        new("help", "What I know and how to ask"),
        new("sources", "List the articles with their dates"),
    ];

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var me = await client.GetMeAsync(cancellationToken);
        identity.Set(me);
        await client.SetMyCommandsAsync(Commands, cancellationToken);
        logger.LogInformation("Telegram bot @{Username} ({BotId}) started", me.Username, me.Id);
    }
}
