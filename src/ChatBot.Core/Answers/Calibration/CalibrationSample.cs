namespace ChatBot.Core.Answers.Calibration;

/// <summary>One eval question as calibration sees it: its confidence features and whether the ranking was right.</summary>
/// <param name="Group">Which fold it belongs to (the expected article; off-topic questions are spread over the folds).</param>
/// <param name="Answerable">False for an off-topic question (the articles do not answer it).</param>
public sealed record CalibrationSample(double[] Features, bool TopOneRight, bool TopThreeRight, string Group, bool Answerable);
