using ChatBot.Core.Ingestion;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Host.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Host.Tests;

public sealed class ModelSetupLogTests
{
    [Fact]
    public void Extraction_goes_to_the_progress_display_in_mebibytes_not_to_warnings()
    {
        var sink = new RecordingSink();
        var log = new ModelSetupLog(NullLogger<ModelSetupLog>.Instance, sink);

        log.Report(new ModelSetupProgress("arctic-embed-xs", "model.onnx", ModelSetupStage.Extracting, 10L << 20, 90_387_631));
        log.Report(new ModelSetupProgress("arctic-embed-xs", "model.onnx", ModelSetupStage.Extracting, 90_387_631, 90_387_631));
        log.Report(new ModelSetupProgress("arctic-embed-xs", "model.onnx", ModelSetupStage.Verified, 90_387_631, 90_387_631));

        Assert.Equal(
            [new IngestProgress("extracting arctic-embed-xs/model.onnx", 10, 86, "MiB"), new IngestProgress("extracting arctic-embed-xs/model.onnx", 86, 86, "MiB")],
            sink.Reports);
    }

    private sealed class RecordingSink : IIngestProgressSink
    {
        public List<IngestProgress> Reports { get; } = [];

        public void Report(IngestProgress value) => Reports.Add(value);
    }
}
