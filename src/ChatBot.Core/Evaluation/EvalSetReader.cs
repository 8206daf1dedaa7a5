using System.Text.Json;

namespace ChatBot.Core.Evaluation;

/// <summary>Reads JSON-lines eval sets; a bad line is reported with its line number, not skipped.</summary>
public sealed class EvalSetReader
{
    public async Task<IReadOnlyList<EvalQuestion>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var questions = new List<EvalQuestion>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var question = JsonSerializer.Deserialize<EvalQuestion>(line);
                if (question?.Question is null || question.ExpectArticles is null || question.ExpectAny is null)
                {
                    throw new JsonException("needs \"question\", \"expect_articles\" and \"expect_any\"");
                }

                questions.Add(question);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {ex.Message}", ex);
            }
        }

        return questions;
    }
}
