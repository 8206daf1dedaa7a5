using Xunit.Abstractions;
using System.Numerics.Tensors;
using ChatBot.Onnx.Modeling.Tests.Support;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

[Collection(UseLiteModelCollection.Name)]
public sealed class UseLiteEmbeddingParityTests(UseLiteModelFixture fixture, ITestOutputHelper output)
{
    private const float MinimumCosine = 0.999f;

    private IReadOnlyList<Support.UseLiteReferenceEntry> Embedded =>
        [.. fixture.Reference.Entries.Where(entry => entry.Embedding is not null)];

    [Fact]
    public void Each_text_embeds_like_the_original_tfjs_model()
    {
        Assert.True(Embedded.Count >= 30, $"Only {Embedded.Count} reference vectors.");

        var failures = new List<string>();
        var lowest = 1f;
        foreach (var entry in Embedded)
        {
            // Our tokenizer's ids, not the reference's: this checks tokenizer and model together.
            var ids = fixture.Tokenizer.Encode(entry.Text, 128).Ids;
            var vector = fixture.Embed([ids])[0];
            var cosine = TensorPrimitives.CosineSimilarity(vector, [.. entry.Embedding!]);
            lowest = Math.Min(lowest, cosine);
            if (!(cosine >= MinimumCosine))
            {
                failures.Add($"{cosine:F6} {entry.Text[..Math.Min(40, entry.Text.Length)]}");
            }
        }

        output.WriteLine($"{Embedded.Count} texts, lowest cosine {lowest:F9}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Padding_in_a_batch_does_not_change_any_vector()
    {
        var batch = Embedded.Take(12).ToList();

        var vectors = fixture.Embed([.. batch.Select(entry => fixture.Tokenizer.Encode(entry.Text, 128).Ids)]);

        for (var i = 0; i < batch.Count; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(vectors[i], [.. batch[i].Embedding!]) >= MinimumCosine, batch[i].Text);
        }
    }

    [Fact]
    public void Output_vectors_have_unit_length()
    {
        var vector = fixture.Embed([fixture.Tokenizer.Encode("When did Putin visit Japan?", 128).Ids])[0];

        Assert.Equal(512, vector.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(vector), 4);
    }

    [Fact]
    public async Task Building_again_reuses_the_existing_files()
    {
        var before = File.GetLastWriteTimeUtc(fixture.Build.ModelPath);

        var again = await fixture.Builder.BuildAsync();

        Assert.False(again.Built);
        Assert.Equal(before, File.GetLastWriteTimeUtc(fixture.Build.ModelPath));
    }
}
