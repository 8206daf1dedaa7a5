using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Answers;

/// <summary>When a passage counts as an answer, and which others are worth citing beside it.</summary>
public sealed class AnswerOptions
{
    public const string Section = "Answers";

    /// <summary>
    /// Minimum IDF-weighted share of the question's content words that the passage must contain to be cited on
    /// lexical evidence alone. Calibrated on tests/eval/questions.jsonl (see README).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinLexicalCoverage { get; set; } = 0.45;

    /// <summary>
    /// Cosine similarity at or above which a passage answers on semantic evidence. Null means "use the embedding
    /// model's own calibrated threshold from its manifest".
    /// </summary>
    [Range(-1.0, 1.0)]
    public double? MinDenseSimilarity { get; set; }

    /// <summary>Extra passages from other articles are cited when their rank score is at least this share of the best.</summary>
    [Range(0.0, 1.0)]
    public double NearlyAsGood { get; set; } = 0.8;

    /// <summary>How many candidates retrieval considers before choosing what to cite.</summary>
    [Range(1, 1000)]
    public int CandidatePoolSize { get; set; } = 20;
}
