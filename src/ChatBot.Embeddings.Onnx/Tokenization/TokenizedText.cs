namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>The ids of one encoded text.</summary>
/// <param name="Ids">Token ids including special tokens, already cut to the requested maximum.</param>
/// <param name="UntruncatedLength">How many ids the text would have produced without a limit.</param>
public sealed record TokenizedText(IReadOnlyList<long> Ids, int UntruncatedLength)
{
    /// <summary>True when ids were dropped to fit the limit; callers log this so truncation is never silent.</summary>
    public bool Truncated => UntruncatedLength > Ids.Count;
}
