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
    /// <summary>First 16 hex digits of a sha256 over the verified files' sha256 and the vector-shaping manifest fields.</summary>
    /// <param name="manifest">The model.</param>
    /// <param name="verification">The check that just hashed its files (so they are not read twice).</param>
    public static string Compute(ModelManifest manifest, ModelVerification verification)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(verification);
        var parts = new List<string>();
        foreach (var file in new[] { manifest.ModelFile, manifest.Tokenizer.VocabularyFile })
        {
            parts.Add(verification.Files.FirstOrDefault(f => f.Path == file)?.ActualSha256
                ?? throw new InvalidOperationException($"{manifest.Name}/{file} was not hashed."));
        }

        parts.AddRange([manifest.Pooling.ToString(), manifest.Normalize.ToString(), manifest.MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            manifest.Tokenizer.Lowercase.ToString(), manifest.QueryPrefix, manifest.PassagePrefix]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];
    }
}
