namespace ChatBot.Discord.Tests;

/// <summary>Polls for a condition that async work will make true, failing with a clear message after a generous timeout.</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<T> ValueAsync<T>(Func<T?> probe, string? what = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what ?? typeof(T).Name}.");
            }

            await Task.Delay(10);
        }
    }

    public static async Task TrueAsync(Func<bool> condition, string? what = null)
    {
        await ValueAsync(() => condition() ? "ok" : null, what ?? "condition");
    }
}
