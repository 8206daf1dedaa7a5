using System.Text.Json.Serialization;

namespace ChatBot.Host.Bench;

/// <summary>Figures for one corpus size.</summary>
internal sealed record CorpusBench(
    [property: JsonPropertyName("passages")] int Passages,
    [property: JsonPropertyName("articles")] int Articles,
    [property: JsonPropertyName("ingest_seconds")] double IngestSeconds,
    [property: JsonPropertyName("ingest_passages_per_second")] double IngestPassagesPerSecond,
    [property: JsonPropertyName("ask_p50_ms")] double AskP50Ms,
    [property: JsonPropertyName("ask_p95_ms")] double AskP95Ms,
    [property: JsonPropertyName("cold_start_process_ms")] double? ColdStartProcessMs,
    [property: JsonPropertyName("cold_start_in_process_ms")] double ColdStartInProcessMs,
    [property: JsonPropertyName("index_bytes")] long IndexBytes,
    [property: JsonPropertyName("peak_memory_bytes")] long PeakMemoryBytes,
    [property: JsonPropertyName("retriever")] string Retriever)
{
    /// <summary><c>seeds</c> or <c>synthetic N</c>.</summary>
    [JsonPropertyName("corpus")]
    public string Corpus { get; init; } = "seeds";

    /// <summary>The store measured (<c>bench --storage</c>): sqlite, postgres or litedb.</summary>
    [JsonPropertyName("storage")]
    public string Storage { get; init; } = "sqlite";
}

/// <summary>
/// Embedding throughput of the same ONNX model, ours against onnxruntime-node (medians over alternating rounds):
/// on the same padded token-id batches (engine and binding), and our whole pipeline from text (tokenizing,
/// batching by length) against Node on those batches.
/// </summary>
internal sealed record EmbeddingThroughput(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("sentences")] int Sentences,
    [property: JsonPropertyName("batch_size")] int BatchSize,
    [property: JsonPropertyName("rounds")] int Rounds,
    [property: JsonPropertyName("ours_inference_per_second")] double OursInferencePerSecond,
    [property: JsonPropertyName("ours_pipeline_per_second")] double OursPipelinePerSecond,
    [property: JsonPropertyName("node_inference_per_second")] double? NodeInferencePerSecond,
    [property: JsonPropertyName("ratio_ours_to_node")] double? Ratio,
    [property: JsonPropertyName("ratio_pipeline_to_node")] double? PipelineRatio,
    [property: JsonPropertyName("node_note")] string? NodeNote);

internal sealed record BenchReport(
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("seed_corpus")] CorpusBench SeedCorpus,
    [property: JsonPropertyName("corpora")] IReadOnlyList<CorpusBench> Corpora,
    [property: JsonPropertyName("embedding")] EmbeddingThroughput? Embedding);
