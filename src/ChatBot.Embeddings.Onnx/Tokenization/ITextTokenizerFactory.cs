using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// Builds the tokenizer a manifest asks for. One implementation per <see cref="TokenizerSpec.Kind"/>; register
/// more in DI (e.g. the SentencePiece one) with <c>services.AddSingleton&lt;ITextTokenizerFactory, …&gt;()</c>.
/// </summary>
public interface ITextTokenizerFactory
{
    /// <summary>The manifest tokenizer kind this factory handles, e.g. "wordpiece".</summary>
    string Kind { get; }

    ITextTokenizer Create(ModelManifest manifest);
}
