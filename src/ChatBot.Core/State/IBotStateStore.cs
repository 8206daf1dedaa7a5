namespace ChatBot.Core.State;

/// <summary>
/// Small durable key/value state for platform clients (e.g. the Telegram update offset),
/// kept in the same database as the articles so a restart resumes where it stopped.
/// </summary>
public interface IBotStateStore
{
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task SetAsync(string key, string value, CancellationToken cancellationToken = default);
}
