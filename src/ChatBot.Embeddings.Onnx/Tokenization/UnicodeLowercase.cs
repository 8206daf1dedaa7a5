using System.Globalization;
using System.Text;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// Full Unicode lowercasing as the reference tokenizers do it (JavaScript toLowerCase / Rust to_lowercase):
/// simple per-character mappings plus the two language-independent special cases that .NET's
/// ToLowerInvariant does not apply: U+0130 (İ) becomes "i̇", and capital sigma becomes final ς at the end of a word.
/// </summary>
internal static class UnicodeLowercase
{
    private const int CapitalSigma = 0x03A3;
    private const int SmallSigma = 0x03C3;
    private const int FinalSigma = 0x03C2;
    private const int CapitalIWithDot = 0x0130;

    public static string ToLower(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var result = new StringBuilder(text.Length);
        Span<char> buffer = stackalloc char[2];
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            switch (rune.Value)
            {
                case CapitalIWithDot:
                    result.Append("i\u0307");
                    break;
                case CapitalSigma:
                    result.Append((char)(IsFinalSigma(runes, i) ? FinalSigma : SmallSigma));
                    break;
                default:
                    result.Append(buffer[..Rune.ToLowerInvariant(rune).EncodeToUtf16(buffer)]);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Unicode's Final_Sigma condition: a cased letter comes before (skipping case-ignorable characters)
    /// and no cased letter comes after (again skipping case-ignorable characters).
    /// </summary>
    private static bool IsFinalSigma(Rune[] runes, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(runes[before]))
        {
            before--;
        }

        if (before < 0 || !IsCased(runes[before]))
        {
            return false;
        }

        var after = index + 1;
        while (after < runes.Length && IsCaseIgnorable(runes[after]))
        {
            after++;
        }

        return after >= runes.Length || !IsCased(runes[after]);
    }

    private static bool IsCased(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(Rune rune) =>
        rune.Value is '\'' or '.' or ':' or '^' or '`' or 0x00B7 or 0x2018 or 0x2019 or 0x2024 or 0x2027
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
