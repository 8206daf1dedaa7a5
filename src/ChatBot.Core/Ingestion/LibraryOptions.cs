using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Ingestion;

/// <summary>Where the articles live.</summary>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>Folder of <c>*.txt</c> articles (and optional <c>.meta.json</c> sidecars).</summary>
    [Required(AllowEmptyStrings = false)]
    public string SeedsPath { get; set; } = "seeds";
}
