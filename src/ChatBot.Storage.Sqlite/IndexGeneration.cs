namespace ChatBot.Storage.Sqlite;

/// <summary>
/// Counts writes to the article index in this process, so caches derived from it (term statistics) know when to
/// start over. Writes by another process are caught separately by the highest passage id (see <see cref="Fts5LexicalIndex"/>).
/// </summary>
public sealed class IndexGeneration
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
