namespace ChatBot.Core.Articles;

/// <summary>
/// When an article was published, how we know, and whether the text proves it. A proven day is cited as it is; an
/// inferred one is cited with its day and says it was inferred; only when nothing is known does a citation say so.
/// </summary>
/// <param name="Value">The best known publication day (proven or inferred), or null when nothing establishes one.</param>
/// <param name="Certain">True only when <see cref="Basis"/> proves the day.</param>
/// <param name="Basis">How the date was established, e.g. "explicit date", "dateline", "inferred from content: …".</param>
public sealed record PublicationDate(DateOnly? Value, bool Certain, string Basis)
{
    public static PublicationDate Unknown(string basis) => new(null, false, basis);

    /// <summary>The proven day, or null when the day is only inferred or unknown.</summary>
    public DateOnly? CitableValue => Certain ? Value : null;

    /// <summary>True when there is a best-known day that the text does not prove (an estimate with its basis).</summary>
    public bool IsInferred => Value is not null && !Certain;
}
