using ChatBot.Embeddings.Onnx.Models;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Embeddings.Onnx.Embeddings;

/// <summary>
/// The manifest's input names the graph really declares: input ids always; the attention mask and token type ids
/// only when the graph has them (some exports drop token_type_ids). Builds one padded batch's inputs from them.
/// </summary>
public sealed record FedInputs(string InputIds, string? AttentionMask, string? TokenTypeIds)
{
    public static FedInputs Of(ModelManifest manifest, InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(session);
        var declared = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
        return new FedInputs(
            manifest.Inputs.InputIds,
            manifest.Inputs.AttentionMask is { } mask && declared.Contains(mask) ? mask : null,
            manifest.Inputs.TokenTypeIds is { } types && declared.Contains(types) ? types : null);
    }

    /// <summary>
    /// ONNX Runtime values over <paramref name="ids"/> and <paramref name="mask"/> ([rows, tokens], read in place,
    /// not copied); token types are all 0 (single-sentence input). Dispose the result after the run.
    /// </summary>
    public BatchInputs Create(long[] ids, long[] mask, int rows, int tokens)
    {
        long[] shape = [rows, tokens];
        var inputs = new BatchInputs();
        try
        {
            inputs.Add(InputIds, OrtValue.CreateTensorValueFromMemory(ids, shape));
            if (AttentionMask is not null)
            {
                inputs.Add(AttentionMask, OrtValue.CreateTensorValueFromMemory(mask, shape));
            }

            if (TokenTypeIds is not null)
            {
                inputs.Add(TokenTypeIds, OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape));
            }

            return inputs;
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }
}

/// <summary>Named input values of one run; disposing releases them.</summary>
public sealed class BatchInputs : IDisposable
{
    private readonly List<string> _names = new(3);
    private readonly List<OrtValue> _values = new(3);

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<OrtValue> Values => _values;

    /// <summary>Runs <paramref name="session"/> on these inputs for one output.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(InferenceSession session, RunOptions runOptions, string output)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Run(runOptions, _names, _values, [output]);
    }

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }
    }

    internal void Add(string name, OrtValue value)
    {
        _names.Add(name);
        _values.Add(value);
    }
}
