using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Which folders make up the library (the articles the bot answers from). <c>library add</c> and
/// <c>library remove</c> record the list in <see cref="File"/>; until they have, the list is <see cref="Folders"/>
/// (or the single <see cref="SeedsPath"/>).
/// </summary>
public sealed class LibraryOptions
{
    public const string SectionName = "Library";

    /// <summary>Folders of <c>*.txt</c> articles (and optional <c>.meta.json</c> sidecars), used while <see cref="File"/> does not exist.</summary>
    public List<string> Folders { get; set; } = [];

    /// <summary>The one folder used when <see cref="Folders"/> is empty (the original setting; default <c>seeds</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string SeedsPath { get; set; } = "seeds";

    /// <summary>Where <c>library add</c> / <c>library remove</c> keep the folder list; once it exists it is the library.</summary>
    [Required(AllowEmptyStrings = false)]
    public string File { get; set; } = "data/library.json";
}
