using ChatBot.Core.State;

namespace ChatBot.Storage.Postgres;

/// <summary>Key/value bot state shared by every replica (e.g. the Telegram update offset of whichever replica polls).</summary>
public sealed class PostgresBotStateStore(PostgresDatabase database, TimeProvider time) : IBotStateStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM bot_state WHERE key = $1", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO bot_state (key, value, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            key, value, time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
