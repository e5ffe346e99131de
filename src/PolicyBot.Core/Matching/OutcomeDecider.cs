using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>
/// The third job of the matcher: deciding the outcome from the scores. A clear best topic is answered (on the node
/// its most specific keyword or the asked facet points at), close runners-up make it a question of which topic is
/// meant, and too little evidence falls back, keeping the facet when the question is a follow-up ("when was it
/// adopted?"). Below the minimum score, a question that is little more than keywords is still answered or
/// disambiguated on them. Builds the <see cref="MatchResult"/>, the only thing a match allocates.
/// </summary>
internal sealed class OutcomeDecider(MatcherOptions options)
{
    public MatchResult Decide(in Evidence evidence)
    {
        var topics = evidence.Topics;
        var facet = evidence.Facet?.Facet;
        if (topics.IsEmpty)
        {
            return FacetOnly(evidence);
        }

        var best = topics[0].Score;
        var second = topics.Length > 1 ? topics[1].Score : 0;
        if (best >= options.MinimumScore)
        {
            var close = CountAbove(topics, best * options.AmbiguityRatio);
            if (close >= 2)
            {
                return Disambiguation(evidence, close, best, second);
            }

            return Answer(evidence, facet, best, Confidence(best, second));
        }

        // Too little evidence for a confident answer. When the question is little more than keywords, facet cues and
        // neutral words ("protection", "which resolutions are in its doctrine?"), the keywords are all there is to go
        // on: answer the one topic they point at, or ask which of several. Otherwise fall back.
        if (best >= options.MinimumCandidateScore && !HasNearMiss(evidence.Hits) && Coverage(evidence) >= options.WeakMatchCoverage)
        {
            var weak = CountAbove(topics, Math.Max(options.MinimumCandidateScore, best * options.AmbiguityRatio));
            if (weak >= 2)
            {
                return Disambiguation(evidence, weak, best, second);
            }

            return Answer(evidence, facet, best, Math.Round(Confidence(best, second) * 0.5, 3));
        }

        return FacetOnly(evidence);
    }

    /// <summary>An answer on the best topic (or its facet's sub-node), with the runners-up as candidates.</summary>
    private MatchResult Answer(in Evidence evidence, Facet? facet, double best, double confidence)
    {
        var topics = evidence.Topics;
        var (node, nodeFacet) = ChooseNode(evidence, topics[0].Topic, facet);
        return new MatchResult(
            MatchOutcome.Answer,
            node,
            nodeFacet,
            Math.Round(best, 3),
            confidence,
            MatchedTerms(evidence, topics[..1]),
            Candidates(evidence, topics[..Math.Min(topics.Length, options.MaxCandidates)]));
    }

    private MatchResult Disambiguation(in Evidence evidence, int close, double best, double second)
    {
        var offered = evidence.Topics[..Math.Min(close, options.MaxCandidates)];
        return new MatchResult(
            MatchOutcome.Disambiguate,
            null,
            evidence.Facet?.Facet,
            Math.Round(best, 3),
            Math.Round(Confidence(best, second) * 0.5, 3),
            MatchedTerms(evidence, offered),
            Candidates(evidence, offered));
    }

    /// <summary>
    /// No topic: a fallback, with the facet set when the question is just a follow-up ("when was it adopted?")
    /// that the dialog can answer within the topic under discussion. A question with several words the bot does not
    /// know ("when is payday for international staff?") or a near-miss phrase is not a follow-up.
    /// </summary>
    private MatchResult FacetOnly(in Evidence evidence)
    {
        if (evidence.Facet is not { } facet || HasNearMiss(evidence.Hits) || Unexplained(evidence) > options.FollowUpUnknownWords)
        {
            return MatchResult.Nothing();
        }

        var terms = new List<string>();
        foreach (var hit in evidence.Hits)
        {
            if (hit.IsCounted && hit.IsFacetCue && hit.Facet == facet.Facet)
            {
                AddTerm(terms, evidence, hit);
            }
        }

        return new MatchResult(MatchOutcome.Fallback, null, facet.Facet, 0, 0, terms, []);
    }

    private static bool HasNearMiss(ReadOnlySpan<Hit> hits)
    {
        foreach (var hit in hits)
        {
            if (hit.IsCounted && hit.IsNearMiss)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The node to show: the facet's sub-node when a facet was asked for; else the node of the most specific hit
    /// (most words, then strongest), so "UNSCR 1612" leads to the resolutions sub-node and "PoC" to the topic.
    /// </summary>
    private static (KnowledgeNode Node, Facet? Facet) ChooseNode(in Evidence evidence, int topicIndex, Facet? facet)
    {
        var topic = evidence.Index.Topics[topicIndex];
        if (facet is { } asked && evidence.Knowledge.FindFacet(topic.Id, asked) is { } facetNode)
        {
            return (facetNode, asked);
        }

        // Hits are sorted by group, then most words, then strongest: the first evidence of the topic is the most specific.
        foreach (var hit in evidence.Hits)
        {
            if (hit.Group == topicIndex && hit.IsEvidence)
            {
                var node = evidence.Index.Nodes[hit.Node];
                return ReferenceEquals(node, topic) ? (topic, facet) : (node, node.Facet);
            }
        }

        return (topic, facet);
    }

    private static int CountAbove(ReadOnlySpan<TopicScore> topics, double threshold)
    {
        // Scores are sums of scaled weights: compare with a little tolerance so 3 × 0.8 equals 2.4.
        threshold -= 1e-9;
        var count = 0;
        while (count < topics.Length && topics[count].Score >= threshold)
        {
            count++;
        }

        return count;
    }

    /// <summary>The share of the question's content words that a keyword, a facet cue or a neutral word explains.</summary>
    private static double Coverage(in Evidence evidence)
    {
        var unexplained = Unexplained(evidence, out var content);
        return content == 0 ? 0 : (double)(content - unexplained) / content;
    }

    private static int Unexplained(in Evidence evidence) => Unexplained(evidence, out _);

    private static int Unexplained(in Evidence evidence, out int content)
    {
        var explained = evidence.Explained[..evidence.Tokens.Length];
        explained.Clear();
        // Every keyword that is evidence explains its words, also where another reading was preferred or it was repeated.
        foreach (var hit in evidence.Hits)
        {
            if (hit.IsEvidence && hit.Scattered)
            {
                explained[hit.Start] = true;
                explained[hit.End] = true;
            }
            else if (hit.IsEvidence)
            {
                explained[hit.Start..(hit.End + 1)].Fill(true);
            }
        }

        // A word the synonyms expanded ("poc" → "protection of civilians") is one word of the question: its tokens
        // share the source span and count once, explained if any of them is.
        content = 0;
        var unexplained = 0;
        var i = 0;
        while (i < evidence.Tokens.Length)
        {
            var first = evidence.Tokens[i];
            var isContent = false;
            var isExplained = false;
            for (; i < evidence.Tokens.Length && evidence.Tokens[i].Start == first.Start && evidence.Tokens[i].End == first.End; i++)
            {
                var token = evidence.Tokens[i];
                isContent |= !token.IsStop && !(token.Term >= 0 && evidence.Index.Neutral[token.Term]);
                isExplained |= explained[i];
            }

            content += isContent ? 1 : 0;
            unexplained += isContent && !isExplained ? 1 : 0;
        }

        return unexplained;
    }

    /// <summary>0..1: how strong the best score is against the minimum, discounted by how close the runner-up is.</summary>
    private double Confidence(double best, double second)
    {
        var strength = best / (best + options.MinimumScore);
        var margin = best <= 0 ? 0 : 1 - (second / best);
        return Math.Round(strength * (0.5 + (0.5 * margin)), 3);
    }

    /// <summary>The words of the counted keywords of <paramref name="topics"/>, in question order, each once.</summary>
    private static List<string> MatchedTerms(in Evidence evidence, ReadOnlySpan<TopicScore> topics)
    {
        var terms = new List<string>();
        for (var start = 0; start < evidence.Tokens.Length; start++)
        {
            foreach (var hit in evidence.Hits)
            {
                if (hit.IsCounted && hit.Weight > 0 && hit.Start == start && Contains(topics, hit.Group))
                {
                    AddTerm(terms, evidence, hit);
                }
            }
        }

        return terms;
    }

    private static void AddTerm(List<string> terms, in Evidence evidence, in Hit hit)
    {
        var from = evidence.Tokens[hit.Start].Start;
        var to = evidence.Tokens[hit.End].End;
        var text = evidence.Text[from..to];
        foreach (var existing in terms)
        {
            if (text.SequenceEqual(existing))
            {
                return;
            }
        }

        terms.Add(text.ToString());
    }

    private static bool Contains(ReadOnlySpan<TopicScore> topics, int topic)
    {
        foreach (var t in topics)
        {
            if (t.Topic == topic)
            {
                return true;
            }
        }

        return false;
    }

    private static MatchCandidate[] Candidates(in Evidence evidence, ReadOnlySpan<TopicScore> chosen)
    {
        var result = new MatchCandidate[chosen.Length];
        for (var i = 0; i < chosen.Length; i++)
        {
            result[i] = new MatchCandidate(evidence.Index.Topics[chosen[i].Topic].Id, Math.Round(chosen[i].Score, 3));
        }

        return result;
    }
}

/// <summary>What one match found and chose, for <see cref="OutcomeDecider"/>: the question's words, its hits with their roles, the scores.</summary>
internal readonly ref struct Evidence(
    MatcherIndex index,
    KnowledgeBase knowledge,
    FoundHits found,
    ReadOnlySpan<TopicScore> topics,
    (Facet Facet, double Score)? facet,
    Span<bool> explained)
{
    public MatcherIndex Index { get; } = index;

    public KnowledgeBase Knowledge { get; } = knowledge;

    /// <summary>The normalised question.</summary>
    public ReadOnlySpan<char> Text { get; } = found.Text;

    public ReadOnlySpan<Token> Tokens { get; } = found.Tokens;

    /// <summary>The hits after <see cref="HitSelector.Select"/>: sorted by group, most specific first, each with its role.</summary>
    public ReadOnlySpan<Hit> Hits { get; } = found.Hits;

    /// <summary>The topics with a positive score, best first.</summary>
    public ReadOnlySpan<TopicScore> Topics { get; } = topics;

    /// <summary>The facet asked for, if its cues weigh enough.</summary>
    public (Facet Facet, double Score)? Facet { get; } = facet;

    /// <summary>Working space for <see cref="OutcomeDecider"/>: one flag per token.</summary>
    public Span<bool> Explained { get; } = explained;
}
