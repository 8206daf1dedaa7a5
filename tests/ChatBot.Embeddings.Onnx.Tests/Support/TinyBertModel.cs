using System.Security.Cryptography;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Onnx.Modeling.TinyBert;
using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>
/// The seeded tiny BERT (hidden 32, BERT uncased vocabulary) built in memory, written to
/// <c>.cache/tiny-bert/model.onnx</c> so the Node reference script (scripts/reference/embeddings/tiny-bert-vectors.mjs)
/// can run the very same file, plus a manifest describing it the way a real mean-pooled model is described.
/// </summary>
internal static class TinyBertModel
{
    private static readonly Lazy<(byte[] Bytes, string Directory)> Built = new(Build);

    public static byte[] Bytes => Built.Value.Bytes;

    public static string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public static string ModelPath => Path.Combine(Built.Value.Directory, "model.onnx");

    public static ModelManifest Manifest(int maxTokens = 128) => new()
    {
        Name = "tiny-bert",
        Directory = Built.Value.Directory,
        Files = [new ModelFile("model.onnx", Sha256, Resource: null)],
        ModelFile = "model.onnx",
        Tokenizer = new TokenizerSpec("wordpiece", PackagedModels.BertVocabulary, Lowercase: true),
        Inputs = new ModelInputNames(TinyBertModelBuilder.InputIds, TinyBertModelBuilder.AttentionMask, TinyBertModelBuilder.TokenTypeIds),
        Output = TinyBertModelBuilder.LastHiddenState,
        Pooling = PoolingMode.Mean,
        Normalize = true,
        MaxTokens = maxTokens,
        Dimensions = 32,
        QueryPrefix = "query: ",
        PassagePrefix = "",
        DeclineBelow = 0.5,
    };

    private static (byte[], string) Build()
    {
        var bytes = new TinyBertModelBuilder().Build();
        var directory = Path.Combine(RepoPaths.Root, ".cache", "tiny-bert");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "model.onnx");
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            var staged = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(staged, bytes);
            File.Move(staged, path, overwrite: true);
        }

        return (bytes, directory);
    }
}
