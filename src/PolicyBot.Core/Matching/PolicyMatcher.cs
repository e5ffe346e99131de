using Microsoft.Extensions.Options;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>
/// The keyword matcher, in three jobs: <see cref="HitFinder"/> finds the keywords, near-miss phrases and facet cues
/// in the question (normalise → words → stems → synonyms → phrases from the inverted index of the question's
/// language: its keywords, synonyms and facet cues, analysed by its <see cref="WordAnalyzer"/>); <see cref="HitSelector"/>
/// chooses the best set of non-overlapping hits per topic and adds them up; <see cref="OutcomeDecider"/> turns the
/// scores into an answer, a question of which topic is meant, or a fallback.
/// <para>
/// Deterministic (ties go to menu order), thread-safe (the index is immutable, the working buffers,
/// <see cref="MatchScratch"/>, are per thread) and allocation-light: only the result is allocated. Misspelt words
/// matched through typo tolerance weigh a quarter less; a keyword whose words are all in the question near each
/// other, but apart or in another order, counts at a discount (<see cref="MatcherOptions.ScatteredPhraseFactor"/>).
/// </para>
/// </summary>
public sealed class PolicyMatcher : IQuestionMatcher
{
    private readonly MatcherOptions _options;
    private readonly OutcomeDecider _decider;

    public PolicyMatcher(IOptions<MatcherOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _decider = new OutcomeDecider(_options);
    }

    public static PolicyMatcher Create(MatcherOptions? options = null) => new(Options.Create(options ?? new MatcherOptions()));

    public MatchResult Match(string question, KnowledgeBase knowledge, string language)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (string.IsNullOrEmpty(question))
        {
            return MatchResult.Nothing();
        }

        var index = MatcherIndex.For(knowledge, language);
        var input = question.AsSpan(0, Math.Min(question.Length, _options.MaxInputLength));
        var scratch = MatchScratch.For(input.Length);

        var found = HitFinder.Find(index, input, _options, scratch);
        HitSelector.Select(found.Hits, found.Tokens.Length, scratch);
        var topics = HitSelector.ScoreTopics(found.Hits, scratch);
        var facet = HitSelector.BestFacet(found.Hits, _options.FacetMinimumScore);
        return _decider.Decide(new Evidence(index, knowledge, found, topics, facet, scratch.Explained));
    }
}
