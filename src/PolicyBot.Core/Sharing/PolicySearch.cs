using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Core.Sharing;

/// <summary>
/// Ranks the topics and sub-questions for a search (Teams' message extension), with the matcher that answers the
/// chat: the node the question would be answered with first, its topic, the other topics the question could be
/// about, then, when the keywords explain too little, the nodes closest in meaning (a French search through its
/// English gloss); the best
/// topic's own sub-questions fill the rest, so a search for a policy lists what can be shared about it. An empty
/// search lists the topics in menu order.
/// </summary>
public sealed class PolicySearch
{
    /// <summary>Teams shows up to 25 results; ten fit the pane without scrolling and keep the response small.</summary>
    public const int DefaultMaxResults = 10;

    /// <summary>Fewer results than this from the keyword tree, and the meaning stage adds the nodes closest in meaning.</summary>
    internal const int FewResults = 3;

    private readonly IQuestionMatcher _matcher;
    private readonly MeaningStage? _meaning;

    /// <param name="matcher">The chat's matcher (the keyword tree, then meaning where the tree cannot be trusted alone).</param>
    /// <param name="meaning">The meaning stage, for the closest nodes when the keywords find little; null or off for none.</param>
    public PolicySearch(IQuestionMatcher matcher, MeaningStage? meaning = null)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        _matcher = matcher;
        _meaning = meaning;
    }

    /// <param name="query">What was typed in the search box; null or blank lists the topics.</param>
    /// <param name="language">The search's language (<see cref="Languages"/>): its keywords apply, and its gloss for meaning.</param>
    /// <param name="maxResults">At most this many, best first.</param>
    public IReadOnlyList<KnowledgeNode> Search(string? query, KnowledgeBase knowledge, string language, int maxResults = DefaultMaxResults)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        if (string.IsNullOrWhiteSpace(query))
        {
            return [.. knowledge.Topics.Take(maxResults)];
        }

        var ranked = new Ranked(knowledge);
        var match = _matcher.Match(query, knowledge, language);
        if (match is { Outcome: MatchOutcome.Answer, Node: { } answer })
        {
            ranked.Add(answer);
            ranked.Add(knowledge.Find(answer.TopicId));
        }

        // The topics it could be about, best first (on a disambiguation, the choices): the asked facet's node, then the topic.
        foreach (var candidate in match.Candidates)
        {
            ranked.Add(match.Facet is { } facet ? knowledge.FindFacet(candidate.TopicId, facet) : null);
            ranked.Add(knowledge.Find(candidate.TopicId));
        }

        foreach (var suggestion in match.Suggestions)
        {
            ranked.Add(suggestion);
        }

        if (ranked.Count < FewResults)
        {
            AddClosestInMeaning(query, knowledge, language, ranked);
        }

        // "Who does it apply to?" names no policy: each topic's answer to it, in menu order.
        if (ranked.Count == 0 && match.Facet is { } askedFacet)
        {
            foreach (var topic in knowledge.Topics)
            {
                ranked.Add(knowledge.FindFacet(topic.Id, askedFacet));
            }

            return ranked.Take(maxResults);
        }

        // Only after a match on keywords: suggestions by meaning are a guess, not a policy named.
        if (match.Outcome != MatchOutcome.Fallback && ranked.Count > 0 && knowledge.Find(ranked.First.TopicId) is { } bestTopic)
        {
            foreach (var child in bestTopic.Children)
            {
                ranked.Add(child);
            }
        }

        return ranked.Take(maxResults);
    }

    /// <summary>Nodes close in meaning, best first, as the chat's fallback suggests them: none when the search is plainly out of scope.</summary>
    private void AddClosestInMeaning(string query, KnowledgeBase knowledge, string language, Ranked ranked)
    {
        if (_meaning is not { Options.Enabled: true } meaning
            || meaning.IndexFor(knowledge) is not { } index
            || meaning.EnglishText(query, knowledge, language) is not { } text
            || meaning.Score(text, index) is not { } scores)
        {
            return;
        }

        var options = meaning.Options;
        if (scores.Nodes.Count == 0 || scores.ClosestOutOfScope is not null && scores.OutOfScope >= scores.Nodes[0].Similarity + options.SuggestionOutOfScopeMargin)
        {
            return;
        }

        foreach (var node in scores.Nodes.Where(n => n.Similarity >= options.SuggestionMinimum).Take(DefaultMaxResults))
        {
            ranked.Add(node.Node);
        }
    }

    /// <summary>Nodes in the order found, each once; never the root (it is not a policy to share).</summary>
    private sealed class Ranked(KnowledgeBase knowledge)
    {
        private readonly List<KnowledgeNode> _nodes = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public int Count => _nodes.Count;

        public KnowledgeNode First => _nodes[0];

        public void Add(KnowledgeNode? node)
        {
            if (node is not null && !node.IsRoot && knowledge.Find(node.Id) is not null && _seen.Add(node.Id))
            {
                _nodes.Add(node);
            }
        }

        public IReadOnlyList<KnowledgeNode> Take(int count) => [.. _nodes.Take(count)];
    }
}
