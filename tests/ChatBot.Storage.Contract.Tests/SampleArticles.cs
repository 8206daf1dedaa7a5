using ChatBot.Core.Articles;
using ChatBot.Core.Ingestion;
using ChatBot.Core.Passages;

namespace ChatBot.Storage.Contract.Tests;

/// <summary>Articles made up for the contract: every metadata field set, and every optional one left out.</summary>
internal static class SampleArticles
{
    public static ProcessedArticle Full(string id = "100_full", string word = "alpha", int passages = 3) => new(
        new ArticleMetadata(id, $"Title of {id} — «quoted» ünïcode", "The Publisher", $"https://example.org/{id}?a=1&b=2",
            new PublicationDate(new DateOnly(2019, 3, 12), Certain: true, Basis: "dateline")),
        Body(id, word, passages),
        Passages(id, word, passages),
        ["first warning", "second warning: with a colon"],
        $"hash-{id}-{word}-{passages}")
    {
        Folder = "/library/folder one",
    };

    public static ProcessedArticle Bare(string id = "200_bare") => new(
        new ArticleMetadata(id, "Bare title", null, null, new PublicationDate(null, Certain: false, Basis: "unknown")),
        Body(id, "bare", 1),
        Passages(id, "bare", 1),
        [],
        $"hash-{id}");

    private static string Body(string id, string word, int count) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(i => Text(id, word, i)));

    private static List<Passage> Passages(string id, string word, int count)
    {
        var start = 0;
        var list = new List<Passage>();
        for (var i = 0; i < count; i++)
        {
            var text = Text(id, word, i);
            list.Add(new Passage(id, i, start, text.Length, text));
            start += text.Length + 2;
        }

        return list;
    }

    private static string Text(string id, string word, int ordinal) =>
        $"Passage {ordinal} of {id} speaks of {word} {word}{ordinal} and nothing else, long enough to be a passage.";
}
