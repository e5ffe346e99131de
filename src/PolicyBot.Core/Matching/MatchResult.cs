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

    public static MatchResult Nothing(Facet? facet = null) =>
        new(MatchOutcome.Fallback, null, facet, 0, 0, [], []);
}
