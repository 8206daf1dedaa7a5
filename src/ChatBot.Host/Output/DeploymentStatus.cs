using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Retrieval.Lexical;
using ChatBot.Embeddings.Onnx.DependencyInjection;
using ChatBot.Host.Hosting;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Sqlite;
using ChatBot.Telegram;
using ChatBot.Telegram.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;

namespace ChatBot.Host.Output;

/// <param name="Folder">The folder's key, as recorded in the store (relative to the content root when under it).</param>
internal sealed record LibraryFolderStatus(string Folder, int Articles, bool OnDisk);

internal sealed record LibraryStatus(int Articles, int Passages, IReadOnlyList<LibraryFolderStatus> Folders);

/// <param name="Configured">Embeddings:Model.</param>
/// <param name="Id">Name and fingerprint of the verified, loaded model; null when there is none.</param>
/// <param name="Verification">"files verified and model loaded", or why there is no model.</param>
internal sealed record ModelStatus(string Configured, string? Id, int? Dimensions, string Verification);

/// <param name="Location">The SQLite file, or host/port/database for PostgreSQL (never a password).</param>
internal sealed record StoreStatus(string Provider, string Location, long PassageGeneration, long VectorGeneration);

internal sealed record PlatformStatus(string Platform, bool Configured, string? Mode);

internal sealed record ReplicaStatus(IReadOnlyList<ReplicaClaims> Claims, RoleLeader PollingLeader);

/// <summary>What <c>status</c> shows, read from the host's own services (so it sees what <c>run</c> would use).</summary>
internal sealed record DeploymentStatus(
    LibraryStatus Library, ModelStatus Model, StoreStatus Store, IReadOnlyList<PlatformStatus> Platforms, ReplicaStatus? Replicas)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<DeploymentStatus> ReadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var folders = await services.GetRequiredService<LibraryFolders>().CurrentAsync(cancellationToken);
        var articles = await services.GetRequiredService<IArticleStore>().GetStoredArticlesAsync(cancellationToken);
        var vectors = services.GetRequiredService<IPassageVectorStore>();
        var library = new LibraryStatus(
            articles.Count,
            await vectors.CountPassagesAsync(cancellationToken),
            [.. folders.Select(folder => new LibraryFolderStatus(
                folder.Key, articles.Count(a => a.Folder == folder.Key || a.Folder == folder.Path), Directory.Exists(folder.Path)))]);

        var configured = services.GetRequiredService<IOptions<OnnxEmbeddingOptions>>().Value.Model;
        var (model, reason) = await services.GetRequiredService<IEmbeddingModelSource>().TryGetAsync(cancellationToken);
        var modelStatus = model is null
            ? new ModelStatus(configured, null, null, reason ?? "no model")
            : new ModelStatus(configured, model.ModelId, model.Dimensions, "files checked against their pinned SHA-256, model loaded");

        var postgres = services.GetService<PostgresDatabase>();
        var store = new StoreStatus(
            postgres is null ? "Sqlite" : "Postgres",
            postgres is null ? services.GetRequiredService<SqliteDatabase>().FilePath : DescribePostgres(services),
            await services.GetRequiredService<ILexicalIndexStore>().GetPassageGenerationAsync(cancellationToken),
            await vectors.GetGenerationAsync(cancellationToken));

        var telegramMode = configuration.GetSection(TelegramOptions.SectionName).GetValue(nameof(TelegramOptions.Mode), TelegramMode.Polling);
        IReadOnlyList<PlatformStatus> platforms =
        [
            new("Telegram", PlatformRegistration.HasToken(configuration, "Telegram"), telegramMode.ToString().ToLowerInvariant()),
            new("Discord", PlatformRegistration.HasToken(configuration, "Discord"), "gateway"),
        ];

        ReplicaStatus? replicas = null;
        if (postgres is not null)
        {
            var replicaStatus = new PostgresReplicaStatus(postgres);
            replicas = new ReplicaStatus(
                await replicaStatus.GetClaimsAsync(cancellationToken),
                await replicaStatus.GetLeaderAsync(TelegramPollingService.LeaderRole, cancellationToken));
        }

        return new DeploymentStatus(library, modelStatus, store, platforms, replicas);
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public void Write(IAnsiConsole console)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Library[/]", Markup.Escape($"{Library.Articles} articles, {Library.Passages} passages, {Library.Folders.Count} folder(s)"));
        foreach (var folder in Library.Folders)
        {
            grid.AddRow(string.Empty, Markup.Escape($"{folder.Folder}: {folder.Articles} articles") + (folder.OnDisk ? string.Empty : " [yellow](missing on disk)[/]"));
        }

        grid.AddRow("[bold]Model[/]", Markup.Escape(Model.Id is null
            ? $"{Model.Configured}: none ({Model.Verification}); answers come from BM25 alone"
            : $"{Model.Id}, {Model.Dimensions} dimensions: {Model.Verification}"));
        grid.AddRow("[bold]Store[/]", Markup.Escape($"{Store.Provider} at {Store.Location}"));
        grid.AddRow(string.Empty, Markup.Escape(
            $"generation {Store.PassageGeneration.ToString(CultureInfo.InvariantCulture)} (passages), {Store.VectorGeneration.ToString(CultureInfo.InvariantCulture)} (vectors)"));
        grid.AddRow("[bold]Platforms[/]", Markup.Escape(string.Join(", ", Platforms.Select(p => p.Configured ? $"{p.Platform} ({p.Mode})" : $"{p.Platform} not configured"))));
        if (Replicas is { } replicas)
        {
            grid.AddRow("[bold]Polling leader[/]", Markup.Escape(
                (replicas.PollingLeader.Leader ?? "none (no replica polls Telegram now)") + $", {replicas.PollingLeader.Waiting} replica(s) waiting"));
            grid.AddRow("[bold]Claims[/]", replicas.Claims.Count == 0 ? "none live or answered in the last hour" : string.Empty);
            foreach (var claims in replicas.Claims)
            {
                grid.AddRow(string.Empty, Markup.Escape($"{claims.Replica}: {claims.Live} live, {claims.AnsweredLastHour} answered in the last hour"));
            }
        }

        console.Write(grid);
    }

    private static string DescribePostgres(IServiceProvider services)
    {
        var connection = new NpgsqlConnectionStringBuilder(services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString);
        return $"{connection.Host}:{connection.Port.ToString(CultureInfo.InvariantCulture)}/{connection.Database} as {connection.Username}";
    }
}
