using ChatBot.Core.Ingestion;
using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.Logging;

namespace ChatBot.Host.Embeddings;

/// <summary>
/// Renders model set-up: extracting a file from its package is long work, so it goes to the same progress display as
/// ingestion (a bar on a terminal, "progress: …" lines when redirected); the short steps are log lines.
/// </summary>
internal sealed class ModelSetupLog(ILogger<ModelSetupLog> logger, IIngestProgressSink progress) : IProgress<ModelSetupProgress>
{
    private const long Mebibyte = 1 << 20;

    public void Report(ModelSetupProgress value)
    {
        switch (value.Stage)
        {
            case ModelSetupStage.Extracting:
                // The display draws at most ten times a second and keeps quiet for work under a second.
                progress.Report(new IngestProgress(
                    $"extracting {value.Model}/{value.File}",
                    (int)(value.Bytes / Mebibyte),
                    (int)(Math.Max(value.TotalBytes, value.Bytes) / Mebibyte),
                    "MiB"));
                break;
            case ModelSetupStage.Verifying:
                logger.LogInformation("Verifying {Model}/{File} ({Bytes:N0} bytes) against its pinned sha256", value.Model, value.File, value.TotalBytes);
                break;
            case ModelSetupStage.Verified:
                logger.LogInformation("{Model}/{File}: verified ({Bytes:N0} bytes)", value.Model, value.File, value.Bytes);
                break;
            case ModelSetupStage.Loading:
                logger.LogInformation("Opening {Model} with ONNX Runtime", value.Model);
                break;
            case ModelSetupStage.Ready:
                logger.LogInformation("Embedding model {Model} ready", value.Model);
                break;
        }
    }
}
