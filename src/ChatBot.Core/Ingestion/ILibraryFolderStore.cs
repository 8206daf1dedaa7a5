namespace ChatBot.Core.Ingestion;

/// <summary>
/// Where the library's folder list is kept: in the store every process shares (one SQLite file per machine, one
/// PostgreSQL database for every replica), so <c>library add</c> and <c>library remove</c> change it for all of them
/// and no process syncs against a list of its own. Entries are folder keys (<see cref="Hosting.ContentRoot.KeyOf"/>:
/// relative to the content root where under it), in the order they were added. The store only keeps the list;
/// <see cref="LibraryFolders"/> decides what goes in it.
/// </summary>
public interface ILibraryFolderStore
{
    /// <summary>The recorded list; null when none was ever recorded (the library then comes from configuration).</summary>
    Task<IReadOnlyList<string>?> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the list with <paramref name="change"/> applied to the list as recorded at that moment (null when
    /// none is), atomically: concurrent changes from any process run one after the other, none is lost. When
    /// <paramref name="change"/> returns null nothing is written.
    /// </summary>
    /// <returns>The list now recorded (null when none is).</returns>
    Task<IReadOnlyList<string>?> ChangeAsync(
        Func<IReadOnlyList<string>?, IReadOnlyList<string>?> change, CancellationToken cancellationToken = default);
}
