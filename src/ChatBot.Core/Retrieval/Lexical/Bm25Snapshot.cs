using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Retrieval.Lexical;

/// <summary>The saved form of the BM25 index as every store keeps it: one serialised BLOB tagged with its generation.</summary>
public static class Bm25Snapshot
{
    /// <summary>The index read from <paramref name="stream"/>, or null (logged) when it is damaged or of another generation.</summary>
    public static Bm25Index? Read(Stream stream, long generation, ILogger logger)
    {
        try
        {
            var index = Bm25IndexSerializer.Read(stream);
            return index?.Generation == generation ? index : null;
        }
        catch (InvalidDataException ex)
        {
            logger.LogWarning(ex, "The saved BM25 index is damaged; rebuilding it from the passages");
            return null;
        }
    }

    public static byte[] Write(Bm25Index index)
    {
        using var buffer = new MemoryStream();
        Bm25IndexSerializer.Write(index, buffer);
        return buffer.ToArray();
    }
}
