using System.Diagnostics.CodeAnalysis;
using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.AI;

namespace ChatBot.Embeddings.Onnx.DependencyInjection;

/// <summary>Either a ready generator for the configured model, or the reason there is none (for the host to log and fall back).</summary>
public sealed record EmbeddingModelAvailability
{
    private EmbeddingModelAvailability(IEmbeddingGenerator<string, Embedding<float>>? generator, ModelManifest? manifest, string? fingerprint, string? reason)
    {
        Generator = generator;
        Manifest = manifest;
        Fingerprint = fingerprint;
        Reason = reason;
    }

    public IEmbeddingGenerator<string, Embedding<float>>? Generator { get; }

    public ModelManifest? Manifest { get; }

    /// <summary>The <see cref="ModelFingerprint"/> of the loaded model; null when unavailable.</summary>
    public string? Fingerprint { get; }

    /// <summary>Why no generator is available, in words a person can act on; null when available.</summary>
    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Generator), nameof(Manifest), nameof(Fingerprint))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsAvailable => Generator is not null;

    public static EmbeddingModelAvailability Available(IEmbeddingGenerator<string, Embedding<float>> generator, ModelManifest manifest, string fingerprint) =>
        new(generator, manifest, fingerprint, null);

    public static EmbeddingModelAvailability Unavailable(string reason) => new(null, null, null, reason);
}
