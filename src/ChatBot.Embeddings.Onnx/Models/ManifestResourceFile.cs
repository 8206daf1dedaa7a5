using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// Reads manifest resources embedded in an assembly file with System.Reflection.Metadata: only the PE headers and
/// the metadata tables are parsed, the assembly is never loaded, so none of its code can run.
/// </summary>
public sealed class ManifestResourceFile : IDisposable
{
    private readonly FileStream _file;
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);

    public ManifestResourceFile(string assemblyPath)
    {
        _file = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            using var pe = new PEReader(_file, PEStreamOptions.LeaveOpen);
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is not { } cor || !pe.PEHeaders.TryGetDirectoryOffset(cor.ResourcesDirectory, out var directory))
            {
                throw new InvalidDataException($"{assemblyPath} is not a .NET assembly with embedded resources.");
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                // A nil implementation means the resource lives in this file, at this offset of the resources directory.
                if (resource.Implementation.IsNil)
                {
                    _offsets[metadata.GetString(resource.Name)] = directory + resource.Offset;
                }
            }
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public IReadOnlyCollection<string> Names => _offsets.Keys;

    /// <summary>Copies one resource to <paramref name="destination"/>, reporting the bytes copied so far and its length; returns its length.</summary>
    public async Task<long> CopyToAsync(
        string name, Stream destination, IProgress<(long Done, long Total)>? copied = null, CancellationToken cancellationToken = default)
    {
        if (!_offsets.TryGetValue(name, out var offset))
        {
            throw new InvalidDataException($"{_file.Name} has no resource '{name}' (it has: {string.Join(", ", _offsets.Keys)}).");
        }

        // ECMA-335 II.24.2.4: each resource is a 4-byte little-endian length followed by its bytes.
        var header = new byte[4];
        _file.Position = offset;
        await _file.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (offset + 4 + length > _file.Length)
        {
            throw new InvalidDataException($"{_file.Name}: resource '{name}' claims {length} bytes, past the end of the file.");
        }

        var buffer = new byte[1 << 20];
        long done = 0;
        while (done < length)
        {
            var read = await _file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"{_file.Name}: resource '{name}' ends early.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            done += read;
            copied?.Report((done, length));
        }

        return length;
    }

    public void Dispose() => _file.Dispose();
}
