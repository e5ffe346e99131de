using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Core.Meaning;

/// <summary>
/// The meaning-based second stage (<c>Matching:Semantic:*</c>). Similarities are cosines between sentence
/// vectors (1 = same meaning). The defaults were tuned on the public sets and held-out lines; see
/// benchmarks/README.md ("Meaning stage") for how each one moves the figures.
/// </summary>
public sealed class MeaningOptions
{
    public const string SectionName = "Matching:Semantic";

    /// <summary>Off: the keyword tree alone, exactly as without the stage.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A question this close to one node's example phrasing may be answered by meaning alone...</summary>
    [Range(0.0, 1.0)]
    public double AnswerMinimum { get; set; } = 0.72;

    /// <summary>... when it is this far ahead of every other topic...</summary>
    [Range(0.0, 1.0)]
    public double AnswerMargin { get; set; } = 0.08;

    /// <summary>... and this far ahead of every out-of-scope example (near-domain questions sound alike).</summary>
    [Range(0.0, 1.0)]
    public double AnswerOutOfScopeMargin { get; set; } = 0.15;

    /// <summary>
    /// When the keyword tree asks which topic is meant and the topic closest in meaning is not among its choices, that
    /// topic joins them if it is at least this close (and ahead of every out-of-scope phrasing by the guard's margin
    /// doubled): a question naming several strands may be about the umbrella above them.
    /// </summary>
    [Range(0.0, 1.0)]
    public double JoinDisambiguationMinimum { get; set; } = 0.6;

    /// <summary>On a miss, topics at least this close are offered as "Closest to your question".</summary>
    [Range(0.0, 1.0)]
    public double SuggestionMinimum { get; set; } = 0.3;

    [Range(0, 3)]
    public int MaxSuggestions { get; set; } = 3;

    /// <summary>No suggestions when an out-of-scope example is closer than the best topic by at least this much.</summary>
    [Range(0.0, 1.0)]
    public double SuggestionOutOfScopeMargin { get; set; } = 0.05;

    /// <summary>A keyword answer scoring below this rests on weak or context words: its meaning is checked.</summary>
    [Range(0.0, 1000.0)]
    public double GuardBelowScore { get; set; } = 10.0;

    /// <summary>A weak keyword answer whose topic is less close than this becomes suggestions...</summary>
    [Range(0.0, 1.0)]
    public double GuardMinimum { get; set; } = 0.2;

    /// <summary>... and so does one whose question is closer to an out-of-scope example by at least this much.</summary>
    [Range(0.0, 1.0)]
    public double GuardOutOfScopeMargin { get; set; } = 0.05;

    /// <summary>
    /// A question in another language (French) is weighed through its English gloss (knowledge/glossary.yaml) only
    /// when the glossary knows at least this share of its content words; below it, the gloss is mostly untranslated
    /// words and the keyword tree's outcome stands.
    /// </summary>
    [Range(0.0, 1.0)]
    public double GlossMinimumCoverage { get; set; } = 0.5;

    /// <summary>
    /// Vectors of recent questions, keyed by a hash of the text (no question text is kept): a question asked again
    /// costs a look-up instead of a model run. Emptied when full; 0 turns it off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int QuestionCacheSize { get; set; } = 4_096;

    /// <summary>Where vectors of the knowledge texts are cached between restarts; empty = the system temp folder.</summary>
    public string CachePath { get; set; } = string.Empty;

    public string ResolvedCachePath =>
        CachePath.Length > 0 ? Path.GetFullPath(CachePath) : Path.Combine(Path.GetTempPath(), "policybot", "meaning-cache");
}
