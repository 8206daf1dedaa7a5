namespace ChatBot.Core.Retrieval;

/// <summary>
/// English function words plus the words people wrap a question in ("tell me about the article …"),
/// which match everything and answer nothing.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anything",
        "are", "article", "articles", "as", "at", "be", "because", "been", "before", "being", "below", "between",
        "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "down", "during", "each",
        "ever", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her", "here",
        "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "let", "like",
        "may", "me", "might", "more", "most", "much", "must", "my", "news", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "please", "same", "say", "says",
        "she", "should", "so", "some", "something", "such", "tell", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will",
        "with", "would", "you", "your", "yours", "s", "t", "re", "ve", "ll", "d", "don", "doesn", "didn",
        "isn", "wasn", "aren", "weren", "whats", "give", "show", "find", "explain", "describe",
    };

    public static bool Contains(string word) => Words.Contains(word);
}
