namespace ChatBot.Core.Coordination;

/// <summary>
/// At most one replica leads a named role at a time (e.g. "telegram-polling": Telegram allows one getUpdates
/// client per bot). Followers wait in <see cref="AcquireAsync"/>; when the leader dies or steps down, one of them
/// takes over.
/// </summary>
public interface ILeaderElection
{
    /// <summary>Waits until this replica leads <paramref name="role"/>. Dispose the result to step down.</summary>
    Task<ILeadership> AcquireAsync(string role, CancellationToken cancellationToken = default);
}

/// <summary>Leadership of one role, held until disposed or lost.</summary>
public interface ILeadership : IAsyncDisposable
{
    /// <summary>Cancelled when leadership is lost without stepping down (the coordinating connection broke): stop leading at once.</summary>
    CancellationToken Lost { get; }
}
