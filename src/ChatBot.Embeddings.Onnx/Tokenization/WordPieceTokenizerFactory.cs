using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>Creates a <see cref="WordPieceTokenizer"/> from the vocab.txt a manifest names.</summary>
public sealed class WordPieceTokenizerFactory : ITextTokenizerFactory
{
    public string Kind => "wordpiece";

    public ITextTokenizer Create(ModelManifest manifest) =>
        WordPieceTokenizer.FromVocabularyFile(
            manifest.PathOf(manifest.Tokenizer.VocabularyFile),
            new WordPieceOptions { Lowercase = manifest.Tokenizer.Lowercase });
}
