namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>A message the bot sent, as the fake received it.</summary>
public sealed record SentMessage(long ChatId, long MessageId, string Text, string? ParseMode, long? ReplyToMessageId, bool LinkPreviewDisabled);

public sealed record SentChatAction(long ChatId, string Action);

public sealed record InlineAnswer(string InlineQueryId, IReadOnlyList<InlineResult> Results);

public sealed record InlineResult(string Type, string Id, string Title, string MessageText, string? ParseMode);

/// <summary>A failure the fake returns for the next call(s) of a method.</summary>
public sealed record InjectedFailure(int ErrorCode, string Description, int? RetryAfter = null, long? MigrateToChatId = null);
