using System.Globalization;
using System.Text;
using ChatBot.Unicode;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// The BERT normalizer (Hugging Face "BertNormalizer"): drop NUL, U+FFFD and control/format/private-use
/// characters, turn every whitespace into a plain space, put spaces around CJK ideographs, and for uncased
/// models lowercase and strip accents (NFD, then drop non-spacing marks). Works on code points, not UTF-16
/// units, so characters outside the BMP (emoji, extension-B ideographs) are handled like the reference.
/// </summary>
internal static class BertTextNormalizer
{
    public static string Normalize(string text, bool lowercase)
    {
        var cleaned = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            // EnumerateRunes reports lone surrogates as U+FFFD, which is dropped here like the reference drops Cs.
            if (rune.Value == 0 || rune.Value == 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (IsWhitespace(rune))
            {
                cleaned.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                cleaned.Append(' ');
                AppendRune(cleaned, rune);
                cleaned.Append(' ');
            }
            else
            {
                AppendRune(cleaned, rune);
            }
        }

        if (!lowercase)
        {
            return cleaned.ToString();
        }

        return CanonicalDecomposition.StripAccents(UnicodeLowercase.ToLower(cleaned.ToString()));
    }

    /// <summary>Space, tab, newline, carriage return and the Unicode space/line/paragraph separators.</summary>
    public static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>ASCII punctuation (which includes symbols like $, +, ^) and every Unicode punctuation category.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        var value = rune.Value;
        if (value is >= 0x21 and <= 0x2F or >= 0x3A and <= 0x40 or >= 0x5B and <= 0x60 or >= 0x7B and <= 0x7E)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsControl(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false; // technically controls, but treated as whitespace
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    /// <summary>The CJK Unified Ideographs blocks BERT splits into single characters (not Hiragana/Katakana/Hangul).</summary>
    private static bool IsCjkIdeograph(int value) =>
        value is >= 0x4E00 and <= 0x9FFF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x20000 and <= 0x2A6DF
            or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F
            or >= 0x2B820 and <= 0x2CEAF
            or >= 0xF900 and <= 0xFAFF
            or >= 0x2F800 and <= 0x2FA1F;

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        Span<char> buffer = stackalloc char[2];
        builder.Append(buffer[..rune.EncodeToUtf16(buffer)]);
    }
}
