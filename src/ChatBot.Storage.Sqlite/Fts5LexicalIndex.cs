using ChatBot.Core.Retrieval;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// BM25 search over the FTS5 index. Terms arrive as letters and digits only (<see cref="QueryAnalyzer"/>) and are
/// quoted here as FTS5 strings, so no question can inject query syntax (NEAR, *, parentheses, column filters).
/// </summary>
public sealed class Fts5LexicalIndex(SqliteDatabase database) : ILexicalIndex
{
    public async Task<IReadOnlyList<LexicalHit>> SearchAsync(
        IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            """
            SELECT f.rowid, p.article_id, -bm25(passages_fts) AS score
            FROM passages_fts f JOIN passages p ON p.id = f.rowid
            WHERE passages_fts MATCH $query
            ORDER BY bm25(passages_fts)
            LIMIT $limit
            """);
        await using var reader = await command.With("$query", AnyOf(terms)).With("$limit", limit).ExecuteReaderAsync(cancellationToken);
        var hits = new List<LexicalHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalHit(reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2)));
        }

        return hits;
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlySet<int>>> MatchedTermsAsync(
        IReadOnlyList<string> terms, IReadOnlyCollection<long> passageIds, CancellationToken cancellationToken = default)
    {
        var matched = passageIds.Distinct().ToDictionary(id => id, _ => new HashSet<int>());
        if (matched.Count == 0)
        {
            return matched.ToDictionary(p => p.Key, p => (IReadOnlySet<int>)p.Value);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT rowid FROM passages_fts WHERE passages_fts MATCH $term AND rowid IN ({string.Join(',', matched.Keys)})");
        var term = command.Parameters.Add("$term", Microsoft.Data.Sqlite.SqliteType.Text);
        for (var i = 0; i < terms.Count; i++)
        {
            term.Value = Quote(terms[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                matched[reader.GetInt64(0)].Add(i);
            }
        }

        return matched.ToDictionary(p => p.Key, p => (IReadOnlySet<int>)p.Value);
    }

    public async Task<(IReadOnlyList<int> DocumentFrequencies, int PassageCount)> TermStatisticsAsync(
        IReadOnlyList<string> terms, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var passageCount = Convert.ToInt32(await connection.ScalarAsync("SELECT count(*) FROM passages", cancellationToken));
        await using var command = connection.Command("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH $term");
        var term = command.Parameters.Add("$term", Microsoft.Data.Sqlite.SqliteType.Text);
        var frequencies = new int[terms.Count];
        for (var i = 0; i < terms.Count; i++)
        {
            term.Value = Quote(terms[i]);
            frequencies[i] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }

        return (frequencies, passageCount);
    }

    /// <summary>An FTS5 string literal: wrapped in double quotes, embedded quotes doubled.</summary>
    internal static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string AnyOf(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(Quote));
}
