namespace ChatBot.Discord.Gateway;

/// <summary>
/// What is needed to resume: the session id and resume URL from READY and the last sequence number seen.
/// Read by the heartbeat task and written by the receive loop, hence the lock.
/// </summary>
internal sealed class GatewaySession
{
    private readonly Lock _lock = new();
    private string? _sessionId;
    private string? _resumeUrl;
    private int? _sequence;

    public string? SessionId { get { lock (_lock) { return _sessionId; } } }

    public string? ResumeUrl { get { lock (_lock) { return _resumeUrl; } } }

    public int? Sequence { get { lock (_lock) { return _sequence; } } }

    public bool CanResume { get { lock (_lock) { return _sessionId is not null && _resumeUrl is not null; } } }

    public void Started(string sessionId, string resumeUrl)
    {
        lock (_lock)
        {
            _sessionId = sessionId;
            _resumeUrl = resumeUrl;
        }
    }

    /// <summary>Keeps the highest sequence number; replayed or out-of-order frames never move it back.</summary>
    public void Observe(int sequence)
    {
        lock (_lock)
        {
            if (_sequence is null || sequence > _sequence)
            {
                _sequence = sequence;
            }
        }
    }

    /// <summary>Forgets the session so the next connection identifies afresh.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _sessionId = null;
            _resumeUrl = null;
            _sequence = null;
        }
    }
}
