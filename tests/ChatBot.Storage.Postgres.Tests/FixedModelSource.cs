using ChatBot.Core.Retrieval;
using ChatBot.Testing;

namespace ChatBot.Storage.Postgres.Tests;

/// <summary>The transparent keyword model of the SQLite tests, so the dense path runs without a real model.</summary>
internal sealed class FixedModelSource : IEmbeddingModelSource
{
    private static readonly string[][] Concepts =
    [
        ["nuclear", "nukes", "denucleari"],
        ["cease-fire", "ceasefire", "truce"],
        ["sanction"],
        ["invest", "billion"],
        ["zeppelin", "airship"],
    ];

    public FixedModelSource()
    {
        Generator = new KeywordEmbeddingGenerator(Concepts);
        Model = new EmbeddingModelHandle(Generator, "keywords@1", Generator.Dimensions, 0.8, null, null);
    }

    public KeywordEmbeddingGenerator Generator { get; }

    public EmbeddingModelHandle Model { get; }

    public Task<(EmbeddingModelHandle? Model, string? Reason)> TryGetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<(EmbeddingModelHandle?, string?)>((Model, null));
}
