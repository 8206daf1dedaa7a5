namespace ChatBot.Core.Answers;

/// <summary>Answers a question from the articles, always with citations, or declines.</summary>
public interface IQuestionAnswerer
{
    /// <param name="question">Free text from a user; any input is accepted.</param>
    /// <param name="maxPassages">Upper bound on cited passages (the best one plus others nearly as good).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<Answer> AnswerAsync(string question, int maxPassages = 3, CancellationToken cancellationToken = default);
}
