namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// Turns text into the token ids a particular model was trained on. Implemented by the WordPiece tokenizer
/// (BERT family) and the SentencePiece tokenizer (Universal Sentence Encoder lite), so the embedding
/// generator does not care which vocabulary a model uses.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>The id used to pad shorter sequences in a batch up to the longest one.</summary>
    long PaddingId { get; }

    /// <summary>
    /// Encodes one text, including the model's special tokens (e.g. [CLS] … [SEP]), keeping at most
    /// <paramref name="maxTokens"/> ids. Truncation is reported, never silent: see <see cref="TokenizedText.Truncated"/>.
    /// </summary>
    TokenizedText Encode(string text, int maxTokens);
}
