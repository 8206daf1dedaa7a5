namespace ChatBot.Core.Ingestion;

/// <summary>How far a stage of long work (reading articles, embedding passages) has got.</summary>
/// <param name="Stage">What is being done, e.g. "articles" or "embedding".</param>
/// <param name="Done">Items finished.</param>
/// <param name="Total">Items in the stage.</param>
/// <param name="Unit">What the items are, e.g. "files" or "passages".</param>
public sealed record IngestProgress(string Stage, int Done, int Total, string Unit);

/// <summary>
/// Where ingestion reports its progress. The default does nothing; a front end (the console host) shows a bar on a
/// terminal or periodic lines when redirected.
/// </summary>
public interface IIngestProgressSink : IProgress<IngestProgress>;

/// <summary>Progress reported to nobody: for tests and embedded use.</summary>
public sealed class SilentIngestProgress : IIngestProgressSink
{
    public void Report(IngestProgress value)
    {
    }
}
