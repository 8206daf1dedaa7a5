namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// The arrays behind a <see cref="Bm25Index"/>, in the shape they are built, saved and loaded: passages by row
/// (ids ascending), terms by id, and for term t its postings at <c>PostingStarts[t] .. PostingStarts[t + 1]</c>.
/// </summary>
internal sealed record Bm25IndexData(
    long[] PassageIds,
    int[] ArticleOfRow,
    string[] Articles,
    int[] Lengths,
    string[] Terms,
    int[] PostingStarts,
    int[] PostingRows,
    ushort[] PostingFrequencies)
{
    public static Bm25IndexData Empty { get; } = new([], [], [], [], [], [0], [], []);

    /// <summary>Checks the invariants search relies on, so a damaged snapshot fails here rather than mid-question.</summary>
    public void Validate()
    {
        var rows = PassageIds.Length;
        Require(ArticleOfRow.Length == rows && Lengths.Length == rows, "row arrays differ in length");
        Require(PostingStarts.Length == Terms.Length + 1 && PostingStarts[0] == 0 && PostingStarts[^1] == PostingRows.Length, "posting offsets do not cover the postings");
        Require(PostingFrequencies.Length == PostingRows.Length, "posting arrays differ in length");
        for (var row = 1; row < rows; row++)
        {
            Require(PassageIds[row - 1] < PassageIds[row], "passage ids are not ascending");
        }

        for (var t = 0; t < Terms.Length; t++)
        {
            Require(PostingStarts[t] <= PostingStarts[t + 1], "posting offsets go backwards");
        }

        foreach (var article in ArticleOfRow)
        {
            Require((uint)article < (uint)Articles.Length, "article index out of range");
        }

        foreach (var row in PostingRows)
        {
            Require((uint)row < (uint)rows, "posting row out of range");
        }
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException($"BM25 index is inconsistent: {problem}.");
        }
    }
}
