using System.Text.Json;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Articles and their passages in the shared database. An article is replaced in one transaction, so every replica
/// sees either the old article or the new one, never a mix; the passages go in with one binary COPY.
/// </summary>
public sealed class PostgresArticleStore(PostgresDatabase database, TimeProvider time) : IArticleStore, IArticleCatalog
{
    public async Task<IReadOnlyDictionary<string, StoredSourceState>> GetSourceStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, content_hash, source_signature, folder FROM articles");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new Dictionary<string, StoredSourceState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new StoredSourceState(reader.GetString(1), PostgresArticleColumns.NullableString(reader, 2), reader.GetString(3));
        }

        return states;
    }

    public async Task SetSignaturesAsync(
        IReadOnlyCollection<(string ArticleId, string? Signature, string Folder)> signatures, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement for the lot: after a bulk copy every file may need one.
        await using var command = connection.Command(
            "UPDATE articles a SET source_signature = s.signature, folder = s.folder " +
            "FROM unnest($1::text[], $2::text[], $3::text[]) AS s(id, signature, folder) WHERE a.id = s.id",
            signatures.Select(s => s.ArticleId).ToArray(), signatures.Select(s => s.Signature).ToArray(),
            signatures.Select(s => s.Folder).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReplaceAsync(ProcessedArticle article, string? signature = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(IngestWrites.RelaxedCommit, transaction, cancellationToken);
        var meta = article.Metadata;
        await using (var delete = connection.Command("DELETE FROM articles WHERE id = $1", transaction, meta.Id))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.Command(
            """
            INSERT INTO articles (id, content_hash, source_signature, title, publisher, url, published, date_certain, date_basis, body, warnings, ingested_at, folder)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)
            """,
            transaction,
            meta.Id, article.ContentHash, signature, meta.Title, meta.Publisher, meta.Url, meta.Date.Value, meta.Date.Certain,
            meta.Date.Basis, article.Body, JsonSerializer.Serialize(article.Warnings), time.GetUtcNow(), article.Folder))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY passages (article_id, ordinal, start, length, text) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var passage in article.Passages)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(meta.Id, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(passage.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(passage.Start, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(passage.Length, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(passage.Text, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        database.Generations.Invalidate();
    }

    public async Task DeleteAsync(string articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM articles WHERE id = $1", articleId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        database.Generations.Invalidate();
    }

    public async Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {PostgresArticleColumns.Select}, a.warnings::text, (SELECT count(*) FROM passages p WHERE p.article_id = a.id)::int, a.folder " +
            "FROM articles a ORDER BY a.id COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<StoredArticle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var warnings = JsonSerializer.Deserialize<List<string>>(reader.GetString(PostgresArticleColumns.Count)) ?? [];
            articles.Add(new StoredArticle(PostgresArticleColumns.Read(reader), warnings, reader.GetInt32(PostgresArticleColumns.Count + 1))
            {
                Folder = reader.GetString(PostgresArticleColumns.Count + 2),
            });
        }

        return articles;
    }

    public async Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
        (await GetStoredArticlesAsync(cancellationToken)).Select(a => a.Metadata).ToList();
}
