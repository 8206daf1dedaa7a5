using System.Diagnostics;
using ChatBot.Core.Answers;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>The PostgreSQL store behind the same interfaces as SQLite, on a real throw-away server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreTests(PostgresCluster cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Replicas_starting_together_apply_the_schema_once()
    {
        var connectionString = cluster.CreateDatabase();
        var replicas = Enumerable.Range(0, 3).Select(_ => Replica.Create(connectionString)).ToList();
        try
        {
            await Task.WhenAll(replicas.Select(r => Task.Run(async () => await (await r.Get<PostgresDatabase>().OpenAsync()).DisposeAsync())));

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_version", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            // Two schema steps (tables; the library folder column), each recorded once although three replicas raced.
            Assert.Equal(3, reader.GetInt64(0));
            Assert.Equal(3, reader.GetInt32(1));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Seeds_ingested_into_postgres_answer_with_a_citation_and_a_second_ingest_does_nothing()
    {
        var model = new FixedModelSource();
        await using var replica = Replica.Create(cluster.CreateDatabase(), model: model);

        var first = await replica.IngestAsync();
        var again = await replica.IngestAsync();
        var answer = await replica.Get<IQuestionAnswerer>().AnswerAsync("Did they talk about the nukes?");

        Assert.Equal(5, first.Added.Count);
        Assert.Equal(5, again.Unchanged.Count);
        Assert.False(again.ChangedAnything);
        Assert.True(answer.Answered);
        Assert.Equal("002_eba0712a350a7d7c", answer.Passages[0].Article.Id);
        Assert.NotNull(answer.Passages[0].Article.Date.Value);
        var embedded = model.Generator.TextsEmbedded;
        Assert.True(embedded > 20);
        await replica.IngestAsync();
        Assert.Equal(embedded, model.Generator.TextsEmbedded);
    }

    [Fact]
    public async Task Articles_read_back_from_postgres_match_the_sqlite_store()
    {
        await using var sqlite = await SeedAnswerer.CreateAsync();
        await using var replica = Replica.Create(cluster.CreateDatabase());
        await replica.IngestAsync();

        var fromSqlite = await sqlite.Catalog.GetArticlesAsync();
        var fromPostgres = await replica.Get<ChatBot.Core.Articles.IArticleCatalog>().GetArticlesAsync();

        Assert.Equal(fromSqlite, fromPostgres);
        var sqliteIndex = await sqlite.Services.GetRequiredService<ILexicalIndexSource>().GetCurrentAsync();
        var postgresIndex = await replica.Get<ILexicalIndexSource>().GetCurrentAsync();
        Assert.Equal(sqliteIndex.PassageCount, postgresIndex.PassageCount);
    }

    [Fact]
    public async Task Ingest_on_one_replica_reaches_another_without_a_restart()
    {
        using var library = CopyOfSeeds();
        var connectionString = cluster.CreateDatabase();
        await using var writer = Replica.Create(connectionString, library.Path, new FixedModelSource(), name: "writer");
        await using var reader = Replica.Create(connectionString, library.Path, new FixedModelSource(), name: "reader");
        await writer.IngestAsync();
        await (await reader.Get<PostgresDatabase>().OpenAsync()).DisposeAsync();
        var dense = reader.Get<DenseIndex>();
        var before = (await dense.GetAsync())!.Value.Matrix.Count;
        Assert.False((await reader.Get<IQuestionAnswerer>().AnswerAsync("When did the zeppelin airship fly over Lisbon?")).Answered);
        await reader.Get<PostgresDatabase>().Generations.Listening.Task.WaitAsync(TimeSpan.FromSeconds(10));

        File.WriteAllText(library.File("900_zeppelin.txt"), ZeppelinArticle);
        await writer.IngestAsync();
        var clock = Stopwatch.StartNew();
        Answer answer;
        do
        {
            answer = await reader.Get<IQuestionAnswerer>().AnswerAsync("When did the zeppelin airship fly over Lisbon?");
        }
        while (!answer.Answered && clock.Elapsed < TimeSpan.FromSeconds(10) && await Delay());

        output.WriteLine($"ingest on one replica → answered from it on another after {clock.Elapsed.TotalMilliseconds:F0} ms (BM25 index and vector matrix reloaded)");
        Assert.True(answer.Answered, "the reader never saw the writer's new article");
        Assert.Equal("900_zeppelin", answer.Passages[0].Article.Id);
        Assert.True((await dense.GetAsync())!.Value.Matrix.Count > before);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Two_ingests_at_once_are_serialised_and_the_second_finds_the_work_done()
    {
        var connectionString = cluster.CreateDatabase();
        await using var first = Replica.Create(connectionString);
        await using var second = Replica.Create(connectionString);

        var reports = await Task.WhenAll(Task.Run(() => first.IngestAsync()), Task.Run(() => second.IngestAsync()));

        Assert.Equal(5, reports.Sum(r => r.Added.Count));
        Assert.Equal(5, reports.Sum(r => r.Unchanged.Count));
        Assert.Equal(5, (await first.Get<ChatBot.Core.Articles.IArticleCatalog>().GetArticlesAsync()).Count);
    }

    [Fact]
    public async Task A_generation_bumped_by_another_writer_is_noticed_through_notify_and_cached_otherwise()
    {
        var connectionString = cluster.CreateDatabase();
        await using var replica = Replica.Create(connectionString);
        await replica.IngestAsync();
        var database = replica.Get<PostgresDatabase>();
        var store = replica.Get<IPassageVectorStore>();
        var start = await store.GetGenerationAsync();
        await database.Generations.Listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(start, await store.GetGenerationAsync());

        // Another process writes straight to the table: the trigger notifies and the cache drops the value.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("DELETE FROM passage_vectors WHERE false", connection);
            await command.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        long now;
        while ((now = await store.GetGenerationAsync()) == start && clock.Elapsed < TimeSpan.FromSeconds(5) && await Delay())
        {
        }

        Assert.Equal(start + 1, now);
    }

    [Fact]
    public async Task A_broken_notification_connection_never_leaves_a_stale_generation()
    {
        var connectionString = cluster.CreateDatabase();
        await using var replica = Replica.Create(connectionString, name: "listener");
        await replica.IngestAsync();
        var store = replica.Get<IPassageVectorStore>();
        var start = await store.GetGenerationAsync();
        await replica.Get<PostgresDatabase>().Generations.Listening.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The server drops the LISTEN session; a change made meanwhile must still be seen.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()", connection);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
            await using var change = new NpgsqlCommand("UPDATE index_state SET generation = generation + 1 WHERE name = 'vectors'", connection);
            await change.ExecuteNonQueryAsync();
        }

        var clock = Stopwatch.StartNew();
        long now;
        while ((now = await store.GetGenerationAsync()) == start && clock.Elapsed < TimeSpan.FromSeconds(5) && await Delay())
        {
        }

        Assert.Equal(start + 1, now);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(20);
        return true;
    }

    internal static TempDirectory CopyOfSeeds()
    {
        var library = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Seeds))
        {
            File.Copy(file, library.File(Path.GetFileName(file)));
        }

        return library;
    }

    internal const string ZeppelinArticle = """
        Zeppelin Returns To Lisbon Skies

        March 12, 2019

        LISBON — A restored zeppelin airship flew over Lisbon on Tuesday, the first such flight over the city in eighty years.

        The airship circled the old town for an hour before landing at a field north of the river, its crew said.

        Thousands watched from the hills as the zeppelin passed slowly over the castle and the cathedral.

        Engineers spent six years rebuilding the frame and the engines of the airship from original drawings.
        """;
}
