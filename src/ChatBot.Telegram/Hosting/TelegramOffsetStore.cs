using System.Globalization;
using ChatBot.Core.State;

namespace ChatBot.Telegram.Hosting;

/// <summary>Where polling resumes: every update below <see cref="Offset"/> is done, and so are <see cref="HandledAbove"/>.</summary>
public sealed record TelegramPollPosition(long? Offset, IReadOnlySet<long> HandledAbove)
{
    public static TelegramPollPosition Start { get; } = new(null, new HashSet<long>());
}

/// <summary>
/// Keeps the poll position in <see cref="IBotStateStore"/>. Chats are answered concurrently, so an update can finish
/// while an earlier one is still in flight: the offset stays at the earliest unfinished update and the finished ones
/// above it are listed, so a restart answers the unfinished ones and skips the rest.
/// </summary>
public sealed class TelegramOffsetStore(IBotStateStore state)
{
    public const string OffsetKey = "telegram:update-offset";
    public const string HandledAboveKey = "telegram:handled-above-offset";

    public async Task<TelegramPollPosition> LoadAsync(CancellationToken cancellationToken)
    {
        var offset = await state.GetAsync(OffsetKey, cancellationToken);
        var above = await state.GetAsync(HandledAboveKey, cancellationToken);
        if (!long.TryParse(offset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return TelegramPollPosition.Start;
        }

        var handled = (above ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null)
            .OfType<long>()
            .Where(id => id >= value)
            .ToHashSet();
        return new TelegramPollPosition(value, handled);
    }

    /// <summary>The list is written before the offset: a crash in between leaves extra ids that the offset makes moot.</summary>
    public async Task SaveAsync(TelegramPollPosition position, CancellationToken cancellationToken)
    {
        if (position.Offset is not { } offset)
        {
            return;
        }

        await state.SetAsync(HandledAboveKey, string.Join(',', position.HandledAbove.Order().Select(id => id.ToString(CultureInfo.InvariantCulture))), cancellationToken);
        await state.SetAsync(OffsetKey, offset.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }
}
