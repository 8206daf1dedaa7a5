using ChatBot.Core.Answers;

namespace ChatBot.Storage.Postgres;

/// <summary>Loads cited passages with their article metadata in one query.</summary>
public sealed class PostgresPassageLookup(PostgresDatabase database) : IPassageLookup
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
        await using var command = connection.Command(
            $"SELECT p.id, p.ordinal, p.text, {PostgresArticleColumns.Select} FROM passages p JOIN articles a ON a.id = p.article_id " +
            "WHERE p.id = ANY($1)",
            passageIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = new CitedPassage(PostgresArticleColumns.Read(reader, 3), reader.GetInt32(1), reader.GetString(2), 0);
        }

        return found;
    }
}
