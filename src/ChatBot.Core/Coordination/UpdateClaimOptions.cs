using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Coordination;

/// <summary>How long a replica's claim on an update lasts without renewal ("Coordination" section).</summary>
public sealed class UpdateClaimOptions
{
    public const string SectionName = "Coordination";

    /// <summary>
    /// The lease of a claim; renewed every third of it while the answer is prepared. After a replica dies its update
    /// is taken over by the next delivery that arrives once this has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}
