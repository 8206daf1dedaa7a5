using System.Security.Cryptography;
using System.Text;
using ChatBot.Core.Retrieval;
using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>
/// Adapts the ONNX model to Core's hybrid retrieval: the generator, the decline threshold from the manifest, query
/// and passage options, and a model id ("name@fingerprint") that changes whenever anything that shapes the vectors
/// changes — the model file, the vocabulary, or the manifest's pooling, normalisation, prefixes and token limit —
/// so stored passage vectors are re-embedded exactly then.
/// </summary>
public sealed class OnnxEmbeddingModelSource(IEmbeddingModelProvider provider) : IEmbeddingModelSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EmbeddingModelHandle? _handle;

    public async Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var availability = await provider.TryGetAsync(cancellationToken);
        if (!availability.IsAvailable)
        {
            return (null, availability.Reason);
        }

        if (_handle is { } known)
        {
            return (known, null);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var manifest = availability.Manifest;
            _handle ??= new EmbeddingModelHandle(
                availability.Generator,
                $"{manifest.Name}@{await FingerprintAsync(manifest, cancellationToken)}",
                manifest.Dimensions,
                manifest.DeclineBelow,
                EmbeddingInputType.ForQueries(),
                EmbeddingInputType.ForPassages());
            return (_handle, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>First 16 hex digits of a sha256 over the model file, the vocabulary and the vector-shaping manifest fields.</summary>
    internal static async Task<string> FingerprintAsync(ModelManifest manifest, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { manifest.ModelFile, manifest.Tokenizer.VocabularyFile })
        {
            await using var stream = File.OpenRead(manifest.PathOf(file));
            hash.AppendData(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        var settings = string.Join('\n', manifest.Pooling, manifest.Normalize, manifest.MaxTokens, manifest.Tokenizer.Lowercase, manifest.QueryPrefix, manifest.PassagePrefix);
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
