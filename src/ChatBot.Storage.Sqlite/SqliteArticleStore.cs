using System.Globalization;
using System.Text.Json;
using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Articles and their passages. An article is replaced in a single transaction (old rows out, new rows in), so a
/// crash at any point leaves either the old article or the new one, never a mix.
/// </summary>
public sealed class SqliteArticleStore(SqliteDatabase database, TimeProvider time) : IArticleStore, IArticleCatalog
{
    /// <summary>Test seam: runs inside the replace transaction just before commit, to simulate a crash there.</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    public async Task<IReadOnlyDictionary<string, StoredSourceState>> GetSourceStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, content_hash, source_signature, folder FROM articles");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new Dictionary<string, StoredSourceState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = new StoredSourceState(reader.GetString(1), reader.GetNullableString(2), reader.GetString(3));
        }

        return states;
    }

    public async Task SetSignaturesAsync(
        IReadOnlyCollection<(string ArticleId, string? Signature, string Folder)> signatures, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.Command("UPDATE articles SET source_signature = $signature, folder = $folder WHERE id = $id", transaction);
        var signature = command.Parameters.Add("$signature", SqliteType.Text);
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var folder = command.Parameters.Add("$folder", SqliteType.Text);
        foreach (var (articleId, value, articleFolder) in signatures)
        {
            folder.Value = articleFolder;
            signature.Value = (object?)value ?? DBNull.Value;
            id.Value = articleId;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReplaceAsync(ProcessedArticle article, string? signature = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();

        await using (var delete = connection.Command("DELETE FROM articles WHERE id = $id", transaction))
        {
            await delete.With("$id", article.Metadata.Id).ExecuteNonQueryAsync(cancellationToken);
        }

        var meta = article.Metadata;
        await using (var insert = connection.Command(
            """
            INSERT INTO articles (id, content_hash, source_signature, title, publisher, url, published, date_certain, date_basis, body, warnings, ingested_at, folder)
            VALUES ($id, $hash, $signature, $title, $publisher, $url, $published, $certain, $basis, $body, $warnings, $at, $folder)
            """, transaction))
        {
            await insert
                .With("$id", meta.Id).With("$hash", article.ContentHash).With("$signature", signature).With("$folder", article.Folder).With("$title", meta.Title)
                .With("$publisher", meta.Publisher).With("$url", meta.Url)
                .With("$published", ArticleColumns.Format(meta.Date.Value)).With("$certain", meta.Date.Certain ? 1 : 0)
                .With("$basis", meta.Date.Basis).With("$body", article.Body)
                .With("$warnings", JsonSerializer.Serialize(article.Warnings))
                .With("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var passage = connection.Command(
            "INSERT INTO passages (article_id, ordinal, start, length, text) VALUES ($article, $ordinal, $start, $length, $text)",
            transaction))
        {
            var ordinal = passage.Parameters.Add("$ordinal", Microsoft.Data.Sqlite.SqliteType.Integer);
            var start = passage.Parameters.Add("$start", Microsoft.Data.Sqlite.SqliteType.Integer);
            var length = passage.Parameters.Add("$length", Microsoft.Data.Sqlite.SqliteType.Integer);
            var text = passage.Parameters.Add("$text", Microsoft.Data.Sqlite.SqliteType.Text);
            passage.With("$article", meta.Id);
            foreach (var p in article.Passages)
            {
                ordinal.Value = p.Ordinal;
                start.Value = p.Start;
                length.Value = p.Length;
                text.Value = p.Text;
                await passage.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (BeforeCommit is not null)
        {
            await BeforeCommit();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(string articleId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM articles WHERE id = $id");
        await command.With("$id", articleId).ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredArticle>> GetStoredArticlesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {ArticleColumns.Select}, a.warnings, (SELECT count(*) FROM passages p WHERE p.article_id = a.id), a.folder " +
            "FROM articles a ORDER BY a.id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var articles = new List<StoredArticle>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var warnings = JsonSerializer.Deserialize<List<string>>(reader.GetString(ArticleColumns.Count)) ?? [];
            articles.Add(new StoredArticle(ArticleColumns.Read(reader), warnings, reader.GetInt32(ArticleColumns.Count + 1))
            {
                Folder = reader.GetString(ArticleColumns.Count + 2),
            });
        }

        return articles;
    }

    public async Task<IReadOnlyList<ArticleMetadata>> GetArticlesAsync(CancellationToken cancellationToken = default) =>
        (await GetStoredArticlesAsync(cancellationToken)).Select(a => a.Metadata).ToList();
}
