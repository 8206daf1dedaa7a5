using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatBot.Telegram.Tests.Fakes;

/// <summary>Keeps every log entry (all levels, all categories) with its exception text, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    public string AllText() => string.Join("\n", Entries.Select(entry => entry.ToString()));

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            entries.Enqueue(new CapturedLog(category, LogLevel.None, "scope: " + state, null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Structured values too: a token could hide in a property that the message template does not print.
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join("; ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : string.Empty;
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception) + " | " + properties, exception?.ToString()));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} {Exception}";
}
