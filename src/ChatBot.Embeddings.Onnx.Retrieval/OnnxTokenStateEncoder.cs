using ChatBot.Core.Retrieval.LateInteraction;
using ChatBot.Embeddings.Onnx.Embeddings;

namespace ChatBot.Embeddings.Onnx.Retrieval;

/// <summary>The ONNX generator's token states as Core's port: one model run yields the sentence vector and every token's state.</summary>
internal sealed class OnnxTokenStateEncoder(OnnxEmbeddingGenerator generator) : ITokenStateEncoder
{
    public async Task<IReadOnlyList<EncodedTokens>> EncodeAsync(IReadOnlyList<string> texts, bool asQueries, CancellationToken cancellationToken = default)
    {
        var options = asQueries ? EmbeddingInputType.ForQueries() : EmbeddingInputType.ForPassages();
        var encoded = await generator.EncodeTokensAsync(texts, options, cancellationToken);
        return encoded.Select(e => new EncodedTokens(e.Pooled, e.TokenRows, e.Pieces)).ToList();
    }

    public int CountTokens(string text) => generator.CountPieces(text);
}
