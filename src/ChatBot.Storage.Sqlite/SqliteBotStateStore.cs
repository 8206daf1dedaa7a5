using System.Globalization;
using ChatBot.Core.State;

namespace ChatBot.Storage.Sqlite;

/// <summary>Key/value bot state in the same database file (e.g. the Telegram update offset).</summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : IBotStateStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM bot_state WHERE key = $key");
        return await command.With("$key", key).ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            INSERT INTO bot_state (key, value, updated_at) VALUES ($key, $value, $at)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """);
        await command.With("$key", key).With("$value", value)
            .With("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
            .ExecuteNonQueryAsync(cancellationToken);
    }
}
