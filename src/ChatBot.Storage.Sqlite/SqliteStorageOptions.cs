using System.ComponentModel.DataAnnotations;

namespace ChatBot.Storage.Sqlite;

/// <summary>Where the single database file lives.</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Path of the database file; relative paths are taken from the content root (<c>ChatBot:Root</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = "data/chatbot.db";
}
