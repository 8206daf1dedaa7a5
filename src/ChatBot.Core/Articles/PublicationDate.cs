namespace ChatBot.Core.Articles;

/// <summary>
/// When an article was published, how we know, and whether we are sure enough to print it.
/// A date that is not certain is never printed as if it were: renderers say "date uncertain".
/// </summary>
/// <param name="Value">The best known publication day, or null when nothing in the text establishes one.</param>
/// <param name="Certain">True only when <see cref="Basis"/> proves the day.</param>
/// <param name="Basis">How the date was established, e.g. "explicit date", "dateline", "inferred from content: …".</param>
public sealed record PublicationDate(DateOnly? Value, bool Certain, string Basis)
{
    public static PublicationDate Unknown(string basis) => new(null, false, basis);

    /// <summary>The date to print beside a citation, or null when it must be shown as uncertain.</summary>
    public DateOnly? CitableValue => Certain ? Value : null;
}
