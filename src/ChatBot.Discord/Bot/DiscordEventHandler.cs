using System.Collections.Concurrent;
using System.Text.Json;
using ChatBot.Core.Answers;
using ChatBot.Core.RateLimiting;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Models;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Bot;

/// <summary>
/// The bot's one event handler: learns its identity from READY (and registers <c>/ask</c>), answers
/// messages addressed to it and <c>/ask</c> interactions. Each answer runs as its own task so the
/// gateway's receive loop never waits on a slow answer and interactions are acknowledged within 3 s.
/// </summary>
public sealed class DiscordEventHandler
{
    private const int RememberedIds = 5000;

    internal const string FailureText = "Sorry, I couldn't look that up just now. Please try again in a moment.";

    private readonly DiscordRestClient _rest;
    private readonly IQuestionAnswerer _answerer;
    private readonly AnswerMessageBuilder _messages;
    private readonly MessageQuestionExtractor _extractor;
    private readonly PerUserRateLimiter _rateLimiter;
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordEventHandler> _logger;
    private readonly RecentIds _handled = new(RememberedIds);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private volatile BotIdentity? _identity;
    private int _commandsRegistered;

    public DiscordEventHandler(
        DiscordRestClient rest,
        IQuestionAnswerer answerer,
        AnswerMessageBuilder messages,
        MessageQuestionExtractor extractor,
        IOptions<DiscordOptions> options,
        TimeProvider time,
        ILogger<DiscordEventHandler> logger)
    {
        _rest = rest;
        _answerer = answerer;
        _messages = messages;
        _extractor = extractor;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _rateLimiter = new PerUserRateLimiter(_options.RateLimit, time);
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
                if (interaction is { Type: DiscordInteraction.ApplicationCommandType, Data.Name: AskCommand.Name }
                    && _handled.TryAdd("i" + interaction.Id))
                {
                    Track(HandleAskAsync(interaction, cancellationToken));
                }

                break;
        }
    }

    /// <summary>Waits for answers still being sent, e.g. at shutdown.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_pending.Keys);

    private async Task RegisterCommandsAsync(BotIdentity bot, CancellationToken cancellationToken)
    {
        await _rest.OverwriteCommandsAsync(bot.ApplicationId, string.IsNullOrEmpty(_options.GuildId) ? null : _options.GuildId, [AskCommand.Definition], cancellationToken);
        _logger.LogInformation(
            "Registered /{Command} {Scope}",
            AskCommand.Name,
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
        if (question.Length == 0)
        {
            await _rest.CreateMessageAsync(message.ChannelId, _messages.PlainText(AnswerTexts.EmptyQuestion, replyTo), cancellationToken);
            return;
        }

        if (!_rateLimiter.TryAcquire(UserKey(message.Author.Id)))
        {
            await _rest.CreateMessageAsync(message.ChannelId, _messages.PlainText(PerUserRateLimiter.SlowDownMessage, replyTo), cancellationToken);
            return;
        }

        Answer? answer;
        await using (await TypingIndicator.StartAsync(_rest, message.ChannelId, _options.TypingRefreshInterval, _time, _logger, cancellationToken))
        {
            answer = await TryAnswerAsync(question, cancellationToken);
        }

        var reply = answer is null ? _messages.PlainText(FailureText, replyTo) : _messages.Build(answer, replyTo);
        await _rest.CreateMessageAsync(message.ChannelId, reply, cancellationToken);
        _logger.LogInformation("Answered message {MessageId} in channel {ChannelId} (answered: {Answered})", message.Id, message.ChannelId, answer?.Answered);
    }

    private async Task HandleAskAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var user = interaction.Invoker;
        if (user is null)
        {
            return;
        }

        if (!IsAllowedGuild(interaction.GuildId))
        {
            await ReplyNowAsync(interaction, "I'm not enabled in this server.", cancellationToken);
            return;
        }

        var question = interaction.Data?.Options?.FirstOrDefault(o => o.Name == AskCommand.QuestionOption)?.Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!.Trim()
            : "";
        if (question.Length == 0)
        {
            await ReplyNowAsync(interaction, AnswerTexts.EmptyQuestion, cancellationToken);
            return;
        }

        if (!_rateLimiter.TryAcquire(UserKey(user.Id)))
        {
            await ReplyNowAsync(interaction, PerUserRateLimiter.SlowDownMessage, cancellationToken);
            return;
        }

        // Acknowledge first: Discord drops interactions not answered within 3 s, and searching may take longer.
        await _rest.CreateInteractionResponseAsync(
            interaction.Id, interaction.Token, new InteractionResponse(InteractionResponse.DeferredChannelMessageWithSource), cancellationToken);

        var answer = await TryAnswerAsync(question, cancellationToken);
        var reply = answer is null ? _messages.PlainText(FailureText) : _messages.Build(answer);
        await _rest.EditOriginalInteractionResponseAsync(interaction.ApplicationId, interaction.Token, reply, cancellationToken);
        _logger.LogInformation("Answered /{Command} interaction {InteractionId} (answered: {Answered})", AskCommand.Name, interaction.Id, answer?.Answered);
    }

    /// <summary>The answer, or null when the answerer failed (logged); the asker then gets an apology instead of silence.</summary>
    private async Task<Answer?> TryAnswerAsync(string question, CancellationToken cancellationToken)
    {
        try
        {
            return await _answerer.AnswerAsync(question, _options.MaxPassages, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Answering a Discord question failed");
            return null;
        }
    }

    /// <summary>An immediate, ephemeral reply (only the asker sees it) for notices that need no search.</summary>
    private Task ReplyNowAsync(DiscordInteraction interaction, string text, CancellationToken cancellationToken) =>
        _rest.CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(InteractionResponse.ChannelMessageWithSource, _messages.PlainText(text) with { Flags = InteractionResponse.EphemeralFlag }),
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
                    _logger.LogError("Discord request handling failed: {Error}", error.Message);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
