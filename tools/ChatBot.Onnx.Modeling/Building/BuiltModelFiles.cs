using System.Security.Cryptography;
using System.Text.Json;

namespace ChatBot.Onnx.Modeling.Building;

/// <summary>The file handling every model builder shares: the up-to-date check against a manifest, and atomic writes.</summary>
internal static class BuiltModelFiles
{
    /// <summary>True when every file the manifest lists exists with the sha256 it records.</summary>
    public static async Task<bool> IsUpToDateAsync(string manifestPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        JsonDocument manifest;
        try
        {
            manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(manifestPath, cancellationToken));
        }
        catch (JsonException)
        {
            return false;
        }

        using var _ = manifest;
        if (!manifest.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
        {
            return false;
        }

        var directory = Path.GetDirectoryName(manifestPath)!;
        foreach (var file in files.EnumerateArray())
        {
            if (file.ValueKind != JsonValueKind.Object
                || !file.TryGetProperty("path", out var relative) || relative.GetString() is not { Length: > 0 } relativePath
                || !file.TryGetProperty("sha256", out var expected))
            {
                return false;
            }

            var path = Path.Combine(directory, relativePath);
            if (!File.Exists(path))
            {
                return false;
            }

            await using var stream = File.OpenRead(path);
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (!string.Equals(actual, expected.GetString(), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes to a temporary name first, so an interrupted build never leaves a half-written file behind.</summary>
    public static async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
