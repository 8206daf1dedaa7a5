using ChatBot.Core.Answers;
using ChatBot.Core.Retrieval.LateInteraction;

namespace ChatBot.Core.Tests.LateInteraction;

public sealed class AnsweringSentenceTests
{
    private const string Passage = "Putin arrived on Thursday. The talks were held in Nagato. Both leaders spoke to reporters.";

    /// <summary>One token per word, like WordPiece on plain words.</summary>
    private sealed class WordCounter : ITokenStateEncoder
    {
        public Task<IReadOnlyList<EncodedTokens>> EncodeAsync(IReadOnlyList<string> texts, bool asQueries, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public int CountTokens(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    [Fact]
    public void The_sentence_holding_the_best_matches_is_the_one_highlighted()
    {
        // Rows 0–3: sentence 1 (4 words), rows 4–8: sentence 2, rows 9–12: sentence 3. Two question tokens matched in
        // sentence 2 (rows 5 and 8), one weaker match in sentence 1.
        var alignment = new TokenAlignment(0.8, [1, 5, 8], [0.5f, 0.9f, 0.8f], [0.2, 0.4, 0.4]);

        var span = AnsweringSentence.Locate(Passage, alignment, new WordCounter());

        Assert.Equal("The talks were held in Nagato.", Passage.Substring(span!.Value.Start, span.Value.Length));
    }

    [Fact]
    public void Rows_of_a_leading_title_are_skipped_before_the_passage_sentences()
    {
        // Two title rows come first: row 3 is the second word of sentence 1.
        var alignment = new TokenAlignment(0.9, [3], [0.9f], [1.0]);

        var span = AnsweringSentence.Locate(Passage, alignment, new WordCounter(), leadingRows: 2);

        Assert.Equal(0, span!.Value.Start);
    }

    [Fact]
    public void A_one_sentence_passage_gets_no_highlight()
    {
        Assert.Null(AnsweringSentence.Locate("Putin arrived on Thursday.", new TokenAlignment(1, [0], [1f], [1.0]), new WordCounter()));
    }
}
