using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;

namespace ChatBot.Telegram.Api;

/// <summary>
/// The Bot API calls the bot makes, each through Telegram.Bot with <see cref="TelegramRetryPolicy"/> around it, plus
/// the one rule the library does not apply: a group that became a supergroup gets the message at its new id.
/// </summary>
public sealed class TelegramApi(ITelegramBotClient client, TelegramRetryPolicy retry, IOptions<TelegramOptions> options, ILogger<TelegramApi> logger)
{
    public static IReadOnlyList<UpdateType> HandledUpdates { get; } = [UpdateType.Message, UpdateType.InlineQuery];

    public TelegramRetryPolicy Retry => retry;

    public Task<User> GetMeAsync(CancellationToken cancellationToken) =>
        retry.RunAsync("getMe", ct => client.GetMe(ct), cancellationToken);

    public Task DeleteWebhookAsync(CancellationToken cancellationToken) =>
        retry.RunAsync("deleteWebhook", async ct => { await client.DeleteWebhook(dropPendingUpdates: false, ct); return true; }, cancellationToken);

    public Task SetWebhookAsync(string url, string secretToken, int maxConnections, CancellationToken cancellationToken) =>
        retry.RunAsync("setWebhook", async ct =>
        {
            await client.SetWebhook(url, maxConnections: maxConnections, allowedUpdates: HandledUpdates, secretToken: secretToken, cancellationToken: ct);
            return true;
        }, cancellationToken);

    public Task SetMyCommandsAsync(IEnumerable<BotCommand> commands, CancellationToken cancellationToken) =>
        retry.RunAsync("setMyCommands", async ct => { await client.SetMyCommands(commands, cancellationToken: ct); return true; }, cancellationToken, optional: true);

    /// <summary>Long poll: the server holds the request up to the configured timeout until updates arrive.</summary>
    public Task<Update[]> GetUpdatesAsync(int? offset, CancellationToken cancellationToken)
    {
        var timeout = options.Value.PollTimeoutSeconds;
        return retry.RunAsync(
            "getUpdates",
            ct => client.GetUpdates(offset, limit: 100, timeout: timeout, allowedUpdates: HandledUpdates, cancellationToken: ct),
            cancellationToken,
            options.Value.RequestTimeout + TimeSpan.FromSeconds(timeout));
    }

    /// <summary>
    /// Sends HTML; when the group became a supergroup, sends it again to the new chat id. Returns null when the server
    /// accepted the message but its answer could not be read (it is not sent again: that could post it twice).
    /// </summary>
    public async Task<Message?> SendHtmlAsync(long chatId, string html, int? replyToMessageId, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOnceAsync(chatId, html, replyToMessageId, cancellationToken);
        }
        catch (RequestException ex) when (TelegramRetryPolicy.IsSuccess(ex))
        {
            logger.LogWarning("Telegram accepted a message to chat {ChatId} but its answer could not be read ({Reason}); not sending it again", chatId, retry.Redact(ex.Message));
            return null;
        }
        catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is long newChatId)
        {
            logger.LogInformation("Chat {ChatId} migrated to {NewChatId}; sending there", chatId, newChatId);
            return await SendOnceAsync(newChatId, html, replyToMessageId, cancellationToken);
        }
    }

    /// <summary>Shows "typing"; cosmetic, so one attempt and no waiting (the caller warns on failure).</summary>
    public async Task SendTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync("sendChatAction", async ct => { await client.SendChatAction(chatId, ChatAction.Typing, cancellationToken: ct); return true; }, cancellationToken, optional: true);
        }
        catch (ApiRequestException ex) when (ex.Parameters?.MigrateToChatId is long newChatId)
        {
            await retry.RunAsync("sendChatAction", async ct => { await client.SendChatAction(newChatId, ChatAction.Typing, cancellationToken: ct); return true; }, cancellationToken, optional: true);
        }
    }

    public Task AnswerInlineQueryAsync(string queryId, IEnumerable<InlineQueryResult> results, int cacheTime, bool isPersonal, CancellationToken cancellationToken) =>
        retry.RunAsync("answerInlineQuery", async ct =>
        {
            await client.AnswerInlineQuery(queryId, results, cacheTime, isPersonal, cancellationToken: ct);
            return true;
        }, cancellationToken);

    private Task<Message> SendOnceAsync(long chatId, string html, int? replyToMessageId, CancellationToken cancellationToken) =>
        retry.RunAsync("sendMessage", ct => client.SendMessage(
            chatId,
            html,
            ParseMode.Html,
            replyParameters: replyToMessageId is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: ct), cancellationToken);
}
