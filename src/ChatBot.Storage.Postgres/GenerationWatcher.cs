using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// The generation counters as this replica last learned them. One dedicated connection LISTENs on
/// <see cref="PostgresSchema.GenerationChannel"/>; the triggers NOTIFY at commit, so a change made by any replica
/// drops the cached value and the next question reads the new one — a question costs no database round trip for
/// the check, and nothing here asks the database on a timer. While not listening (not yet connected, or the
/// connection broke) every call reads the counter itself, so a lost notification can never leave an index stale.
/// </summary>
internal sealed class GenerationWatcher(PostgresDatabase database, string connectionString, ILogger<GenerationWatcher> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, long> _known = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startGate = new();
    private Task? _listener;
    private long _epoch;
    private volatile bool _listening;

    /// <summary>Completes when the watcher is listening (tests wait on it before relying on notifications).</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<long> GetAsync(string name, CancellationToken cancellationToken)
    {
        EnsureStarted();
        if (_listening && _known.TryGetValue(name, out var known))
        {
            return known;
        }

        var epoch = Interlocked.Read(ref _epoch);
        await using var connection = await database.OpenAsync(cancellationToken);
        var value = await PostgresDatabase.ReadGenerationAsync(connection, name, cancellationToken);
        // Cache only when no notification arrived during the read: otherwise the value may already be old.
        if (_listening && Interlocked.Read(ref _epoch) == epoch)
        {
            _known[name] = value;
        }

        return value;
    }

    /// <summary>Drops cached counters; called for every notification and after this replica's own writes.</summary>
    public void Invalidate(string? name = null)
    {
        Interlocked.Increment(ref _epoch);
        if (name is null)
        {
            _known.Clear();
        }
        else
        {
            _known.TryRemove(name, out _);
        }
    }

    /// <summary>Stops listening without waiting for the listener to finish.</summary>
    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listener is { } listener)
        {
            await listener.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private void EnsureStarted()
    {
        if (_listener is not null)
        {
            return;
        }

        lock (_startGate)
        {
            _listener ??= Task.Run(() => ListenAsync(_stop.Token));
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Keepalive: a listener waits without sending, so without it a dead server would go unnoticed.
        var listenerConnection = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 5, Pooling = false }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listenerConnection);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Invalidate(e.Payload);
                await connection.ExecuteAsync($"LISTEN {PostgresSchema.GenerationChannel}", cancellationToken: stoppingToken);
                // Anything cached before LISTEN took effect may have missed a notification.
                Invalidate();
                _listening = true;
                Listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _listening = false;
                Invalidate();
                logger.LogWarning("Lost the PostgreSQL notification connection ({Reason}); reading generations directly until it is back", ex.Message);
                await Task.Delay(ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _listening = false;
    }
}
