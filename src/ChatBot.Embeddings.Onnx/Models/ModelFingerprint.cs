using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// A short hash of everything that shapes a model's vectors — the model file, the vocabulary, and the manifest's
/// pooling, normalisation, token limit, casing and prefixes — so stored vectors can be re-embedded exactly when it
/// changes.
/// </summary>
public static class ModelFingerprint
{
    /// <summary>First 16 hex digits of a sha256 over the model file, the vocabulary and the vector-shaping manifest fields.</summary>
    public static async Task<string> ComputeAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
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
