using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace ChatBot.Unicode;

/// <summary>
/// Unicode canonical decomposition (NFD) that works under InvariantGlobalization, where string.Normalize(FormD)
/// leaves non-ASCII text untouched. Data: CanonicalDecompositions.txt (generated from ICU by
/// scripts/reference/embeddings/unicode-decompositions.mjs); Hangul syllables are decomposed by the Unicode algorithm.
/// Combining marks are not canonically reordered: the tokenizer only uses this to delete non-spacing marks,
/// for which their order does not matter. Shared by BM25 term folding and the BERT tokenizer.
/// </summary>
public static class CanonicalDecomposition
{
    // Hangul syllable arithmetic from the Unicode standard (chapter 3.12).
    private const int SyllableBase = 0xAC00;
    private const int LeadingBase = 0x1100;
    private const int VowelBase = 0x1161;
    private const int TrailingBase = 0x11A7;
    private const int VowelCount = 21;
    private const int TrailingCount = 28;
    private const int SyllableCount = 11172;

    // Immutable once built; built on first use because only non-ASCII text needs it.
    private static readonly Lazy<FrozenDictionary<int, int[]>> Table = new(LoadTable);

    public static string Decompose(string text)
    {
        var output = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value < 0xC0)
            {
                output.Append((char)value); // nothing below U+00C0 decomposes
            }
            else if (value - SyllableBase is >= 0 and < SyllableCount)
            {
                var index = value - SyllableBase;
                output.Append((char)(LeadingBase + index / (VowelCount * TrailingCount)));
                output.Append((char)(VowelBase + index % (VowelCount * TrailingCount) / TrailingCount));
                if (index % TrailingCount != 0)
                {
                    output.Append((char)(TrailingBase + index % TrailingCount));
                }
            }
            else if (Table.Value.TryGetValue(value, out var parts))
            {
                foreach (var part in parts)
                {
                    output.Append(char.ConvertFromUtf32(part));
                }
            }
            else
            {
                output.Append(rune.ToString());
            }
        }

        return output.ToString();
    }

    /// <summary>NFD, then every non-spacing mark removed: "Crème brûlée" → "Creme brulee".</summary>
    public static string StripAccents(string text)
    {
        var decomposed = Decompose(text);
        var stripped = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                stripped.Append(rune.ToString());
            }
        }

        return stripped.ToString();
    }

    private static FrozenDictionary<int, int[]> LoadTable()
    {
        using var stream = typeof(CanonicalDecomposition).Assembly.GetManifestResourceStream("ChatBot.Unicode.CanonicalDecompositions.txt")
            ?? throw new InvalidOperationException("The embedded canonical decomposition table is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, int[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            table[int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] =
                fields.Skip(1).Select(f => int.Parse(f, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
        }

        return table.ToFrozenDictionary();
    }
}
