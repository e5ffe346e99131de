using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>
/// The second job of the matcher: choosing, among the overlapping and repeated hits that <see cref="HitFinder"/>
/// found, the best set of non-overlapping hits of each topic (and facet), and adding them up into scores.
/// <para>
/// Per topic: a keyword counts once however often it is repeated; near-miss phrases ("data protection") are taken
/// first and subtract, and one that no other topic claims positively also hides its words from every topic; words
/// that a longer keyword of another topic uses are no evidence for this one; of the keywords left, the
/// non-overlapping set with the largest total weight counts, so "protection of civilians" (10) is not also counted
/// as "protection" (2) and "civilians" (3). Each hit's verdict is its <see cref="Hit.Role"/>.
/// </para>
/// </summary>
internal static class HitSelector
{
    /// <summary>Marks "no alternative" in the best-cover table.</summary>
    private const int Skip = -2;

    /// <summary>
    /// Gives every hit its <see cref="Hit.Role"/> and sorts <paramref name="hits"/> by group (facet cues first, from the
    /// last facet to the first, then topics in menu order), each group's longest and strongest first.
    /// </summary>
    public static void Select(Span<Hit> hits, int tokenCount, MatchScratch scratch)
    {
        MaskNearMisses(hits, scratch.Masked.AsSpan(0, tokenCount));
        MarkSubsumed(hits);
        hits.Sort(default(HitOrder));

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

    /// <summary>The topics with a positive score, best first (ties in menu order), from the counted hits of <see cref="Select"/>.</summary>
    public static ReadOnlySpan<TopicScore> ScoreTopics(ReadOnlySpan<Hit> hits, MatchScratch scratch)
    {
        var scores = scratch.Topics;
        var count = 0;
        var i = 0;
        while (i < hits.Length)
        {
            var group = hits[i].Group;
            var score = 0.0;
            for (; i < hits.Length && hits[i].Group == group; i++)
            {
                score += hits[i].IsCounted ? hits[i].Weight : 0;
            }

            if (group >= 0 && score > 0)
            {
                scores[count++] = new TopicScore(group, score);
            }
        }

        var topics = scores.AsSpan(0, count);
        topics.Sort(default(TopicScoreOrder));
        return topics;
    }

    /// <summary>The facet whose counted cues weigh most, if at least <paramref name="minimum"/>; ties go to the earlier facet.</summary>
    public static (Facet Facet, double Score)? BestFacet(ReadOnlySpan<Hit> hits, double minimum)
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
                score += hits[i].IsCounted ? hits[i].Weight : 0;
            }

            // Groups run from the last facet to the first, so ">=" lets the earlier facet win a tie.
            if (score >= minimum && (best is null || score >= best.Value.Score))
            {
                best = (facet, score);
            }
        }

        return best;
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
            if (!negative.IsNearMiss || negative.IsFacetCue)
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
                    hit.Role = HitRole.Subsumed;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Within one topic (or facet): a phrase counts once, at its strongest; near-miss phrases are taken first,
    /// longest first; then, among the keywords they leave free, the best cover (<see cref="ChooseBestCover"/>).
    /// </summary>
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

            if (hit.IsNearMiss && !IsAnyBlocked(blocked, hit.Start, hit.End))
            {
                hit.Role = HitRole.Counted;
                blocked.AsSpan(hit.Start, hit.End - hit.Start + 1).Fill(true);
            }
        }

        var candidates = scratch.Order;
        var count = 0;
        for (var i = 0; i < group.Length; i++)
        {
            ref var hit = ref group[i];
            if (hit.Weight > 0 && hit.Role != HitRole.Subsumed && !IsAnyBlocked(blocked, hit.Start, hit.End)
                && (hit.IsFacetCue || !(hit.Scattered
                    ? scratch.Masked[hit.Start] || scratch.Masked[hit.End]
                    : IsMasked(scratch.Masked, hit.Start, hit.End))))
            {
                // A repeated phrase still explains its words, but counts once.
                hit.Role = HitRole.Evidence;
                if (!IsRepeat(group, i))
                {
                    candidates[count++] = i;
                }
            }
        }

        ChooseBestCover(group, candidates.AsSpan(0, count), scratch);

        // Leave the blocked words clear for the next group.
        foreach (var hit in group)
        {
            if (hit.IsNearMiss && hit.IsCounted)
            {
                blocked.AsSpan(hit.Start, hit.End - hit.Start + 1).Clear();
            }
        }
    }

    /// <summary>
    /// Counts the set of non-overlapping candidates with the largest total weight (weighted interval scheduling);
    /// ties keep the earlier-found solution.
    /// </summary>
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

        // best[k]: the largest total of the first k + 1 candidates; take[k]: the candidate before k when k is taken, or Skip.
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

            group[candidates[k]].Role = HitRole.Counted;
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
}

/// <summary>A topic (its index in <see cref="MatcherIndex.Topics"/>) and the total weight of its counted hits.</summary>
internal readonly record struct TopicScore(int Topic, double Score);

/// <summary>Best topic first; ties in menu order.</summary>
internal readonly struct TopicScoreOrder : IComparer<TopicScore>
{
    public int Compare(TopicScore x, TopicScore y)
    {
        var order = y.Score.CompareTo(x.Score);
        return order == 0 ? x.Topic.CompareTo(y.Topic) : order;
    }
}
