namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// The Porter (1980) suffix-stripping stemmer, so "discussing", "discussed" and "discussion" meet at one index term.
/// Only words of lowercase ASCII letters are stemmed; anything else (digits, other scripts) is returned unchanged,
/// as is every word of one or two letters.
/// </summary>
public static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 2 || !IsLowercaseAscii(word))
        {
            return word;
        }

        Span<char> buffer = stackalloc char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var length = Step1A(buffer, word.Length);
        length = Step1B(buffer, length);
        length = Step1C(buffer, length);
        length = ApplyLongestRule(buffer, length, Step2Rules, minMeasure: 0);
        length = ApplyLongestRule(buffer, length, Step3Rules, minMeasure: 0);
        length = Step4(buffer, length);
        length = Step5(buffer, length);
        return buffer[..length].SequenceEqual(word) ? word : new string(buffer[..length]);
    }

    private static bool IsLowercaseAscii(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static int Step1A(Span<char> w, int length)
    {
        var word = w[..length];
        if (word.EndsWith("sses") || word.EndsWith("ies"))
        {
            return length - 2;
        }

        return word.EndsWith("ss") || !word.EndsWith("s") ? length : length - 1;
    }

    private static int Step1B(Span<char> w, int length)
    {
        var word = w[..length];
        if (word.EndsWith("eed"))
        {
            return Measure(w[..(length - 3)]) > 0 ? length - 1 : length;
        }

        int stem;
        if (word.EndsWith("ed"))
        {
            stem = length - 2;
        }
        else if (word.EndsWith("ing"))
        {
            stem = length - 3;
        }
        else
        {
            return length;
        }

        if (!ContainsVowel(w[..stem]))
        {
            return length;
        }

        // The stem lost "ed"/"ing"; tidy its ending so "hoping" and "hope" agree.
        var cut = w[..stem];
        if (cut.EndsWith("at") || cut.EndsWith("bl") || cut.EndsWith("iz"))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        if (EndsWithDoubleConsonant(cut) && cut[^1] is not ('l' or 's' or 'z'))
        {
            return stem - 1;
        }

        if (Measure(cut) == 1 && EndsConsonantVowelConsonant(cut))
        {
            w[stem] = 'e';
            return stem + 1;
        }

        return stem;
    }

    private static int Step1C(Span<char> w, int length)
    {
        if (w[length - 1] == 'y' && ContainsVowel(w[..(length - 1)]))
        {
            w[length - 1] = 'i';
        }

        return length;
    }

    /// <summary>Steps 2 and 3: only the longest matching suffix is considered, whether or not its condition holds.</summary>
    private static int ApplyLongestRule(Span<char> w, int length, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        var word = w[..length];
        var best = -1;
        for (var i = 0; i < rules.Length; i++)
        {
            if (word.EndsWith(rules[i].Suffix) && (best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return length;
        }

        var (suffix, replacement) = rules[best];
        var stem = length - suffix.Length;
        if (Measure(w[..stem]) <= minMeasure)
        {
            return length;
        }

        replacement.AsSpan().CopyTo(w[stem..]);
        return stem + replacement.Length;
    }

    private static int Step4(Span<char> w, int length)
    {
        var word = w[..length];
        string? longest = null;
        foreach (var suffix in Step4Suffixes)
        {
            if (word.EndsWith(suffix) && (longest is null || suffix.Length > longest.Length))
            {
                longest = suffix;
            }
        }

        if (longest is null)
        {
            return length;
        }

        var stem = length - longest.Length;
        if (Measure(w[..stem]) <= 1)
        {
            return length;
        }

        // "-ion" goes only after s or t ("adoption" → "adopt", but "onion" keeps it).
        return longest != "ion" || (stem > 0 && w[stem - 1] is 's' or 't') ? stem : length;
    }

    private static int Step5(Span<char> w, int length)
    {
        if (w[length - 1] == 'e')
        {
            var stem = w[..(length - 1)];
            var measure = Measure(stem);
            if (measure > 1 || (measure == 1 && !EndsConsonantVowelConsonant(stem)))
            {
                length--;
            }
        }

        return length > 1 && w[length - 1] == 'l' && EndsWithDoubleConsonant(w[..length]) && Measure(w[..length]) > 1
            ? length - 1
            : length;
    }

    /// <summary>A consonant is a letter other than a e i o u, and other than y after a consonant.</summary>
    private static bool IsConsonant(ReadOnlySpan<char> word, int i) => word[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(word, i - 1),
        _ => true,
    };

    /// <summary>m in [C](VC)^m[V]: the number of vowel-consonant sequences.</summary>
    private static int Measure(ReadOnlySpan<char> word)
    {
        var measure = 0;
        var i = 0;
        while (i < word.Length && IsConsonant(word, i))
        {
            i++;
        }

        while (i < word.Length)
        {
            while (i < word.Length && !IsConsonant(word, i))
            {
                i++;
            }

            if (i == word.Length)
            {
                break;
            }

            measure++;
            while (i < word.Length && IsConsonant(word, i))
            {
                i++;
            }
        }

        return measure;
    }

    private static bool ContainsVowel(ReadOnlySpan<char> word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (!IsConsonant(word, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDoubleConsonant(ReadOnlySpan<char> word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    /// <summary>*o: ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow").</summary>
    private static bool EndsConsonantVowelConsonant(ReadOnlySpan<char> word) =>
        word.Length >= 3
        && IsConsonant(word, word.Length - 3) && !IsConsonant(word, word.Length - 2) && IsConsonant(word, word.Length - 1)
        && word[^1] is not ('w' or 'x' or 'y');
}
