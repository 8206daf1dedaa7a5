using System.Text.Json;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>One vocabulary entry: the piece text (with ▁ marking a word start) and its unigram log-probability.</summary>
public readonly record struct SentencePiece(string Text, double Score);

/// <summary>
/// A SentencePiece unigram vocabulary, as the TF.js Universal Sentence Encoder ships it: a JSON array of
/// <c>[piece, score]</c> pairs whose position is the token id (a null score reads as 0).
/// </summary>
public sealed class SentencePieceVocabulary
{
    public SentencePieceVocabulary(IReadOnlyList<SentencePiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0)
        {
            throw new ArgumentException("The vocabulary is empty.", nameof(pieces));
        }

        Pieces = pieces;
    }

    public IReadOnlyList<SentencePiece> Pieces { get; }

    public int Count => Pieces.Count;

    public SentencePiece this[int id] => Pieces[id];

    public static SentencePieceVocabulary Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    public static SentencePieceVocabulary Load(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        var pieces = new List<SentencePiece>(document.RootElement.GetArrayLength());
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() != 2)
            {
                throw new FormatException($"Vocabulary entry {pieces.Count} is not a [piece, score] pair.");
            }

            // The published USE vocabulary has null scores for a few pieces containing ':'. The reference
            // tokenizer adds them with JavaScript's `+`, where null counts as 0, so they load as 0 here.
            var score = entry[1].ValueKind == JsonValueKind.Null ? 0d : entry[1].GetDouble();
            pieces.Add(new SentencePiece(entry[0].GetString() ?? string.Empty, score));
        }

        return new SentencePieceVocabulary(pieces);
    }
}
