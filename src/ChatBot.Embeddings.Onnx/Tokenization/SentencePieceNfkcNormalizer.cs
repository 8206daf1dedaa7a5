using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ChatBot.Embeddings.Onnx.Tokenization;

/// <summary>
/// Unicode NFKC normalization, which the SentencePiece tokenizer applies before anything else.
/// The app runs with InvariantGlobalization, where <see cref="string.Normalize(NormalizationForm)"/> leaves
/// non-ASCII text unchanged; in that case this calls the system ICU library (the same code JavaScript's
/// <c>String.prototype.normalize</c> runs in Node), loaded once per instance.
/// </summary>
internal sealed unsafe class SentencePieceNfkcNormalizer
{
    private const int BufferOverflowError = 15;

    private readonly nint _icuNormalizer;
    private readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> _normalize;

    private SentencePieceNfkcNormalizer(nint icuNormalizer, delegate* unmanaged<nint, char*, int, char*, int, int*, int> normalize)
    {
        _icuNormalizer = icuNormalizer;
        _normalize = normalize;
    }

    /// <summary>Uses .NET's own normalization when it works (globalization enabled), ICU otherwise.</summary>
    public static SentencePieceNfkcNormalizer Create()
    {
        // U+FF21 (fullwidth A) is "A" under NFKC; invariant mode would return it unchanged.
        if (string.Equals("\uFF21".Normalize(NormalizationForm.FormKC), "A", StringComparison.Ordinal))
        {
            return new SentencePieceNfkcNormalizer(0, null);
        }

        return LoadIcu() ?? throw new PlatformNotSupportedException(
            "NFKC normalization needs ICU: install libicu (e.g. apt-get install libicu72) or run without InvariantGlobalization.");
    }

    public string Normalize(string text)
    {
        if (_normalize is null)
        {
            return text.Normalize(NormalizationForm.FormKC);
        }

        if (text.Length == 0)
        {
            return text;
        }

        // NFKC can expand text (e.g. U+FDFA becomes 18 characters); retry once with the size ICU asks for.
        var capacity = (text.Length * 3) + 16;
        while (true)
        {
            var buffer = new char[capacity];
            var error = 0;
            int length;
            fixed (char* source = text)
            fixed (char* destination = buffer)
            {
                length = _normalize(_icuNormalizer, source, text.Length, destination, capacity, &error);
            }

            if (error == BufferOverflowError && length > capacity)
            {
                capacity = length;
                continue;
            }

            if (error > 0)
            {
                throw new InvalidOperationException($"ICU unorm2_normalize failed with error {error}.");
            }

            return new string(buffer, 0, length);
        }
    }

    private static SentencePieceNfkcNormalizer? LoadIcu()
    {
        // ICU suffixes its exports with the major version (unorm2_normalize_72); try the plain name too.
        for (var version = 90; version >= 50; version--)
        {
            if (!NativeLibrary.TryLoad($"libicuuc.so.{version}", out var library))
            {
                continue;
            }

            foreach (var suffix in new[] { "_" + version.ToString(CultureInfo.InvariantCulture), string.Empty })
            {
                if (NativeLibrary.TryGetExport(library, "unorm2_getNFKCInstance" + suffix, out var getInstance)
                    && NativeLibrary.TryGetExport(library, "unorm2_normalize" + suffix, out var normalize))
                {
                    var error = 0;
                    var instance = ((delegate* unmanaged<int*, nint>)getInstance)(&error);
                    if (error <= 0 && instance != 0)
                    {
                        return new SentencePieceNfkcNormalizer(instance, (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)normalize);
                    }
                }
            }
        }

        return null;
    }
}
