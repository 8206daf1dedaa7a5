using System.ComponentModel.DataAnnotations;

namespace ChatBot.Storage.LiteDb;

/// <summary>Where the LiteDB file lives (Storage:Provider = LiteDb).</summary>
public sealed class LiteDbStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// Path of the LiteDB file; relative paths are taken from the content root (<c>ChatBot:Root</c>, else the checkout, else the working directory). Its own name, not SQLite's
    /// <c>DatabasePath</c>: switching provider must never open the other store's file (it would read as damaged).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string LiteDbPath { get; set; } = "data/chatbot-litedb.db";
}
