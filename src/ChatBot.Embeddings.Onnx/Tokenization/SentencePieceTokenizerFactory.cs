using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>Creates a <see cref="SentencePieceTokenizer"/> from the vocab.json a manifest names (USE lite).</summary>
public sealed class SentencePieceTokenizerFactory : ITextTokenizerFactory
{
    public string Kind => "sentencepiece";

    public ITextTokenizer Create(ModelManifest manifest) =>
        new SentencePieceTokenizer(SentencePieceVocabulary.Load(manifest.PathOf(manifest.Tokenizer.VocabularyFile)));
}
