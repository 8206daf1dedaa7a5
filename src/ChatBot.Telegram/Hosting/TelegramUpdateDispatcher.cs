using ChatBot.Core.Coordination;
using ChatBot.Telegram.Api;
using ChatBot.Telegram.Bot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace ChatBot.Telegram.Hosting;

/// <summary>
/// Runs updates of different chats side by side (at most <see cref="TelegramOptions.MaxConcurrentUpdates"/> at once)
/// while each chat's updates run one after another in arrival order, so a flood wait in one chat delays only that
/// chat. Tracks which updates are finished and saves the poll position after each one; an update cut off by shutdown
/// stays unfinished, so it is delivered again after the restart. Updates it has already seen are not run again.
/// Each update is answered through <see cref="OnceAcrossReplicas"/>, so one a previous polling leader answered is
/// not answered again; one that another replica is still answering, or that cannot be claimed because the shared
/// store is unreachable, stays unfinished (the poll offset does not pass it) and is tried again after a pause,
/// holding up only its own chat.
/// </summary>
public sealed class TelegramUpdateDispatcher : IDisposable
{
    private const int RememberedIds = 4096;

    private static readonly TimeSpan InProgressElsewherePause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CoordinationUnavailablePause = TimeSpan.FromSeconds(5);

    private readonly TelegramUpdateHandler _handler;
    private readonly OnceAcrossReplicas _once;
    private readonly string _claimScope;
    private readonly ITelegramRetryDelay _delay;
    private readonly TelegramOffsetStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<TelegramUpdateDispatcher> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private CancellationTokenSource _handling = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, ChatQueue> _chats = new(StringComparer.Ordinal);
    private readonly SortedSet<long> _inFlight = [];
    private readonly HashSet<long> _handledAbove = [];
    private readonly HashSet<long> _recent = [];
    private readonly Queue<long> _recentOrder = new();
    private long? _offset;
    private long? _highest;

    public TelegramUpdateDispatcher(
        TelegramUpdateHandler handler,
        OnceAcrossReplicas once,
        ITelegramRetryDelay delay,
        TelegramOffsetStore store,
        IOptions<TelegramOptions> options,
        TimeProvider time,
        ILogger<TelegramUpdateDispatcher> logger)
    {
        _handler = handler;
        _once = once;
        _claimScope = options.Value.ClaimScope;
        _delay = delay;
        _store = store;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentUpdates, options.Value.MaxConcurrentUpdates);
    }

    /// <summary>The offset to poll with: the earliest update not finished yet, so nothing in flight is confirmed to Telegram.</summary>
    public long? PollOffset
    {
        get
        {
            lock (_gate)
            {
                return Committed();
            }
        }
    }

    /// <summary>
    /// Starts a polling term (this replica became the polling leader) from the stored position. Whatever an earlier
    /// term left unfinished is forgotten here: it lies at or above the stored offset, so it is polled and run again.
    /// </summary>
    public void Restore(TelegramPollPosition position)
    {
        lock (_gate)
        {
            if (_handling.IsCancellationRequested)
            {
                _handling.Dispose();
                _handling = new CancellationTokenSource();
            }

            _inFlight.Clear();
            _handledAbove.Clear();
            _recent.Clear();
            _recentOrder.Clear();
            _offset = position.Offset;
            _highest = position.Offset - 1;
            _handledAbove.UnionWith(position.HandledAbove);
        }
    }

    /// <summary>Queues the update behind earlier ones of its chat; false when it was seen before (and is skipped).</summary>
    public bool TryDispatch(Update update)
    {
        long id = update.Id;
        var chat = ChatKey(update);
        lock (_gate)
        {
            if (_handledAbove.Contains(id))
            {
                // Finished before a restart: redelivered because an earlier update was not. It counts as done, and
                // is remembered as seen: once the offset has passed it, a poll answered late may still bring it.
                Remember(id);
                _highest = Math.Max(_highest ?? id, id);
                return false;
            }

            if (_inFlight.Contains(id) || _recent.Contains(id))
            {
                return false;
            }

            if (Committed() is { } expected && id < expected)
            {
                // Telegram picks the next id at random after a week without updates; it can be lower than ours.
                _logger.LogWarning(
                    "Telegram update id went backwards ({Expected} expected, {UpdateId} received): ids are re-randomised after a week without updates; following the new sequence",
                    expected, id);
                _offset = id;
                _highest = id;
                _handledAbove.Clear();
            }

            _inFlight.Add(id);
            Remember(id);
            _highest = Math.Max(_highest ?? id, id);
            if (!_chats.TryGetValue(chat, out var queue))
            {
                _chats[chat] = queue = new ChatQueue();
            }

            queue.Pending++;
            // On the thread pool, so no part of the handler runs under this lock or on the polling loop.
            var previous = queue.Tail;
            var handling = _handling.Token;
            queue.Tail = Task.Run(() => RunAfterAsync(previous, update, chat, handling));
            return true;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="grace"/> for updates in flight, then cancels the rest (they stay unconfirmed and
    /// come again after the restart) and saves the position.
    /// </summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        Task all;
        int count;
        lock (_gate)
        {
            all = Task.WhenAll(_chats.Values.Select(queue => queue.Tail));
            count = _inFlight.Count;
        }

        if (count > 0)
        {
            _logger.LogInformation("Stopping: finishing {Count} Telegram update(s) in flight (at most {Grace})", count, grace);
        }

        if (await Task.WhenAny(all, Task.Delay(grace, _time)) != all)
        {
            _logger.LogWarning("Telegram updates still in flight after {Grace} are cancelled; they will be delivered again after the restart", grace);
            await _handling.CancelAsync();
            await all;
        }

        await SaveAsync();
    }

    public void Dispose()
    {
        _handling.Dispose();
        _slots.Dispose();
        _saving.Dispose();
    }

    private async Task RunAfterAsync(Task previous, Update update, string chat, CancellationToken handling)
    {
        await previous;
        var finished = false;
        try
        {
            await AnswerOnceAsync(update, handling);
            finished = true;
        }
        catch (OperationCanceledException) when (handling.IsCancellationRequested)
        {
            _logger.LogInformation("Update {UpdateId} was cut off by shutdown; left unconfirmed for redelivery", update.Id);
        }
        catch (Exception ex)
        {
            // A poison update must not stall its chat or be retried forever.
            _logger.LogError(ex, "Update {UpdateId} failed and is skipped", update.Id);
            finished = true;
        }

        lock (_gate)
        {
            if (finished)
            {
                _inFlight.Remove(update.Id);
                _handledAbove.Add(update.Id);
                var committed = Committed();
                _handledAbove.RemoveWhere(id => id < committed);
            }

            if (--_chats[chat].Pending == 0)
            {
                _chats.Remove(chat);
            }
        }

        if (finished)
        {
            await SaveAsync();
        }
    }

    /// <summary>Returns once the update is answered, here or by another replica; until then it stays unfinished.</summary>
    private async Task AnswerOnceAsync(Update update, CancellationToken handling)
    {
        while (true)
        {
            TimeSpan pause;
            await _slots.WaitAsync(handling);
            try
            {
                var outcome = await _once.RunAsync(_claimScope, update.Id, ct => _handler.HandleAsync(update, ct), handling);
                if (outcome != ClaimOutcome.InProgressElsewhere)
                {
                    return;
                }

                // A replica that led polling before is still answering it: confirm nothing until it has finished.
                _logger.LogInformation("Update {UpdateId} is being answered by another replica; checking again in {Delay}", update.Id, InProgressElsewherePause);
                pause = InProgressElsewherePause;
            }
            catch (CoordinationUnavailableException ex)
            {
                // Unknown whether another replica answers it: neither answer nor confirm it until the store is back.
                _logger.LogWarning("Update {UpdateId} not taken: {Reason}; trying again in {Delay}", update.Id, ex.Message, CoordinationUnavailablePause);
                pause = CoordinationUnavailablePause;
            }
            finally
            {
                // The slot is for answering, not for waiting: other chats go on meanwhile.
                _slots.Release();
            }

            await _delay.WaitAsync(pause, handling);
        }
    }

    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            TelegramPollPosition position;
            lock (_gate)
            {
                position = new TelegramPollPosition(Committed(), _handledAbove.ToHashSet());
            }

            // Not cancellable: an answered update's confirmation must be kept even while stopping.
            await _store.SaveAsync(position, CancellationToken.None);
        }
        finally
        {
            _saving.Release();
        }
    }

    private long? Committed()
    {
        if (_inFlight.Count > 0)
        {
            return _inFlight.Min;
        }

        return _highest is { } highest ? Math.Max(_offset ?? long.MinValue, highest + 1) : _offset;
    }

    private void Remember(long id)
    {
        if (!_recent.Add(id))
        {
            return;
        }

        _recentOrder.Enqueue(id);
        if (_recentOrder.Count > RememberedIds)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }

    private static string ChatKey(Update update) =>
        update.Message is { } message ? $"chat:{message.Chat.Id}"
        : update.InlineQuery is { } query ? $"inline:{query.From.Id}"
        : "other";

    private sealed class ChatQueue
    {
        public Task Tail { get; set; } = Task.CompletedTask;

        public int Pending { get; set; }
    }
}
