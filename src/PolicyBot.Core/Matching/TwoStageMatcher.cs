using System.Diagnostics;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Meaning;
using PolicyBot.Core.Telemetry;

namespace PolicyBot.Core.Matching;

/// <summary>
/// The keyword tree first, then meaning where the tree cannot be trusted alone: a miss gets the closest topics
/// as suggestions (or, when one node's example phrasing is clearly closest, an answer by meaning), and a weak
/// keyword answer that is far in meaning from its node becomes suggestions (the precision guard). A strong
/// keyword answer never pays for an embedding; a disambiguation may gain the topic closest in meaning. With the stage off or not loaded yet, every
/// outcome is the keyword tree's.
/// </summary>
public sealed class TwoStageMatcher : IQuestionMatcher
{
    private readonly IQuestionMatcher _keywords;
    private readonly MeaningStage _meaning;
    private readonly MeaningOptions _options;
    private readonly PolicyBotTelemetry? _telemetry;

    /// <param name="keywords">The keyword tree (possibly decorated, e.g. timed).</param>
    /// <param name="meaning">The meaning stage; off, loading or failed means the keyword tree's outcome, unchanged.</param>
    /// <param name="telemetry">Records how long the meaning stage took when a question reached it.</param>
    public TwoStageMatcher(IQuestionMatcher keywords, MeaningStage meaning, PolicyBotTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(meaning);
        _keywords = keywords;
        _meaning = meaning;
        _options = meaning.Options;
        _telemetry = telemetry;
    }

    public MatchResult Match(string question, KnowledgeBase knowledge, string language)
    {
        var keyword = _keywords.Match(question, knowledge, language);

        if (!NeedsMeaning(keyword) || _meaning.IndexFor(knowledge) is not { } index)
        {
            return keyword;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            // The model is English-only: a question in another language is weighed through its English gloss, when
            // the glossary knows enough of its words; otherwise it keeps the keyword tree's outcome.
            if (_meaning.EnglishText(question, knowledge, language) is not { } text || _meaning.Score(text, index) is not { } scores)
            {
                return keyword;
            }

            var result = keyword.Outcome switch
            {
                MatchOutcome.Answer => Guard(keyword, scores),
                MatchOutcome.Disambiguate => JoinDisambiguation(keyword, scores),
                _ => OnMiss(keyword, scores, knowledge),
            };
            return result.Via == MatchPath.Meaning && language != Languages.English ? result with { Gloss = text } : result;
        }
        finally
        {
            _telemetry?.RecordMeaningMatching(Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Whether a keyword outcome is one the meaning stage looks at (also what the benchmarks count).</summary>
    internal bool NeedsMeaning(MatchResult keyword) =>
        _options.Enabled && keyword.Outcome switch
        {
            MatchOutcome.Fallback => true,
            MatchOutcome.Answer => keyword.Score < _options.GuardBelowScore,
            MatchOutcome.Disambiguate => true,
            _ => false,
        };

    /// <summary>A weak keyword answer stands only if its topic is close in meaning and no out-of-scope phrasing is closer.</summary>
    private MatchResult Guard(MatchResult keyword, MeaningScores scores)
    {
        var topic = scores.Topics.FirstOrDefault(t => t.Node.TopicId == keyword.TopicId);
        var closeness = topic?.Similarity ?? 0;
        var farInMeaning = closeness < _options.GuardMinimum;
        var outOfScope = scores.ClosestOutOfScope is not null && scores.OutOfScope >= closeness + _options.GuardOutOfScopeMargin;
        if (!farInMeaning && !outOfScope)
        {
            return keyword;
        }

        return MatchResult.Nothing(keyword.Facet) with { Suggestions = Suggest(scores), Via = MatchPath.Meaning };
    }

    /// <summary>The topic closest in meaning joins the keyword tree's choices when it is clearly close and missing.</summary>
    private MatchResult JoinDisambiguation(MatchResult keyword, MeaningScores scores)
    {
        var topics = scores.Topics;
        var best = topics.Count > 0 ? topics[0] : null;
        if (best is null
            || keyword.Candidates.Any(c => c.TopicId == best.Node.TopicId)
            || best.Similarity < _options.JoinDisambiguationMinimum
            || best.Similarity - scores.OutOfScope < 2 * _options.GuardOutOfScopeMargin)
        {
            return keyword;
        }

        return keyword with { Candidates = [.. keyword.Candidates, new MatchCandidate(best.Node.TopicId, best.Similarity)], Via = MatchPath.Meaning };
    }

    private MatchResult OnMiss(MatchResult keyword, MeaningScores scores, KnowledgeBase knowledge)
    {
        var topics = scores.Topics;
        if (topics.Count == 0)
        {
            return keyword;
        }

        var best = topics[0];
        var runnerUp = topics.Count > 1 ? topics[1].Similarity : 0;
        var clearlyClosest = best.Closest.Kind == MeaningTextKind.Example
            && best.Similarity >= _options.AnswerMinimum
            && best.Similarity - runnerUp >= _options.AnswerMargin
            && best.Similarity - scores.OutOfScope >= _options.AnswerOutOfScopeMargin;
        if (clearlyClosest)
        {
            // "Who must ..." asked of a topic in other words: the topic's obligations node, as the keyword tree would.
            var node = keyword.Facet is { } facet && best.Node.IsTopic && knowledge.FindFacet(best.Node.TopicId, facet) is { } facetNode ? facetNode : best.Node;
            return new MatchResult(MatchOutcome.Answer, node, keyword.Facet, 0, best.Similarity, [], [new MatchCandidate(node.TopicId, best.Similarity)])
            {
                Via = MatchPath.Meaning,
                ClosestExample = best.Closest.Text,
            };
        }

        var suggestions = Suggest(scores);
        return suggestions.Count == 0 ? keyword : keyword with { Suggestions = suggestions, Via = MatchPath.Meaning };
    }

    /// <summary>The closest topics, unless the question is plainly closer to an out-of-scope phrasing (then they would be noise).</summary>
    private List<KnowledgeNode> Suggest(MeaningScores scores)
    {
        var topics = scores.Topics;
        if (topics.Count == 0 || scores.ClosestOutOfScope is not null && scores.OutOfScope >= topics[0].Similarity + _options.SuggestionOutOfScopeMargin)
        {
            return [];
        }

        return topics
            .Where(t => t.Similarity >= _options.SuggestionMinimum)
            .Take(_options.MaxSuggestions)
            .Select(t => t.Node)
            .ToList();
    }
}
