using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Answers;

/// <summary>When a passage counts as an answer, and which others are worth citing beside it.</summary>
public sealed class AnswerOptions
{
    public const string SectionName = "Answers";

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

    /// <summary>
    /// How far enough lexical coverage lowers the similarity threshold, as a share of (1 − threshold): 0 means the
    /// words count for nothing once a model is loaded, 1 that they lower it to 2 × threshold − 1.
    /// </summary>
    [Range(0.0, 1.0)]
    public double LexicalSupport { get; set; } = 0.3;

    /// <summary>
    /// How far the similarity threshold rises, as a share of (1 − threshold), for a question with a content word that
    /// no article contains: 0.12 takes arctic-embed-xs's 0.65 to 0.692. Measured on tests/eval with arctic-embed-xs
    /// (README, Quality): the near-domain off-topic questions answered at 0.63–0.69 ("When did Abe resign?",
    /// "Where was Shinzo Abe shot?") all had such a word, and of the strict paraphrases answered in that band 4 cited
    /// the right passage and 7 a wrong one.
    /// </summary>
    [Range(0.0, 1.0)]
    public double UnseenTermMargin { get; set; } = 0.12;

    /// <summary>
    /// A passage from another article is cited beside the first only when its coverage and its similarity are each
    /// within this share of (1 − threshold) of the first's, and above both thresholds (see AnswerPolicy.AlsoAnswers).
    /// </summary>
    [Range(0.0, 1.0)]
    public double SecondaryMargin { get; set; } = 0.1;

    /// <summary>How many candidates retrieval considers before choosing what to cite.</summary>
    [Range(1, 1000)]
    public int CandidatePoolSize { get; set; } = 20;

    /// <summary>
    /// Use the model's answer calibration (three tiers: answered, closest passages, declined). False keeps the
    /// similarity-threshold rule (answered or declined), for comparison in eval.
    /// </summary>
    public bool Calibrated { get; set; } = true;
}
