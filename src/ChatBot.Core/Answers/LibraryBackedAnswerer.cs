using ChatBot.Core.Ingestion;
using ChatBot.Core.Retrieval;

namespace ChatBot.Core.Answers;

/// <summary>
/// The answerer every front end uses: makes sure the library has been synced with the seeds folder before the
/// first question, so any verb works on a fresh clone. On that first question the retriever loads its indexes and
/// model on another thread while the folder is checked, since neither waits for the other on a warm index.
/// </summary>
public sealed class LibraryBackedAnswerer(ArticleLibrary library, IPassageRetriever retriever, QuestionAnswerer answerer) : IQuestionAnswerer
{
    private int _warmUpStarted;

    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        var warmUp = Interlocked.Exchange(ref _warmUpStarted, 1) == 0
            ? Task.Run(() => retriever.WarmUpAsync(cancellationToken), cancellationToken)
            : Task.CompletedTask;
        await library.EnsureCurrentAsync(cancellationToken);
        await warmUp;
        return await answerer.AnswerAsync(question, maxPassages, cancellationToken);
    }
}
