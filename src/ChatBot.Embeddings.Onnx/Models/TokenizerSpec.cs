namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>Which tokenizer a model needs and the files it is built from.</summary>
/// <param name="Kind">"wordpiece" (BERT family) or "sentencepiece"; see <see cref="Tokenization.ITextTokenizerFactory"/>.</param>
/// <param name="Files">Tokenizer files relative to the model folder (vocab.txt for WordPiece).</param>
/// <param name="Lowercase">Uncased vocabularies: lowercase and strip accents first.</param>
public sealed record TokenizerSpec(string Kind, IReadOnlyList<string> Files, bool Lowercase);
