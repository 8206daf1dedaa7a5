using System.Text;

namespace ChatBot.Core.Ingestion;

/// <summary>
/// Turns an article file's bytes into text only when the encoding is certain: a byte-order mark says which Unicode
/// encoding it is; without one the bytes must be valid UTF-8. Anything else — a binary file renamed to
/// <c>.txt</c>, a Latin-1 file — is refused with the reason, rather than indexed as replacement characters.
/// </summary>
public static class ArticleTextDecoder
{
    /// <summary>How much of the start is checked for NUL bytes, the mark of a binary file.</summary>
    private const int BinaryProbeLength = 8192;

    private static readonly (byte[] Mark, Encoding Encoding)[] ByteOrderMarks =
    [
        ([0xEF, 0xBB, 0xBF], new UTF8Encoding(false, throwOnInvalidBytes: true)),
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true)),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true)),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true)),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true)),
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <exception cref="InvalidDataException">The bytes are not text in a certain encoding; the message says why.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        foreach (var (mark, encoding) in ByteOrderMarks)
        {
            if (bytes.StartsWith(mark))
            {
                try
                {
                    return encoding.GetString(bytes[mark.Length..]);
                }
                catch (DecoderFallbackException)
                {
                    throw new InvalidDataException($"starts with a {encoding.WebName} byte-order mark but is not valid {encoding.WebName}");
                }
            }
        }

        if (bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0))
        {
            throw new InvalidDataException("binary file (it contains NUL bytes), not text");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException(
                "not UTF-8 text and no byte-order mark says which encoding it is (Latin-1?); save it as UTF-8");
        }
    }
}
