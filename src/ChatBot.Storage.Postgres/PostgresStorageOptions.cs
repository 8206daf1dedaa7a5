using System.ComponentModel.DataAnnotations;

namespace ChatBot.Storage.Postgres;

/// <summary>The shared PostgreSQL database of every replica (Storage:Provider = Postgres).</summary>
public sealed class PostgresStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=chatbot;Username=chatbot;Password=…</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = "";
}
