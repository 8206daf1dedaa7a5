namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>How a BERT-family WordPiece vocabulary is applied; the defaults are those of bert-base-uncased.</summary>
public sealed record WordPieceOptions
{
    /// <summary>Uncased models lowercase and strip accents; cased models do neither.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Words longer than this many code points become the unknown token, as in BERT.</summary>
    public int MaxCharactersPerWord { get; init; } = 100;

    public string ContinuationPrefix { get; init; } = "##";

    public string UnknownToken { get; init; } = "[UNK]";

    public string ClassifierToken { get; init; } = "[CLS]";

    public string SeparatorToken { get; init; } = "[SEP]";

    public string PaddingToken { get; init; } = "[PAD]";

    /// <summary>
    /// Tokens matched verbatim in the raw text before normalization (Hugging Face "added tokens"): "[MASK]" in
    /// the input becomes the [MASK] id, "[mask]" does not.
    /// </summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
}
