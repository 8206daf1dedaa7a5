using System.Text;

namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>Just enough protobuf encoding (varints and length-delimited fields) to hand-write small ONNX models.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public void Varint(int field, long value)
    {
        WriteRawVarint((ulong)((field << 3) | 0));
        WriteRawVarint((ulong)value);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Message(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        Bytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Bytes(int field, byte[] bytes)
    {
        WriteRawVarint((ulong)((field << 3) | 2));
        WriteRawVarint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
