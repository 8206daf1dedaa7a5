using ChatBot.Core.Answers;

namespace ChatBot.Storage.Sqlite;

/// <summary>Loads cited passages with their article metadata in one query.</summary>
public sealed class SqlitePassageLookup(SqliteDatabase database) : IPassageLookup
{
    public async Task<IReadOnlyDictionary<long, CitedPassage>> GetAsync(
        IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<long, CitedPassage>();
        if (passageIds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        // Ids are longs from our own index, so inlining them is safe and lets SQLite use the primary key directly.
        await using var command = connection.Command(
            $"SELECT p.id, p.ordinal, p.text, {ArticleColumns.Select} FROM passages p JOIN articles a ON a.id = p.article_id " +
            $"WHERE p.id IN ({string.Join(',', passageIds)})");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = new CitedPassage(ArticleColumns.Read(reader, 3), reader.GetInt32(1), reader.GetString(2), 0);
        }

        return found;
    }
}
