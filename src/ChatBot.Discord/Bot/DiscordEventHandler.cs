using System.Collections.Concurrent;
using System.Text.Json;
using ChatBot.Core.Conversation;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Models;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Bot;

/// <summary>
/// The bot's one event handler: learns its identity from READY (and registers <c>/ask</c>, <c>/sources</c>,
/// <c>/help</c>), reads messages addressed to it and slash commands into conversation turns and renders the replies.
/// Each turn runs as its own task so the gateway's receive loop never waits on a slow answer and interactions are
/// acknowledged within 3 s.
/// </summary>
public sealed class DiscordEventHandler
{
    private const int RememberedIds = 5000;

    private readonly DiscordRestClient _rest;
    private readonly ConversationTurn _turn;
    private readonly AnswerMessageBuilder _messages;
    private readonly MessageQuestionExtractor _extractor;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordEventHandler> _logger;
    private readonly RecentIds _handled = new(RememberedIds);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private volatile BotIdentity? _identity;
    private int _commandsRegistered;

    public DiscordEventHandler(
        DiscordRestClient rest,
        DiscordConversation conversation,
        AnswerMessageBuilder messages,
        MessageQuestionExtractor extractor,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordEventHandler> logger)
    {
        _rest = rest;
        _turn = conversation.Turn;
        _messages = messages;
        _extractor = extractor;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The bot's identity once READY has arrived.</summary>
    public BotIdentity? Identity => _identity;

    public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        try
        {
            Dispatch(dispatch, cancellationToken);
        }
        catch (JsonException ex)
        {
            // One odd event must not take the Discord side down; skip it and keep listening.
            _logger.LogWarning("Ignored a {Event} event that could not be read: {Error}", dispatch.EventName, ex.Message);
        }

        return ValueTask.CompletedTask;
    }

    private void Dispatch(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        switch (dispatch.EventName)
        {
            case "READY":
                var ready = dispatch.Data.Deserialize<ReadyData>()!;
                _identity = new BotIdentity(ready.User.Id, ready.Application.Id);
                if (Interlocked.Exchange(ref _commandsRegistered, 1) == 0)
                {
                    Track(RegisterCommandsAsync(_identity, cancellationToken));
                }

                break;

            case "MESSAGE_CREATE" when _identity is { } bot:
                var message = dispatch.Data.Deserialize<DiscordMessage>()!;
                if (_handled.TryAdd("m" + message.Id))
                {
                    Track(HandleMessageAsync(message, bot, cancellationToken));
                }

                break;

            case "INTERACTION_CREATE":
                var interaction = dispatch.Data.Deserialize<DiscordInteraction>()!;
                if (interaction is { Type: DiscordInteraction.ApplicationCommandType, Data.Name: SlashCommands.AskName or SlashCommands.SourcesName or SlashCommands.HelpName }
                    && _handled.TryAdd("i" + interaction.Id))
                {
                    Track(HandleCommandAsync(interaction, cancellationToken));
                }

                break;
        }
    }

    /// <summary>Waits for answers still being sent, e.g. at shutdown.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_pending.Keys);

    private async Task RegisterCommandsAsync(BotIdentity bot, CancellationToken cancellationToken)
    {
        await _rest.OverwriteCommandsAsync(bot.ApplicationId, string.IsNullOrEmpty(_options.GuildId) ? null : _options.GuildId, SlashCommands.All, cancellationToken);
        _logger.LogInformation(
            "Registered /{Command}, /{Sources} and /{Help} {Scope}",
            SlashCommands.AskName,
            SlashCommands.SourcesName,
            SlashCommands.HelpName,
            string.IsNullOrEmpty(_options.GuildId) ? "globally (may take a while to appear)" : $"in guild {_options.GuildId}");
    }

    private async Task HandleMessageAsync(DiscordMessage message, BotIdentity bot, CancellationToken cancellationToken)
    {
        var question = _extractor.Extract(message, bot);
        if (question is null || !IsAllowedGuild(message.GuildId))
        {
            return;
        }

        var replyTo = new DiscordMessageReference(message.Id, message.ChannelId, message.GuildId, FailIfNotExists: false);
        var request = new TurnRequest(UserKey(message.Author.Id), TurnIntent.Question, question, _options.MaxPassages);
        var reply = _turn.Screen(request);
        if (reply is null)
        {
            await using (await TypingIndicator.StartAsync(_rest, message.ChannelId, _options.TypingRefreshInterval, _time, _logger, cancellationToken))
            {
                reply = await _turn.AnswerScreenedAsync(request, cancellationToken);
            }
        }

        if (!reply.ShouldSend)
        {
            return; // Over the limit and already told in this window: a flood gets one notice, not one per message.
        }

        await _rest.CreateMessageAsync(message.ChannelId, _messages.Render(reply, replyTo), cancellationToken);
        _logger.LogInformation("Replied to message {MessageId} in channel {ChannelId}: {Kind}", message.Id, message.ChannelId, reply.Kind);
    }

    private async Task HandleCommandAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var user = interaction.Invoker;
        if (user is null)
        {
            return;
        }

        if (!IsAllowedGuild(interaction.GuildId))
        {
            await ReplyNowAsync(interaction, _messages.PlainText("I'm not enabled in this server."), cancellationToken);
            return;
        }

        var name = interaction.Data!.Name;
        if (name != SlashCommands.AskName)
        {
            var intent = name == SlashCommands.SourcesName ? TurnIntent.Sources : TurnIntent.Help;
            var listing = await _turn.TakeAsync(new TurnRequest(UserKey(user.Id), intent), cancellationToken);
            await ReplyNowAsync(interaction, _messages.Render(listing), cancellationToken);
            return;
        }

        var question = interaction.Data?.Options?.FirstOrDefault(o => o.Name == SlashCommands.QuestionOption)?.Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!.Trim()
            : "";
        var request = new TurnRequest(UserKey(user.Id), TurnIntent.Question, question, _options.MaxPassages);
        // An interaction must be answered (or Discord shows it failed): even a quiet refusal gets the notice, ephemerally.
        if (_turn.Screen(request) is { } notice)
        {
            await ReplyNowAsync(interaction, _messages.Render(notice), cancellationToken);
            return;
        }

        // Acknowledge first: Discord drops interactions not answered within 3 s, and searching may take longer.
        await _rest.CreateInteractionResponseAsync(
            interaction.Id, interaction.Token, new InteractionResponse(InteractionResponse.DeferredChannelMessageWithSource), cancellationToken);

        var reply = await _turn.AnswerScreenedAsync(request, cancellationToken);
        await _rest.EditOriginalInteractionResponseAsync(interaction.ApplicationId, interaction.Token, _messages.Render(reply), cancellationToken);
        _logger.LogInformation("Answered /{Command} interaction {InteractionId}: {Kind}", SlashCommands.AskName, interaction.Id, reply.Kind);
    }

    /// <summary>An immediate, ephemeral reply (only the asker sees it) for replies that need no search.</summary>
    private Task ReplyNowAsync(DiscordInteraction interaction, DiscordMessagePayload message, CancellationToken cancellationToken) =>
        _rest.CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(InteractionResponse.ChannelMessageWithSource, message with { Flags = InteractionResponse.EphemeralFlag }),
            cancellationToken);

    private bool IsAllowedGuild(string? guildId) =>
        guildId is null || _options.AllowedGuildIds.Count == 0 || _options.AllowedGuildIds.Contains(guildId);

    private static string UserKey(string userId) => "discord:" + userId;

    private void Track(Task work)
    {
        _pending.TryAdd(work, 0);
        _ = work.ContinueWith(
            t =>
            {
                _pending.TryRemove(t, out _);
                if (t.Exception?.GetBaseException() is { } error)
                {
                    _logger.LogError(error, "Discord request handling failed");
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
