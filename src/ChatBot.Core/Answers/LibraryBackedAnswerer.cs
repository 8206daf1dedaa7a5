using ChatBot.Core.Ingestion;

namespace ChatBot.Core.Answers;

/// <summary>
/// The answerer every front end uses: makes sure the library has been synced with the seeds folder before the
/// first question, so any verb works on a fresh clone.
/// </summary>
public sealed class LibraryBackedAnswerer(ArticleLibrary library, QuestionAnswerer answerer) : IQuestionAnswerer
{
    public async Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default)
    {
        await library.EnsureCurrentAsync(cancellationToken);
        return await answerer.AnswerAsync(question, maxPassages, cancellationToken);
    }
}
