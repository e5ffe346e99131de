using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Core.Matching;

/// <summary>Thresholds of the matcher (configuration section "Matching").</summary>
public sealed class MatcherOptions
{
    public const string SectionName = "Matching";

    /// <summary>Below this score nothing is answered: the fallback.</summary>
    [Range(0.0, 1000.0)]
    public double MinimumScore { get; set; } = 6.0;

    /// <summary>A runner-up within this ratio of the best score makes the question ambiguous (0.8 = within 20%).</summary>
    [Range(0.0, 1.0)]
    public double AmbiguityRatio { get; set; } = 0.8;

    /// <summary>At most this many candidates are offered when asking which topic is meant.</summary>
    [Range(2, 6)]
    public int MaxCandidates { get; set; } = 3;

    /// <summary>Longest input matched, in characters; the rest is ignored (a 100 KB paste is not a question).</summary>
    [Range(16, 100_000)]
    public int MaxInputLength { get; set; } = 2_000;
}
