using System.Collections.Concurrent;

namespace ChatBot.Core.Coordination;

/// <summary>Leadership within one process (the embedded set-up has one replica): one holder per role, never lost.</summary>
public sealed class InProcessLeaderElection : ILeaderElection
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _roles = new(StringComparer.Ordinal);

    public async Task<ILeadership> AcquireAsync(string role, CancellationToken cancellationToken = default)
    {
        var gate = _roles.GetOrAdd(role, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Leadership(gate);
    }

    private sealed class Leadership(SemaphoreSlim gate) : ILeadership
    {
        private int _released;

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
