using ChatBot.Core.Articles;

namespace ChatBot.Core.Passages;

/// <summary>
/// The cleaned body as one string (blocks joined by blank lines) with the span of every block,
/// so passages can point back into it.
/// </summary>
public sealed class ArticleBody
{
    public const string BlockSeparator = "\n\n";

    private ArticleBody(string text, IReadOnlyList<(BodyBlock Block, int Start)> blocks)
    {
        Text = text;
        Blocks = blocks;
    }

    public string Text { get; }

    public IReadOnlyList<(BodyBlock Block, int Start)> Blocks { get; }

    public static ArticleBody From(IEnumerable<BodyBlock> blocks)
    {
        var spans = new List<(BodyBlock, int)>();
        var text = new System.Text.StringBuilder();
        foreach (var block in blocks)
        {
            if (text.Length > 0)
            {
                text.Append(BlockSeparator);
            }

            spans.Add((block, text.Length));
            text.Append(block.Text);
        }

        return new ArticleBody(text.ToString(), spans);
    }
}
