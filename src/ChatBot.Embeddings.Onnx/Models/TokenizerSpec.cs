namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>Which tokenizer a model needs and the file it is built from.</summary>
/// <param name="Kind">"wordpiece" (BERT family) or "sentencepiece"; see <see cref="Tokenization.ITextTokenizerFactory"/>.</param>
/// <param name="VocabularyFile">Relative to the model folder: vocab.txt for WordPiece, vocab.json for SentencePiece.</param>
/// <param name="Lowercase">Uncased WordPiece vocabularies: lowercase and strip accents first (default true).</param>
public sealed record TokenizerSpec(string Kind, string VocabularyFile, bool Lowercase);
