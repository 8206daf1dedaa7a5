namespace ChatBot.Core.Answers;

/// <summary>Why an answer got its tier: the rule that decided, the confidence estimates and every candidate's evidence.</summary>
/// <param name="Rule">"calibrated", "threshold" (no calibration for the model) or the reason for a decline before any estimate.</param>
/// <param name="TopOne">P(the first passage answers), when calibrated.</param>
/// <param name="TopThree">P(an answering passage among the first three), when calibrated.</param>
/// <param name="Features">The confidence features, named as in <see cref="Calibration.ConfidenceFeatures.Names"/>.</param>
/// <param name="Candidates">The ranked candidates with their evidence.</param>
public sealed record AnswerDiagnostics(
    string Rule,
    double? TopOne,
    double? TopThree,
    IReadOnlyDictionary<string, double>? Features,
    IReadOnlyList<CandidateEvidence> Candidates);

/// <summary>One ranked candidate's evidence.</summary>
public sealed record CandidateEvidence(
    long PassageId, string ArticleId, double RankScore, double? Similarity, double Coverage, double? MaxSim, double? Peakedness);
