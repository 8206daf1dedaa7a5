using ChatBot.Core;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Storage.Sqlite.Tests;

public sealed class SchemaUpgradeTests
{
    [Fact]
    public async Task A_version_1_database_with_fts5_upgrades_and_keeps_its_passages_searchable()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "chatbot.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = SchemaMigrations.Steps[0] +
                """
                INSERT INTO articles (id, content_hash, title, date_certain, date_basis, body, warnings, ingested_at)
                VALUES ('old', 'h', 'An Old Article', 0, 'none', 'b', '[]', '2026-01-01');
                INSERT INTO passages (article_id, ordinal, start, length, text)
                VALUES ('old', 0, 0, 50, 'Walruses gathered on the northern beaches this spring.');
                PRAGMA user_version = 1;
                """;
            await create.ExecuteNonQueryAsync();
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = path })
            .Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddChatBotCore(configuration)
            .AddSqliteStorage(configuration)
            .BuildServiceProvider();

        var index = await services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();
        var terms = services.GetRequiredService<QueryAnalyzer>().ContentTerms("Where did the walruses gather?");

        Assert.Equal("old", Assert.Single(index.Search(terms, 10)).ArticleId);
        await using var check = await services.GetRequiredService<SqliteDatabase>().OpenAsync();
        await using var leftovers = check.CreateCommand();
        leftovers.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'passages_fts%'";
        Assert.Equal(0L, (long)(await leftovers.ExecuteScalarAsync())!);
        SqliteConnection.ClearAllPools();
    }
}
