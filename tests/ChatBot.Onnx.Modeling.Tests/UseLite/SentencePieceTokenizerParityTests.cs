using ChatBot.Onnx.Modeling.Tests.Support;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

[Collection(UseLiteModelCollection.Name)]
public sealed class SentencePieceTokenizerParityTests(UseLiteModelFixture fixture)
{
    [Fact]
    public void Ids_match_the_javascript_reference_tokenizer_for_every_reference_string()
    {
        var entries = fixture.Reference.Entries;
        Assert.True(entries.Count >= 50, $"Only {entries.Count} reference strings.");

        var mismatches = entries
            .Select(entry => (entry.Text, Expected: entry.Ids, Actual: fixture.Tokenizer.EncodeAll(entry.Text)))
            .Where(result => !result.Expected.SequenceEqual(result.Actual))
            .Select(result => $"{result.Text[..Math.Min(40, result.Text.Length)]}: expected [{string.Join(",", result.Expected.Take(20))}] got [{string.Join(",", result.Actual.Take(20))}]")
            .ToList();

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {entries.Count} differ:\n{string.Join("\n", mismatches)}");
    }

    [Fact]
    public void Ids_match_the_javascript_reference_tokenizer_for_seeded_random_strings()
    {
        var entries = UseLiteReference.LoadTokenizerFuzz();
        Assert.True(entries.Count >= 500, $"Only {entries.Count} fuzz strings.");

        var mismatches = entries.Count(entry => !entry.Ids.SequenceEqual(fixture.Tokenizer.EncodeAll(entry.Text)));

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Empty_text_has_no_ids_and_whitespace_only_text_does()
    {
        Assert.Empty(fixture.Tokenizer.Encode(string.Empty, 128).Ids);
        Assert.NotEmpty(fixture.Tokenizer.Encode(" ", 128).Ids);
    }

    [Fact]
    public void Long_text_is_cut_to_the_limit_and_reports_its_full_length()
    {
        var longest = fixture.Reference.Entries.MaxBy(entry => entry.Ids.Count)!;

        var encoded = fixture.Tokenizer.Encode(longest.Text, 128);

        Assert.Equal(128, encoded.Ids.Count);
        Assert.Equal(longest.Ids.Count, encoded.UntruncatedLength);
        Assert.True(encoded.Truncated);
        Assert.Equal(longest.Ids.Take(128), encoded.Ids);
    }
}
