using System.Text;
using ChatBot.Embeddings.Onnx.Tokenization;

namespace ChatBot.Onnx.Modeling.Tests.UseLite;

/// <summary>The reference tokenizer's rules on a hand-made vocabulary (no download needed).</summary>
public sealed class SentencePieceTokenizerRulesTests
{
    // Ids 0-5 are reserved; "▁a" at 6 must never be produced from those slots.
    private static readonly SentencePiece[] Reserved =
    [
        new("\uFFFD", 0), new("<s>", 0), new("</s>", 0), new("▁ab", 0), new("x", 0), new("y", 0),
    ];

    [Fact]
    public void Reserved_ids_never_match_text()
    {
        var tokenizer = Create(("▁", -1), ("a", -1), ("b", -1));

        Assert.Equal([6L, 7L, 8L], tokenizer.EncodeAll("ab"));
    }

    [Fact]
    public void The_highest_total_score_wins()
    {
        var tokenizer = Create(("▁", -1), ("a", -1), ("b", -1), ("▁ab", -2.5), ("▁a", -0.5));

        // ▁a + b = -1.5 beats ▁ab = -2.5 and ▁ + a + b = -3.
        Assert.Equal([10L, 8L], tokenizer.EncodeAll("ab"));
    }

    [Fact]
    public void Ties_go_to_the_later_candidate()
    {
        var tokenizer = Create(("▁", -1), ("a", -1), ("▁a", -2));

        // "▁a" (start 0) and "▁"+"a" (start 1) both total -2; the later start wins, as with the reference's >=.
        Assert.Equal([6L, 7L], tokenizer.EncodeAll("a"));
    }

    [Fact]
    public void Characters_no_piece_starts_with_become_one_collapsed_unknown()
    {
        var tokenizer = Create(("▁", -1), ("a", -1));

        Assert.Equal([6L, 0L, 7L], tokenizer.EncodeAll("\u4E2D\u6587a"));
    }

    [Fact]
    public void Only_ascii_spaces_become_word_boundaries_after_nfkc()
    {
        var tokenizer = Create(("▁", -1), ("a", -1), ("\t", -1));

        // NFKC turns the fullwidth "ａ" into "a" and the no-break space into a plain space.
        Assert.Equal([6L, 7L, 6L, 7L], tokenizer.EncodeAll("\uFF41\u00A0a"));
        Assert.Equal([6L, 7L, 8L, 7L], tokenizer.EncodeAll("a\ta"));
    }

    [Fact]
    public void Null_scores_count_as_zero()
    {
        var json = "[[\"\\uFFFD\",0],[\"<s>\",0],[\"</s>\",0],[\"r3\",0],[\"r4\",0],[\"r5\",0],[\"\\u2581\",-1],[\":\",null],[\"\\u2581:\",-5]]";
        var vocabulary = SentencePieceVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(0d, vocabulary[7].Score);
        // ▁ + : = -1 beats ▁: = -5.
        Assert.Equal([6L, 7L], new SentencePieceTokenizer(vocabulary).EncodeAll(":"));
    }

    private static SentencePieceTokenizer Create(params (string Piece, double Score)[] pieces) =>
        new(new SentencePieceVocabulary([.. Reserved, .. pieces.Select(p => new SentencePiece(p.Piece, p.Score))]));
}
