using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

public enum MatchOutcome
{
    /// <summary>One node is clearly meant.</summary>
    Answer,

    /// <summary>Two or three topics are close: ask which one.</summary>
    Disambiguate,

    /// <summary>Nothing good: say so and offer the topic menu.</summary>
    Fallback,
}

/// <summary>Which stage decided the outcome.</summary>
public enum MatchPath
{
    /// <summary>The keyword tree (deterministic, explained by the matched terms).</summary>
    Keywords,

    /// <summary>The meaning-based second stage (explained by the closest example phrasing).</summary>
    Meaning,
}

/// <summary>A topic the question could be about, with its score.</summary>
public sealed record MatchCandidate(string TopicId, double Score);

/// <summary>
/// What the matcher made of a question. <see cref="Facet"/> is set when the question asks for a kind of
/// sub-question ("who does it apply to") even if it names no topic, so the dialog can answer it within the
/// topic already under discussion.
/// </summary>
public sealed record MatchResult(
    MatchOutcome Outcome,
    KnowledgeNode? Node,
    Facet? Facet,
    double Score,
    double Confidence,
    IReadOnlyList<string> MatchedTerms,
    IReadOnlyList<MatchCandidate> Candidates)
{
    public string? TopicId => Node?.TopicId;

    public MatchPath Via { get; init; } = MatchPath.Keywords;

    /// <summary>On a fallback: the nodes closest in meaning (one per topic, best first), offered but not claimed as the answer.</summary>
    public IReadOnlyList<KnowledgeNode> Suggestions { get; init; } = [];

    /// <summary>For an answer by meaning: the example phrasing the question was closest to ("matched because").</summary>
    public string? ClosestExample { get; init; }

    /// <summary>For a question in another language weighed by meaning: the English gloss the model read (what a glossary entry would change).</summary>
    public string? Gloss { get; init; }

    public static MatchResult Nothing(Facet? facet = null) =>
        new(MatchOutcome.Fallback, null, facet, 0, 0, [], []);
}
