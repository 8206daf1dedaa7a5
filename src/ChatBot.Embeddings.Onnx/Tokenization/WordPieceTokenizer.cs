using System.Text;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// BERT WordPiece tokenization, matching the Hugging Face tokenizer: special tokens are split out of the raw
/// text, the rest is normalized (<see cref="BertTextNormalizer"/>), split on whitespace and punctuation, and each
/// word is cut greedily into the longest vocabulary pieces ("##" marks a continuation). A word with no full
/// cover, or longer than the per-word limit, becomes [UNK]. Output is [CLS] … [SEP]. Immutable and thread-safe.
/// </summary>
public sealed class WordPieceTokenizer : ITextTokenizer, IPieceVocabulary
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly string[] _pieces;
    private readonly WordPieceOptions _options;
    private readonly int _unknownId;
    private readonly int _classifierId;
    private readonly int _separatorId;
    private readonly (string Token, int Id)[] _specialTokens;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _options = options ?? new WordPieceOptions();
        _vocabulary = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        _pieces = vocabulary.ToArray();
        for (var id = 0; id < vocabulary.Count; id++)
        {
            // First occurrence wins, like the reference loaders.
            _vocabulary.TryAdd(vocabulary[id], id);
        }

        _unknownId = RequireToken(_options.UnknownToken);
        _classifierId = RequireToken(_options.ClassifierToken);
        _separatorId = RequireToken(_options.SeparatorToken);
        PaddingId = RequireToken(_options.PaddingToken);
        _specialTokens = _options.SpecialTokens
            .Where(_vocabulary.ContainsKey)
            .OrderByDescending(token => token.Length) // longest first, so overlapping specials match greedily
            .Select(token => (token, _vocabulary[token]))
            .ToArray();
    }

    public long PaddingId { get; }

    public int VocabularySize => _vocabulary.Count;

    public string PieceOf(long id) => id >= 0 && id < _pieces.Length ? _pieces[id] : _options.UnknownToken;

    /// <summary>Reads a vocab.txt (one token per line; the line number is the id).</summary>
    public static WordPieceTokenizer FromVocabularyFile(string path, WordPieceOptions? options = null)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        // A trailing empty line is an artefact of the file ending in a newline, not a token.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        return new WordPieceTokenizer(lines.Take(count).ToArray(), options);
    }

    public TokenizedText Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);

        var pieces = EncodeWithoutSpecialTokens(text);
        var kept = Math.Min(pieces.Count, maxTokens - 2);
        var ids = new long[kept + 2];
        ids[0] = _classifierId;
        for (var i = 0; i < kept; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[^1] = _separatorId;
        return new TokenizedText(ids, pieces.Count + 2);
    }

    /// <summary>The vocabulary ids of <paramref name="text"/> without [CLS]/[SEP] and without any limit.</summary>
    public IReadOnlyList<int> EncodeWithoutSpecialTokens(string text)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        var segmentStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var special = MatchSpecialToken(text, position);
            if (special is { } match)
            {
                AppendSegment(text[segmentStart..position], ids);
                ids.Add(match.Id);
                position += match.Token.Length;
                segmentStart = position;
            }
            else
            {
                position++;
            }
        }

        AppendSegment(text[segmentStart..], ids);
        return ids;
    }

    private (string Token, int Id)? MatchSpecialToken(string text, int position)
    {
        foreach (var special in _specialTokens)
        {
            if (string.CompareOrdinal(text, position, special.Token, 0, special.Token.Length) == 0)
            {
                return special;
            }
        }

        return null;
    }

    private void AppendSegment(string segment, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        var normalized = BertTextNormalizer.Normalize(segment, _options.Lowercase);
        foreach (var word in SplitWords(normalized))
        {
            AppendWordPieces(word, ids);
        }
    }

    /// <summary>Whitespace separates words; every punctuation character is a word of its own.</summary>
    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (BertTextNormalizer.IsWhitespace(rune) || BertTextNormalizer.IsPunctuation(rune))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (!BertTextNormalizer.IsWhitespace(rune))
                {
                    yield return rune.ToString();
                }
            }
            else
            {
                word.Append(rune.ToString());
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private void AppendWordPieces(string word, List<int> ids)
    {
        // Work on code point boundaries so a piece never splits a surrogate pair.
        var boundaries = new List<int>(word.Length + 1);
        for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            boundaries.Add(i);
        }

        boundaries.Add(word.Length);
        var codePoints = boundaries.Count - 1;
        if (codePoints > _options.MaxCharactersPerWord)
        {
            ids.Add(_unknownId);
            return;
        }

        var pieces = new List<int>();
        var start = 0;
        while (start < codePoints)
        {
            var found = -1;
            var end = codePoints;
            for (; end > start; end--)
            {
                var piece = word[boundaries[start]..boundaries[end]];
                if (start > 0)
                {
                    piece = _options.ContinuationPrefix + piece;
                }

                if (_vocabulary.TryGetValue(piece, out var id))
                {
                    found = id;
                    break;
                }
            }

            if (found < 0)
            {
                ids.Add(_unknownId); // no cover for the rest of the word: the whole word is unknown
                return;
            }

            pieces.Add(found);
            start = end;
        }

        ids.AddRange(pieces);
    }

    private int RequireToken(string token) =>
        _vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new ArgumentException($"The vocabulary has no '{token}' token.", nameof(token));
}
