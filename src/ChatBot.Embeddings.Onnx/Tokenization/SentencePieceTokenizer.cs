using System.Text;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// SentencePiece unigram tokenizer that reproduces, id for id, the JavaScript tokenizer the TF.js Universal
/// Sentence Encoder uses (<c>@energetic-ai/embeddings</c>). That tokenizer is a simplified Viterbi search, and
/// its quirks are part of the model's input contract, so they are kept deliberately:
/// <list type="bullet">
/// <item>text is NFKC-normalized, then "▁" is prefixed and every ASCII space (only U+0020) becomes "▁";</item>
/// <item>the first <see cref="ReservedIds"/> ids (unknown, &lt;s&gt;, &lt;/s&gt;, …) never match text;</item>
/// <item>a position no piece starts at yields a one-character unknown (id 0) with score 0;</item>
/// <item>a lattice position whose best score so far is exactly 0 accepts any candidate, and ties go to the
/// later candidate (the reference compares with <c>&gt;=</c>);</item>
/// <item>the best path is walked back by the UTF-16 length of each chosen piece's text;</item>
/// <item>runs of unknown ids collapse into one.</item>
/// </list>
/// USE has no special tokens: the ids are exactly the pieces of the text.
/// </summary>
public sealed class SentencePieceTokenizer : ITextTokenizer
{
    /// <summary>Ids below this are control symbols that the reference tokenizer never produces from text.</summary>
    public const int ReservedIds = 6;

    /// <summary>The id of the unknown piece.</summary>
    public const int UnknownId = 0;

    private const char WordBoundary = '\u2581';

    private readonly SentencePieceVocabulary _vocabulary;
    private readonly SentencePieceTrie _trie = new();
    private readonly SentencePieceNfkcNormalizer _normalizer = SentencePieceNfkcNormalizer.Create();

    public SentencePieceTokenizer(SentencePieceVocabulary vocabulary)
    {
        _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        for (var id = ReservedIds; id < vocabulary.Count; id++)
        {
            _trie.Insert(ToCodePoints(vocabulary[id].Text), vocabulary[id].Score, id);
        }
    }

    /// <summary>Padding positions are masked out by the model, so any valid id works; the unknown id is used.</summary>
    public long PaddingId => UnknownId;

    public TokenizedText Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);

        var ids = EncodeAll(text);
        var kept = ids.Count <= maxTokens ? ids : ids.GetRange(0, maxTokens);
        return new TokenizedText(kept, ids.Count);
    }

    /// <summary>All ids of <paramref name="text"/>, without any length limit.</summary>
    public List<long> EncodeAll(string text)
    {
        var symbols = ToCodePoints(Preprocess(text));
        var length = symbols.Length;

        // candidates[end] lists (start, score, id) of every piece ending at `end`, in increasing start order.
        var candidates = new List<(int Start, double Score, int Id)>?[length + 1];
        for (var start = 0; start < length; start++)
        {
            var matched = false;
            _trie.MatchPrefixes(symbols.AsSpan(start), (pieceLength, score, id) =>
            {
                (candidates[start + pieceLength] ??= []).Add((start, score, id));
                matched = true;
            });

            if (!matched)
            {
                (candidates[start + 1] ??= []).Add((start, 0d, UnknownId));
            }
        }

        var bestScore = new double[length + 1];
        var bestId = new int[length + 1];
        for (var end = 0; end <= length; end++)
        {
            foreach (var (start, score, id) in candidates[end] ?? [])
            {
                var total = score + bestScore[start];
                if (bestScore[end] == 0 || total >= bestScore[end])
                {
                    bestScore[end] = total;
                    bestId[end] = id;
                }
            }
        }

        var reversed = new List<long>();
        for (var position = length; position > 0; position -= _vocabulary[bestId[position]].Text.Length)
        {
            reversed.Add(bestId[position]);
        }

        // Collapse runs of unknowns while the ids are still in reverse order, as the reference does.
        var ids = new List<long>(reversed.Count);
        var previousWasUnknown = false;
        foreach (var id in reversed)
        {
            if (!(previousWasUnknown && id == UnknownId))
            {
                ids.Add(id);
            }

            previousWasUnknown = id == UnknownId;
        }

        ids.Reverse();
        return ids;
    }

    private string Preprocess(string text)
    {
        var normalized = _normalizer.Normalize(text);
        return normalized.Length == 0
            ? normalized
            : WordBoundary + normalized.Replace(' ', WordBoundary);
    }

    /// <summary>
    /// Splits text into code points the way JavaScript's string iterator does: a valid surrogate pair is one
    /// symbol, a lone surrogate is a symbol of its own (not replaced, unlike <see cref="string.EnumerateRunes"/>).
    /// </summary>
    private static int[] ToCodePoints(string text)
    {
        var codePoints = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoints.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(text[i]);
            }
        }

        return [.. codePoints];
    }
}
