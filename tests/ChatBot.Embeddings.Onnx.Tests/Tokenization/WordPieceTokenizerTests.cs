using System.Text.Json;
using ChatBot.Embeddings.Onnx.Tests.Support;
using ChatBot.Embeddings.Onnx.Tokenization;

namespace ChatBot.Embeddings.Onnx.Tests.Tokenization;

public sealed class WordPieceTokenizerTests
{
    private static readonly Lazy<WordPieceTokenizer> Tokenizer = new(() => WordPieceTokenizer.FromVocabularyFile(PackagedModels.BertVocabulary));

    private static readonly Lazy<ReferenceCase[]> Cases = new(LoadCases);

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Cases.Value.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void Reference_vectors_cover_at_least_fifty_strings()
    {
        Assert.True(Cases.Value.Length >= 50, $"only {Cases.Value.Length} reference strings");
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Produces_exactly_the_reference_ids(int index)
    {
        var reference = Cases.Value[index];

        var encoded = Tokenizer.Value.Encode(reference.Text, maxTokens: 100_000);

        Assert.Equal(reference.Ids, encoded.Ids);
        Assert.False(encoded.Truncated);
    }

    [Fact]
    public void Supplementary_plane_ideographs_are_split_one_per_word_like_the_rust_tokenizers()
    {
        // transformers.js scans UTF-16 units and misses ideographs outside the BMP, giving one [UNK] for "𠀀𠀁";
        // the Rust tokenizers (and this one) split each ideograph off, giving [UNK] [UNK]. Elsewhere they agree.
        var references = LoadSection("supplementaryIdeographs");
        var pair = references.Single(r => r.Text.StartsWith("𠀀𠀁", StringComparison.Ordinal));
        var embedded = references.Single(r => r.Text == "中𠀀文");

        long[] expectedPair = [pair.Ids[0], 100, .. pair.Ids[1..]];
        Assert.Equal(expectedPair, Tokenizer.Value.Encode(pair.Text, 1000).Ids);
        Assert.Equal(embedded.Ids, Tokenizer.Value.Encode(embedded.Text, 1000).Ids);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(16)]
    public void Truncation_keeps_cls_the_first_pieces_and_sep_and_reports_it(int maxTokens)
    {
        var reference = Cases.Value.Single(c => c.Text.StartsWith("word0 is number 0", StringComparison.Ordinal));

        var encoded = Tokenizer.Value.Encode(reference.Text, maxTokens);

        long[] expected = [.. reference.Ids.Take(maxTokens - 1), 102];
        Assert.Equal(expected, encoded.Ids);
        Assert.True(encoded.Truncated);
        Assert.Equal(reference.Ids.Length, encoded.UntruncatedLength);
    }

    [Fact]
    public void Text_that_fits_exactly_is_not_truncated()
    {
        var encoded = Tokenizer.Value.Encode("hello world", maxTokens: 4);

        Assert.Equal([101L, 7592, 2088, 102], encoded.Ids);
        Assert.False(encoded.Truncated);
    }

    [Fact]
    public void Padding_id_is_the_pad_token()
    {
        Assert.Equal(0, Tokenizer.Value.PaddingId);
        Assert.Equal(30522, Tokenizer.Value.VocabularySize);
    }

    [Fact]
    public void Is_safe_to_share_between_threads()
    {
        var texts = Cases.Value;
        Parallel.For(0, texts.Length * 4, i =>
        {
            var reference = texts[i % texts.Length];
            Assert.Equal(reference.Ids, Tokenizer.Value.Encode(reference.Text, 100_000).Ids);
        });
    }

    private static ReferenceCase[] LoadCases() => LoadSection("cases");

    private static ReferenceCase[] LoadSection(string section)
    {
        using var stream = File.OpenRead(PackagedModels.TestDataFile("wordpiece-vectors.json"));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty(section).EnumerateArray()
            .Select(c => new ReferenceCase(c.GetProperty("text").GetString()!, c.GetProperty("ids").EnumerateArray().Select(id => id.GetInt64()).ToArray()))
            .ToArray();
    }

    private sealed record ReferenceCase(string Text, long[] Ids);
}
