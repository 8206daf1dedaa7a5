using System.Globalization;
using System.Text;
using ChatBot.Core.Articles;

namespace ChatBot.Host.Bench;

/// <summary>
/// Deterministic synthetic articles for benchmarks: paragraphs of sentences recombined from the seed articles by a
/// seeded random generator, so every run at a given size ingests exactly the same text. Paragraphs are sized to
/// become one passage each (three sentences, within the passage length bounds).
/// </summary>
internal sealed class SyntheticCorpus(IReadOnlyList<string> sentences, int seed = 42)
{
    public const int ParagraphsPerArticle = 20;
    private const int SentencesPerParagraph = 3;

    /// <summary>Sentences of at least 40 characters from the cleaned seed articles.</summary>
    public static SyntheticCorpus FromSeeds(string seedsFolder)
    {
        var cleaner = new ArticleCleaner();
        var sentences = Directory.EnumerateFiles(seedsFolder, "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(path => cleaner.Clean(File.ReadAllText(path)).Blocks)
            .Where(b => b.Kind == BlockKind.Paragraph)
            .SelectMany(b => SplitSentences(b.Text))
            .Where(s => s.Length is >= 40 and <= 250)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new SyntheticCorpus(sentences);
    }

    public int SentenceCount => sentences.Count;

    /// <summary>Writes enough articles for <paramref name="passages"/> passages into <paramref name="folder"/>.</summary>
    public void Write(string folder, int passages)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var articles = (passages + ParagraphsPerArticle - 1) / ParagraphsPerArticle;
        for (var article = 0; article < articles; article++)
        {
            var paragraphs = Math.Min(ParagraphsPerArticle, passages - (article * ParagraphsPerArticle));
            File.WriteAllText(Path.Combine(folder, $"bench_{article:D6}.txt"), Article(random, article, paragraphs));
        }
    }

    private string Article(Random random, int number, int paragraphs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Synthetic Report Number {number} On Russian Japanese Relations\n\n");
        for (var p = 0; p < paragraphs; p++)
        {
            for (var s = 0; s < SentencesPerParagraph; s++)
            {
                text.Append(s == 0 ? string.Empty : " ").Append(sentences[random.Next(sentences.Count)]);
            }

            text.Append("\n\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> SplitSentences(string paragraph)
    {
        var start = 0;
        for (var i = 0; i < paragraph.Length - 1; i++)
        {
            if (paragraph[i] is '.' or '?' or '!' && paragraph[i + 1] == ' ' && i + 2 < paragraph.Length && char.IsUpper(paragraph[i + 2]))
            {
                yield return paragraph[start..(i + 1)];
                start = i + 2;
            }
        }

        yield return paragraph[start..];
    }
}
