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

    /// <summary>A facet (obligations, scope, ...) is recognised when its cue words in the question weigh at least this.</summary>
    [Range(0.0, 1000.0)]
    public double FacetMinimumScore { get; set; } = 5.0;

    /// <summary>Below <see cref="MinimumScore"/>, topics scoring at least this may still be offered as a choice ...</summary>
    [Range(0.0, 1000.0)]
    public double MinimumCandidateScore { get; set; } = 2.0;

    /// <summary>... when at least this share of the question's content words are keywords or facet cues ("protection" alone: 1.0).</summary>
    [Range(0.0, 1.0)]
    public double WeakMatchCoverage { get; set; } = 0.5;

    /// <summary>A follow-up with no topic ("when was it adopted?") may carry at most this many words the bot does not know.</summary>
    [Range(0, 20)]
    public int FollowUpUnknownWords { get; set; } = 1;

    /// <summary>
    /// A keyword whose content words all occur near each other but not as the phrase ("children detained" for
    /// "detained children", "labour that is forced" for "forced labour") counts at this share of its weight; 0 turns it off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ScatteredPhraseFactor { get; set; } = 0.75;

    /// <summary>... when each of its other words is at most this many words (function words included) from its first: about a clause; wider windows joined unrelated words in tests ("civilians ... protected").</summary>
    [Range(1, 20)]
    public int ScatteredPhraseWindow { get; set; } = 3;

    /// <summary>Longest input matched, in characters; the rest is ignored (a 100 KB paste is not a question).</summary>
    [Range(16, 100_000)]
    public int MaxInputLength { get; set; } = 2_000;
}
