using ChatBot.Core.Retrieval;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// BM25 search over the FTS5 index. Terms arrive as letters and digits only (<see cref="QueryAnalyzer"/>) and are
/// quoted here as FTS5 strings, so no question can inject query syntax (NEAR, *, parentheses, column filters).
/// </summary>
public sealed class Fts5LexicalIndex(SqliteDatabase database, IndexGeneration generation) : ILexicalIndex
{
    // Document frequencies only change when the index does; caching them saves one full-text count per term per
    // question. The cache is keyed by this process's write generation and the highest passage id (new passages
    // written by another process get higher ids).
    private readonly Lock _statisticsLock = new();
    private (long Generation, long MaxPassageId, int PassageCount, Dictionary<string, int> Frequencies) _statistics = (-1, -1, 0, []);

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
        if (matched.Count == 0 || terms.Count == 0)
        {
            return matched.ToDictionary(p => p.Key, p => (IReadOnlySet<int>)p.Value);
        }

        // One statement for all terms: a UNION ALL of per-term matches restricted to the candidates.
        var ids = string.Join(',', matched.Keys);
        var sql = string.Join(" UNION ALL ", terms.Select((_, i) =>
            $"SELECT rowid, {i} FROM passages_fts WHERE passages_fts MATCH $t{i} AND rowid IN ({ids})"));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        for (var i = 0; i < terms.Count; i++)
        {
            command.With($"$t{i}", Quote(terms[i]));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            matched[reader.GetInt64(0)].Add(reader.GetInt32(1));
        }

        return matched.ToDictionary(p => p.Key, p => (IReadOnlySet<int>)p.Value);
    }

    public async Task<(IReadOnlyList<int> DocumentFrequencies, int PassageCount)> TermStatisticsAsync(
        IReadOnlyList<string> terms, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var currentGeneration = generation.Value;
        var maxPassageId = Convert.ToInt64(await connection.ScalarAsync("SELECT ifnull(max(id), 0) FROM passages", cancellationToken));
        Dictionary<string, int> frequencies;
        int passageCount;
        lock (_statisticsLock)
        {
            if (_statistics.Generation != currentGeneration || _statistics.MaxPassageId != maxPassageId)
            {
                _statistics = (currentGeneration, maxPassageId, -1, new Dictionary<string, int>(StringComparer.Ordinal));
            }

            frequencies = _statistics.Frequencies;
            passageCount = _statistics.PassageCount;
        }

        if (passageCount < 0)
        {
            passageCount = Convert.ToInt32(await connection.ScalarAsync("SELECT count(*) FROM passages", cancellationToken));
        }

        var result = new int[terms.Count];
        List<int> missing = [];
        lock (_statisticsLock)
        {
            for (var i = 0; i < terms.Count; i++)
            {
                if (!frequencies.TryGetValue(terms[i], out result[i]))
                {
                    missing.Add(i);
                }
            }
        }

        if (missing.Count > 0)
        {
            await using var command = connection.Command("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH $term");
            var term = command.Parameters.Add("$term", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var i in missing)
            {
                term.Value = Quote(terms[i]);
                result[i] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
            }
        }

        lock (_statisticsLock)
        {
            if (ReferenceEquals(frequencies, _statistics.Frequencies))
            {
                _statistics.PassageCount = passageCount;
                foreach (var i in missing)
                {
                    frequencies[terms[i]] = result[i];
                }
            }
        }

        return (result, passageCount);
    }

    /// <summary>An FTS5 string literal: wrapped in double quotes, embedded quotes doubled.</summary>
    internal static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string AnyOf(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(Quote));
}
