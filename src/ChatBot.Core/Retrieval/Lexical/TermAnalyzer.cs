using System.Globalization;
using System.Text;
using ChatBot.Unicode;

namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// Turns text into index terms the same way for passages and questions: runs of letters and digits, lower-cased,
/// accents removed from Latin letters ("Müller" = "muller"), then Porter-stemmed. Stop words and one-letter tokens count towards a
/// passage's length (BM25 needs the true length) but are never terms.
/// </summary>
public sealed class TermAnalyzer
{
    /// <summary>Calls <paramref name="onTerm"/> for every term of <paramref name="text"/>, in order; returns the token count.</summary>
    public int Analyze(string text, Action<string> onTerm, Func<string, string>? stem = null)
    {
        stem ??= PorterStemmer.Stem;
        var tokens = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                tokens++;
                var word = Fold(text.AsSpan(start, i - start));
                if (word.Length >= 2 && !StopWords.Contains(word))
                {
                    onTerm(stem(word));
                }

                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>Lower case without accents; ASCII words (nearly all of them) skip normalisation.</summary>
    private static string Fold(ReadOnlySpan<char> token)
    {
        var ascii = true;
        foreach (var c in token)
        {
            ascii &= c < 128;
        }

        Span<char> lower = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        token.ToLowerInvariant(lower);
        if (ascii)
        {
            return new string(lower);
        }

        // Only marks on Latin letters go: "й" is a letter of its own in Russian, not an accented "и".
        var folded = new StringBuilder(lower.Length);
        var baseIsLatin = false;
        foreach (var c in lower)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (!baseIsLatin)
                {
                    folded.Append(c);
                }

                continue;
            }

            baseIsLatin = c < '\u0250' || c is >= '\u1E00' and <= '\u1EFF';
            if (!baseIsLatin || c < 128)
            {
                folded.Append(c);
                continue;
            }

            foreach (var part in CanonicalDecomposition.Decompose(c.ToString()))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    folded.Append(part);
                }
            }
        }

        return folded.ToString();
    }
}
