using Microsoft.Extensions.Options;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>
/// The keyword matcher: normalise → words → stems → synonyms → phrases from the inverted index → per-topic
/// scores → answer, disambiguation or fallback. Deterministic (ties go to menu order), thread-safe (the index is
/// immutable, the working buffers are per thread) and allocation-light: only the result is allocated.
/// <para>
/// Scoring, per topic: the matched keywords of the topic and its sub-nodes are taken greedily, longest phrase
/// first, so "protection of civilians" (10) is not also counted as "protection" (2) and "civilians" (3); a keyword
/// counts once however often it is repeated; negative keywords ("data protection") subtract, and a near-miss
/// phrase that no topic claims positively also hides its words from every topic. Misspelt words matched through
/// typo tolerance weigh a quarter less. A keyword whose words are all in the question near each other, but apart or
/// in another order, counts at a discount (<see cref="MatcherOptions.ScatteredPhraseFactor"/>).
/// </para>
/// </summary>
public sealed class PolicyMatcher : IQuestionMatcher
{
    /// <summary>How much of a keyword's weight a fully misspelt match loses.</summary>
    private const double TypoPenalty = 0.25;

    /// <summary>Marks "no alternative" in the best-cover table.</summary>
    private const int Skip = -2;

    private readonly MatcherOptions _options;

    public PolicyMatcher(IOptions<MatcherOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public static PolicyMatcher Create(MatcherOptions? options = null) => new(Options.Create(options ?? new MatcherOptions()));

    public MatchResult Match(string question, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        if (string.IsNullOrEmpty(question))
        {
            return MatchResult.Nothing();
        }

        var index = MatcherIndex.For(knowledge);
        var input = question.AsSpan(0, Math.Min(question.Length, _options.MaxInputLength));
        var scratch = MatchScratch.For(input.Length);
        var textLength = TextNormalizer.Normalize(input, scratch.Text);
        var text = scratch.Text.AsSpan(0, textLength);
        var tokenCount = Tokenize(index, text, scratch);
        var count = index.RewriteSynonyms(scratch.Tokens.AsSpan(0, tokenCount), scratch.Rewritten);
        var tokens = scratch.Rewritten.AsSpan(0, count);

        var hitCount = FindHits(index, tokens, scratch);
        if (_options.ScatteredPhraseFactor > 0)
        {
            hitCount = FindScatteredHits(index, tokens, scratch, hitCount, _options.ScatteredPhraseFactor, _options.ScatteredPhraseWindow);
        }

        var hits = scratch.Hits.AsSpan(0, hitCount);
        MaskNearMisses(hits, scratch.Masked.AsSpan(0, count));
        MarkSubsumed(hits);
        hits.Sort(default(HitOrder));
        SelectHits(hits, scratch);

        var topicCount = ScoreTopics(hits, scratch.Topics);
        var topics = scratch.Topics.AsSpan(0, topicCount);
        topics.Sort(default(TopicScoreOrder));
        var facet = BestFacet(hits, _options.FacetMinimumScore);
        return Decide(new Evidence(index, knowledge, text, tokens, hits, topics, facet, scratch.Explained));
    }

    /// <summary>Splits the normalised text into words, stems them and looks up (or typo-corrects) their terms.</summary>
    private static int Tokenize(MatcherIndex index, ReadOnlySpan<char> text, MatchScratch scratch)
    {
        var count = 0;
        var stem = scratch.Stem.AsSpan();
        var position = 0;
        while (position < text.Length && count < scratch.Tokens.Length)
        {
            var length = text[position..].IndexOf(' ');
            if (length < 0)
            {
                length = text.Length - position;
            }

            var word = text.Slice(position, length);
            var token = new Token { Term = -1, Start = position, End = position + length };
            position += length + 1;
            if (word.Length > MatcherIndex.MaxTokenLength)
            {
                scratch.Tokens[count++] = token;
                continue;
            }

            token.IsStop = index.IsStopWord(word);
            word.CopyTo(stem);
            var stemLength = EnglishStemmer.Stem(stem[..word.Length]);
            token.Term = index.FindTerm(stem[..stemLength]);
            if (token.Term < 0 && !token.IsStop)
            {
                token.Term = index.Typos.Find(word);
                token.Corrected = token.Term >= 0;
            }

            scratch.Tokens[count++] = token;
        }

        return count;
    }

    private static int FindHits(MatcherIndex index, ReadOnlySpan<Token> tokens, MatchScratch scratch)
    {
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var term = tokens[i].Term;
            if (term < 0)
            {
                continue;
            }

            foreach (var p in index.PhrasesByFirstTerm[term])
            {
                var phrase = index.Phrases[p];
                if (!PhraseMatcher.TryMatch(tokens, i, phrase.Terms, phrase.Literal, out var end))
                {
                    continue;
                }

                var corrected = PhraseMatcher.CountCorrected(tokens, i, end);
                var factor = (1 - (TypoPenalty * Math.Min(1.0, (double)corrected / phrase.Terms.Length)));
                foreach (var posting in phrase.Postings)
                {
                    var hit = new Hit
                    {
                        Group = posting.Node >= 0 ? posting.Topic : -1 - (int)posting.Facet,
                        Node = posting.Node,
                        Facet = posting.Facet,
                        Start = i,
                        End = end,
                        Length = phrase.Terms.Length,
                        Phrase = p,
                        Weight = posting.Weight > 0 ? posting.Weight * factor : posting.Weight,
                    };
                    scratch.AddHit(ref count, hit);
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Weaker evidence for long questions: a keyword of a topic whose words are all there, but apart or in another
    /// order ("children detained during operations"), counts at a discount. Only where the phrase was not found as
    /// written at that place; near-miss phrases and facet cues are not scattered (their exact wording is the point).
    /// </summary>
    private static int FindScatteredHits(MatcherIndex index, ReadOnlySpan<Token> tokens, MatchScratch scratch, int count, double factor, int window)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var term = tokens[i].Term;
            if (term < 0 || tokens[i].IsStop)
            {
                continue;
            }

            foreach (var p in index.PhrasesByFirstTerm[term])
            {
                var phrase = index.Phrases[p];
                if (phrase.Literal || phrase.Terms.Length < 2 || PhraseMatcher.TryMatch(tokens, i, phrase.Terms, literal: false, out _)
                    || !PhraseMatcher.TryMatchScattered(tokens, i, phrase.Terms, window, out var first, out var last, out var corrected))
                {
                    continue;
                }

                var scale = factor * (1 - (TypoPenalty * Math.Min(1.0, (double)corrected / phrase.Terms.Length)));
                foreach (var posting in phrase.Postings)
                {
                    if (posting.Node < 0 || posting.Weight <= 0)
                    {
                        continue;
                    }

                    var hit = new Hit
                    {
                        Group = posting.Topic,
                        Node = posting.Node,
                        Facet = posting.Facet,
                        Start = first,
                        End = last,
                        Length = phrase.Terms.Length,
                        Phrase = p,
                        Weight = posting.Weight * scale,
                        Scattered = true,
                    };
                    scratch.AddHit(ref count, hit);
                }
            }
        }

        return count;
    }

    /// <summary>
    /// A near-miss phrase ("data protection", "drug trafficking") that no other topic claims positively at least
    /// as fully means its words are about something else for every topic: mark them.
    /// </summary>
    private static void MaskNearMisses(ReadOnlySpan<Hit> hits, Span<bool> masked)
    {
        masked.Clear();
        foreach (var negative in hits)
        {
            if (negative.Weight >= 0 || negative.IsFacetCue)
            {
                continue;
            }

            var claimed = false;
            foreach (var positive in hits)
            {
                if (positive.Weight > 0 && !positive.IsFacetCue && !positive.Scattered && positive.Group != negative.Group
                    && positive.Start <= negative.Start && positive.End >= negative.End && positive.Length >= negative.Length)
                {
                    claimed = true;
                    break;
                }
            }

            if (!claimed)
            {
                masked[negative.Start..(negative.End + 1)].Fill(true);
            }
        }
    }

    /// <summary>
    /// Words that a longer phrase of one topic uses are not generic evidence for another: in "protection of
    /// civilians" the word "protection" says nothing for cultural property, and in "antiquities trafficking" the
    /// word "trafficking" nothing for trafficking in human beings.
    /// </summary>
    private static void MarkSubsumed(Span<Hit> hits)
    {
        for (var i = 0; i < hits.Length; i++)
        {
            ref var hit = ref hits[i];
            if (hit.Weight <= 0 || hit.IsFacetCue)
            {
                continue;
            }

            foreach (var longer in hits)
            {
                if (longer.Weight > 0 && !longer.IsFacetCue && !longer.Scattered && longer.Group != hit.Group && longer.Length > hit.Length
                    && longer.Start <= hit.Start && longer.End >= hit.End)
                {
                    hit.Subsumed = true;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Within each topic (and each facet): a phrase counts once, at its strongest; near-miss phrases are taken
    /// first, longest first; then, among the positive hits they leave free, the non-overlapping set with the largest
    /// total weight (weighted interval scheduling), so "protection of civilians" (10) beats "protection" (2) plus
    /// "civilians" (3), and no word is counted twice.
    /// </summary>
    private static void SelectHits(Span<Hit> hits, MatchScratch scratch)
    {
        var groupStart = 0;
        while (groupStart < hits.Length)
        {
            var groupEnd = groupStart;
            while (groupEnd < hits.Length && hits[groupEnd].Group == hits[groupStart].Group)
            {
                groupEnd++;
            }

            SelectInGroup(hits[groupStart..groupEnd], scratch);
            groupStart = groupEnd;
        }
    }

    private static void SelectInGroup(Span<Hit> group, MatchScratch scratch)
    {
        var blocked = scratch.Blocked;
        for (var i = 0; i < group.Length; i++)
        {
            ref var hit = ref group[i];
            if (IsRepeat(group, i))
            {
                continue;
            }

            if (hit.Weight < 0 && !IsAnyBlocked(blocked, hit.Start, hit.End))
            {
                hit.Accepted = true;
                blocked.AsSpan(hit.Start, hit.End - hit.Start + 1).Fill(true);
            }
        }

        var candidates = scratch.Order;
        var count = 0;
        for (var i = 0; i < group.Length; i++)
        {
            ref var hit = ref group[i];
            if (hit.Weight > 0 && !hit.Subsumed && !IsAnyBlocked(blocked, hit.Start, hit.End)
                && (hit.IsFacetCue || !(hit.Scattered
                    ? scratch.Masked[hit.Start] || scratch.Masked[hit.End]
                    : IsMasked(scratch.Masked, hit.Start, hit.End))))
            {
                // A repeated phrase still explains its words, but counts once.
                hit.Eligible = true;
                if (!IsRepeat(group, i))
                {
                    candidates[count++] = i;
                }
            }
        }

        ChooseBestCover(group, candidates.AsSpan(0, count), scratch);
        foreach (var hit in group)
        {
            if (hit.Weight < 0 && hit.Accepted)
            {
                blocked.AsSpan(hit.Start, hit.End - hit.Start + 1).Clear();
            }
        }
    }

    /// <summary>The set of non-overlapping hits with the largest total weight; ties keep the earlier-found solution.</summary>
    private static void ChooseBestCover(Span<Hit> group, Span<int> candidates, MatchScratch scratch)
    {
        if (candidates.IsEmpty)
        {
            return;
        }

        // Order by end position (insertion sort: a group has few hits).
        for (var i = 1; i < candidates.Length; i++)
        {
            var value = candidates[i];
            var j = i - 1;
            while (j >= 0 && (group[candidates[j]].End > group[value].End
                || (group[candidates[j]].End == group[value].End && group[candidates[j]].Start > group[value].Start)))
            {
                candidates[j + 1] = candidates[j];
                j--;
            }

            candidates[j + 1] = value;
        }

        var best = scratch.Best;
        var take = scratch.Take;
        for (var k = 0; k < candidates.Length; k++)
        {
            var hit = group[candidates[k]];
            var previous = k - 1;
            while (previous >= 0 && group[candidates[previous]].End >= hit.Start)
            {
                previous--;
            }

            var with = hit.Weight + (previous >= 0 ? best[previous] : 0);
            var without = k > 0 ? best[k - 1] : 0;
            take[k] = with > without ? previous : Skip;
            best[k] = Math.Max(with, without);
        }

        for (var k = candidates.Length - 1; k >= 0;)
        {
            if (take[k] == Skip)
            {
                k--;
                continue;
            }

            group[candidates[k]].Accepted = true;
            k = take[k];
        }
    }

    /// <summary>True if a stronger or equal hit of the same phrase comes earlier in the group (the order puts the strongest first).</summary>
    private static bool IsRepeat(ReadOnlySpan<Hit> group, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (group[i].Phrase == group[index].Phrase)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAnyBlocked(bool[] blocked, int start, int end)
    {
        for (var i = start; i <= end; i++)
        {
            if (blocked[i])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMasked(bool[] masked, int start, int end)
    {
        for (var i = start; i <= end; i++)
        {
            if (!masked[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int ScoreTopics(ReadOnlySpan<Hit> hits, TopicScore[] scores)
    {
        var count = 0;
        var i = 0;
        while (i < hits.Length)
        {
            var group = hits[i].Group;
            var score = 0.0;
            for (; i < hits.Length && hits[i].Group == group; i++)
            {
                score += hits[i].Accepted ? hits[i].Weight : 0;
            }

            if (group >= 0 && score > 0)
            {
                scores[count++] = new TopicScore { Topic = group, Score = score };
            }
        }

        return count;
    }

    private static (Facet Facet, double Score)? BestFacet(ReadOnlySpan<Hit> hits, double minimum)
    {
        (Facet Facet, double Score)? best = null;
        var i = 0;
        while (i < hits.Length && hits[i].IsFacetCue)
        {
            var group = hits[i].Group;
            var facet = hits[i].Facet;
            var score = 0.0;
            for (; i < hits.Length && hits[i].Group == group; i++)
            {
                score += hits[i].Accepted ? hits[i].Weight : 0;
            }

            // Groups run from the last facet to the first, so ">=" lets the earlier facet win a tie.
            if (score >= minimum && (best is null || score >= best.Value.Score))
            {
                best = (facet, score);
            }
        }

        return best;
    }

    private MatchResult Decide(in Evidence evidence)
    {
        var topics = evidence.Topics;
        var facet = evidence.Facet?.Facet;
        if (topics.IsEmpty)
        {
            return FacetOnly(evidence);
        }

        var best = topics[0].Score;
        var second = topics.Length > 1 ? topics[1].Score : 0;
        if (best >= _options.MinimumScore)
        {
            var close = CountAbove(topics, best * _options.AmbiguityRatio);
            if (close >= 2)
            {
                return Disambiguation(evidence, close, best, second);
            }

            return Answer(evidence, facet, best, Confidence(best, second));
        }

        // Too little evidence for a confident answer. When the question is little more than keywords, facet cues and
        // neutral words ("protection", "which resolutions are in its doctrine?"), the keywords are all there is to go
        // on: answer the one topic they point at, or ask which of several. Otherwise fall back.
        if (best >= _options.MinimumCandidateScore && !HasNearMiss(evidence.Hits) && Coverage(evidence) >= _options.WeakMatchCoverage)
        {
            var weak = CountAbove(topics, Math.Max(_options.MinimumCandidateScore, best * _options.AmbiguityRatio));
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
            Candidates(evidence, topics[..Math.Min(topics.Length, _options.MaxCandidates)]));
    }

    private MatchResult Disambiguation(in Evidence evidence, int close, double best, double second)
    {
        var offered = evidence.Topics[..Math.Min(close, _options.MaxCandidates)];
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
        if (evidence.Facet is not { } facet || HasNearMiss(evidence.Hits) || Unexplained(evidence) > _options.FollowUpUnknownWords)
        {
            return MatchResult.Nothing();
        }

        var terms = new List<string>();
        foreach (var hit in evidence.Hits)
        {
            if (hit.Accepted && hit.IsFacetCue && hit.Facet == facet.Facet)
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
            if (hit.Accepted && hit.Weight < 0)
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

        // Hits are sorted by group, then most words, then strongest: the first eligible one of the topic is the most specific.
        foreach (var hit in evidence.Hits)
        {
            if (hit.Group == topicIndex && hit.Eligible)
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
        var explained = evidence.Explained.AsSpan(0, evidence.Tokens.Length);
        explained.Clear();
        // Every matched keyword explains its words, also where another reading was preferred or it was repeated.
        foreach (var hit in evidence.Hits)
        {
            if (hit.Eligible && hit.Scattered)
            {
                explained[hit.Start] = true;
                explained[hit.End] = true;
            }
            else if (hit.Eligible)
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
        var strength = best / (best + _options.MinimumScore);
        var margin = best <= 0 ? 0 : 1 - (second / best);
        return Math.Round(strength * (0.5 + (0.5 * margin)), 3);
    }

    private static List<string> MatchedTerms(in Evidence evidence, ReadOnlySpan<TopicScore> topics)
    {
        var terms = new List<string>();
        for (var start = 0; start < evidence.Tokens.Length; start++)
        {
            foreach (var hit in evidence.Hits)
            {
                if (hit.Accepted && hit.Weight > 0 && hit.Start == start && Contains(topics, hit.Group))
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

    /// <summary>What one match found, passed between the steps of <see cref="Decide"/>.</summary>
    private readonly ref struct Evidence(
        MatcherIndex index,
        KnowledgeBase knowledge,
        ReadOnlySpan<char> text,
        ReadOnlySpan<Token> tokens,
        ReadOnlySpan<Hit> hits,
        ReadOnlySpan<TopicScore> topics,
        (Facet Facet, double Score)? facet,
        bool[] explained)
    {
        public MatcherIndex Index { get; } = index;

        public KnowledgeBase Knowledge { get; } = knowledge;

        public ReadOnlySpan<char> Text { get; } = text;

        public ReadOnlySpan<Token> Tokens { get; } = tokens;

        public ReadOnlySpan<Hit> Hits { get; } = hits;

        public ReadOnlySpan<TopicScore> Topics { get; } = topics;

        public (Facet Facet, double Score)? Facet { get; } = facet;

        public bool[] Explained { get; } = explained;
    }
}
