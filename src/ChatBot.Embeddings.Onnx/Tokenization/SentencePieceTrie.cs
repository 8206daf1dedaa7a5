namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// Prefix tree over the vocabulary's pieces, keyed by Unicode code point. When a piece occurs twice, the later
/// id wins, as in the reference tokenizer.
/// </summary>
internal sealed class SentencePieceTrie
{
    private readonly Node _root = new();

    public void Insert(ReadOnlySpan<int> codePoints, double score, int id)
    {
        var node = _root;
        foreach (var codePoint in codePoints)
        {
            if (!node.Children.TryGetValue(codePoint, out var child))
            {
                child = new Node();
                node.Children.Add(codePoint, child);
            }

            node = child;
        }

        if (codePoints.Length > 0)
        {
            node.IsPiece = true;
            node.Score = score;
            node.Id = id;
        }
    }

    /// <summary>Calls <paramref name="onMatch"/> with (length, score, id) for every piece that starts <paramref name="symbols"/>, shortest first.</summary>
    public void MatchPrefixes(ReadOnlySpan<int> symbols, Action<int, double, int> onMatch)
    {
        var node = _root;
        for (var i = 0; i < symbols.Length; i++)
        {
            if (!node.Children.TryGetValue(symbols[i], out var child))
            {
                return;
            }

            node = child;
            if (node.IsPiece)
            {
                onMatch(i + 1, node.Score, node.Id);
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<int, Node> Children { get; } = [];

        public bool IsPiece { get; set; }

        public double Score { get; set; }

        public int Id { get; set; }
    }
}
