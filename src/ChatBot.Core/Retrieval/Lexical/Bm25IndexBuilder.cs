namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// Collects passages (in ascending id order) and builds a <see cref="Bm25Index"/>: one pass to analyse the text into
/// (term, row, frequency) entries, then a counting sort into per-term posting slices.
/// </summary>
public sealed class Bm25IndexBuilder(TermAnalyzer analyzer)
{
    private readonly List<long> _passageIds = [];
    private readonly List<int> _articleOfRow = [];
    private readonly List<int> _lengths = [];
    private readonly Dictionary<string, int> _articleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _frequencies = [];
    private readonly List<(int Term, int Row, ushort Frequency)> _entries = [];

    public void Add(long passageId, string articleId, string text)
    {
        if (_passageIds.Count > 0 && passageId <= _passageIds[^1])
        {
            throw new ArgumentException($"Passages must be added in ascending id order ({passageId} after {_passageIds[^1]}).", nameof(passageId));
        }

        var row = _passageIds.Count;
        _frequencies.Clear();
        var length = analyzer.Analyze(text, term =>
        {
            var id = IdOf(_termIds, term);
            _frequencies[id] = _frequencies.GetValueOrDefault(id) + 1;
        }, Stem);

        foreach (var (term, frequency) in _frequencies)
        {
            _entries.Add((term, row, (ushort)Math.Min(frequency, ushort.MaxValue)));
        }

        _passageIds.Add(passageId);
        _articleOfRow.Add(IdOf(_articleIds, articleId));
        _lengths.Add(length);
    }

    public Bm25Index Build(long generation)
    {
        var termCount = _termIds.Count;
        var starts = new int[termCount + 1];
        foreach (var entry in _entries)
        {
            starts[entry.Term + 1]++;
        }

        for (var t = 0; t < termCount; t++)
        {
            starts[t + 1] += starts[t];
        }

        var rows = new int[_entries.Count];
        var frequencies = new ushort[_entries.Count];
        var next = starts[..termCount];
        // Entries arrive in row order, so each term's slice fills in ascending row order.
        foreach (var (term, row, frequency) in _entries)
        {
            var at = next[term]++;
            rows[at] = row;
            frequencies[at] = frequency;
        }

        return new Bm25Index(generation, new Bm25IndexData(
            [.. _passageIds], [.. _articleOfRow], ByIds(_articleIds), [.. _lengths], ByIds(_termIds), starts, rows, frequencies));
    }

    /// <summary>The id of <paramref name="key"/>, numbering new keys in the order they are first seen.</summary>
    private static int IdOf(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            id = ids.Count;
            ids.Add(key, id);
        }

        return id;
    }

    private static string[] ByIds(Dictionary<string, int> ids)
    {
        var keys = new string[ids.Count];
        foreach (var (key, id) in ids)
        {
            keys[id] = key;
        }

        return keys;
    }

    /// <summary>Stemming is the costly step and a corpus repeats its words, so each distinct word is stemmed once.</summary>
    private string Stem(string word)
    {
        if (!_stems.TryGetValue(word, out var stem))
        {
            stem = PorterStemmer.Stem(word);
            _stems.Add(word, stem);
        }

        return stem;
    }
}
