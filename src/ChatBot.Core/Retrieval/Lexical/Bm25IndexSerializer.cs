using System.Runtime.InteropServices;
using System.Text;

namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>
/// Saves and loads a <see cref="Bm25Index"/> as one binary snapshot, so a new process reads its index in
/// milliseconds instead of re-analysing every passage. Arrays are written raw (little-endian); a snapshot from
/// another format version or byte order is reported as unreadable and the caller rebuilds.
/// </summary>
public static class Bm25IndexSerializer
{
    private const int Magic = 0x35324D42; // "BM25"
    private const int FormatVersion = 1;

    public static void Write(Bm25Index index, Stream stream)
    {
        var data = index.Data;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(BitConverter.IsLittleEndian);
        writer.Write(index.Generation);
        writer.Write(data.PassageIds.Length);
        writer.Write(data.Articles.Length);
        writer.Write(data.Terms.Length);
        writer.Write(data.PostingRows.Length);
        foreach (var article in data.Articles)
        {
            writer.Write(article);
        }

        foreach (var term in data.Terms)
        {
            writer.Write(term);
        }

        writer.Write(MemoryMarshal.AsBytes(data.PassageIds.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(data.ArticleOfRow.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(data.Lengths.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(data.PostingStarts.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(data.PostingRows.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(data.PostingFrequencies.AsSpan()));
    }

    /// <summary>The index, or null when the snapshot is of another format version or byte order.</summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged.</exception>
    public static Bm25Index? Read(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException("Not a BM25 index snapshot.");
            }

            if (reader.ReadInt32() != FormatVersion || reader.ReadBoolean() != BitConverter.IsLittleEndian)
            {
                return null;
            }

            var generation = reader.ReadInt64();
            var passages = NonNegative(reader.ReadInt32());
            var articleCount = NonNegative(reader.ReadInt32());
            var termCount = NonNegative(reader.ReadInt32());
            var postings = NonNegative(reader.ReadInt32());
            var articles = new string[articleCount];
            for (var i = 0; i < articles.Length; i++)
            {
                articles[i] = reader.ReadString();
            }

            var terms = new string[termCount];
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = reader.ReadString();
            }

            return new Bm25Index(generation, new Bm25IndexData(
                ReadArray<long>(stream, passages),
                ReadArray<int>(stream, passages),
                articles,
                ReadArray<int>(stream, passages),
                terms,
                ReadArray<int>(stream, termCount + 1),
                ReadArray<int>(stream, postings),
                ReadArray<ushort>(stream, postings)));
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("BM25 index snapshot is truncated.", ex);
        }
    }

    private static int NonNegative(int value) =>
        value >= 0 ? value : throw new InvalidDataException("BM25 index snapshot has a negative count.");

    private static T[] ReadArray<T>(Stream stream, int length)
        where T : struct
    {
        var array = new T[length];
        stream.ReadExactly(MemoryMarshal.AsBytes(array.AsSpan()));
        return array;
    }
}
