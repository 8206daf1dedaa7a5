using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Recognises a damaged database file and moves it aside, so it can be rebuilt: everything in it but the bot state
/// is derived from the library's articles.
/// </summary>
public static class SqliteCorruption
{
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    /// <summary>The SQLite error that says the file is damaged or not a database, anywhere in the exception's chain.</summary>
    public static SqliteException? Find(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: Corrupt or NotADatabase } sqlite => sqlite,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };

    /// <summary>
    /// Renames the file (and its WAL and shared-memory files) to <c>&lt;file&gt;.corrupt-&lt;time&gt;</c>; returns the new
    /// name. Connections must be closed first (pools are cleared here).
    /// </summary>
    public static string MoveAside(string databasePath, TimeProvider time)
    {
        SqliteConnection.ClearAllPools();
        var aside = $"{databasePath}.corrupt-{time.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, aside + suffix, overwrite: true);
            }
        }

        return aside;
    }
}
