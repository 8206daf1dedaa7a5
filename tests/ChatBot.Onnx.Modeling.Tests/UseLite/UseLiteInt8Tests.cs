using System.Numerics.Tensors;
using System.Text.Json;
using ChatBot.Onnx.Modeling.Protos;
using ChatBot.Onnx.Modeling.Tests.Support;
using ChatBot.Onnx.Modeling.UseLite;
using Xunit.Abstractions;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

/// <summary>The int8 variant against the float conversion and against the original TF.js vectors.</summary>
[Collection(UseLiteModelCollection.Name)]
public sealed class UseLiteInt8Tests(UseLiteModelFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Lowest acceptable cosine to the float model, text by text. Measured on the build machine: lowest 0.9955 over the
    /// 57 reference texts (0.9970 over 1,000 seed passages); full-range int8 weights, which saturate in ONNX Runtime's
    /// AVX2 kernel, fell to 0.974 on passages, so this bound tells the two apart.
    /// </summary>
    private const float MinimumCosineToFloat = 0.99f;

    private IReadOnlyList<UseLiteReferenceEntry> Embedded =>
        [.. fixture.Reference.Entries.Where(entry => entry.Embedding is not null)];

    [Fact]
    public void Each_text_embeds_close_to_the_float_model_and_to_the_original()
    {
        var failures = new List<string>();
        var lowestToFloat = 1f;
        var lowestToReference = 1f;
        foreach (var entry in Embedded)
        {
            var ids = fixture.Tokenizer.Encode(entry.Text, 128).Ids;
            var quantized = UseLiteModelFixture.Embed(fixture.Int8Session, [ids])[0];
            var toFloat = TensorPrimitives.CosineSimilarity(quantized, fixture.Embed([ids])[0]);
            var toReference = TensorPrimitives.CosineSimilarity(quantized, [.. entry.Embedding!]);
            lowestToFloat = Math.Min(lowestToFloat, toFloat);
            lowestToReference = Math.Min(lowestToReference, toReference);
            if (!(toFloat >= MinimumCosineToFloat && toReference >= MinimumCosineToFloat))
            {
                failures.Add($"{toFloat:F4} / {toReference:F4} {entry.Text[..Math.Min(40, entry.Text.Length)]}");
            }
        }

        output.WriteLine($"{Embedded.Count} texts, lowest cosine to float {lowestToFloat:F5}, to TF.js {lowestToReference:F5}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Related_sentences_stay_closer_than_unrelated_ones()
    {
        string[] texts =
        [
            "Putin and Abe met in Vladivostok to talk about North Korea.",
            "The Russian and Japanese leaders discussed Pyongyang's nuclear program.",
            "Mix the flour with butter and bake the cake for forty minutes.",
        ];
        var vectors = UseLiteModelFixture.Embed(fixture.Int8Session, [.. texts.Select(text => fixture.Tokenizer.Encode(text, 128).Ids)]);

        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]) > TensorPrimitives.CosineSimilarity(vectors[0], vectors[2]) + 0.2f);
        Assert.All(vectors, vector => Assert.Equal(1f, TensorPrimitives.Norm(vector), 4));
    }

    [Fact]
    public void The_int8_graph_has_int8_weights_and_no_float_matmul_on_fixed_weights()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.Int8Build.ModelPath));
        var initializers = model.Graph.Initializer.Select(tensor => tensor.Name).ToHashSet(StringComparer.Ordinal);

        // 2 layers × (query, key, value, attention output, FFN inner, FFN outer) + layer 0's residual projection.
        Assert.Equal(13, model.Graph.Node.Count(node => node.OpType == "MatMulInteger"));
        Assert.Equal(13, model.Graph.Initializer.Count(tensor => tensor.DataType == (int)TensorProto.Types.DataType.Int8));
        // Float MatMuls left: the two attention products per layer (activations only) and the tanh layer.
        var floatMatMuls = model.Graph.Node.Where(node => node.OpType == "MatMul").ToList();
        Assert.Equal(5, floatMatMuls.Count);
        Assert.Single(floatMatMuls, node => node.Input.Any(initializers.Contains));
        // Standard operators only, so any ONNX runtime can load it.
        Assert.All(model.OpsetImport, import => Assert.Equal(string.Empty, import.Domain));
    }

    [Fact]
    public void The_int8_model_is_about_half_the_size_and_its_manifest_names_it()
    {
        var floatBytes = new FileInfo(fixture.Build.ModelPath).Length;
        var int8Bytes = new FileInfo(fixture.Int8Build.ModelPath).Length;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(fixture.Int8Build.ManifestPath));

        Assert.InRange(int8Bytes, floatBytes / 3, floatBytes * 2 / 3);
        Assert.Equal(UseLiteVariant.Int8.Name, manifest.RootElement.GetProperty("name").GetString());
        Assert.Equal(512, manifest.RootElement.GetProperty("dimensions").GetInt32());
        Assert.Equal(Path.GetFileName(Path.GetDirectoryName(fixture.Int8Build.ModelPath)), UseLiteVariant.Int8.Name);
    }

    [Fact]
    public async Task Building_the_int8_model_again_reuses_the_existing_files()
    {
        var before = File.GetLastWriteTimeUtc(fixture.Int8Build.ModelPath);

        var again = await fixture.Builder.BuildAsync(UseLiteVariant.Int8);

        Assert.False(again.Built);
        Assert.Equal(before, File.GetLastWriteTimeUtc(fixture.Int8Build.ModelPath));
    }

    [Theory]
    [InlineData("use-lite", false)]
    [InlineData("USE-LITE-INT8", true)]
    public void Variants_are_found_by_model_name(string name, bool quantized)
    {
        Assert.Equal(quantized, UseLiteVariant.Find(name)!.Quantized);
        Assert.Null(UseLiteVariant.Find("bge-small-en-v1.5"));
    }
}
