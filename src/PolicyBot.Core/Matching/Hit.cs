using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>
/// A keyword, near-miss phrase or facet cue found in the question (<see cref="HitFinder"/>), with what it points at.
/// Everything but <see cref="Role"/> is fixed when it is found; <see cref="HitSelector"/> then gives each hit its role.
/// </summary>
/// <param name="Group">What the hit is weighed with: the topic's index, or for a facet cue -1 - (int)facet.</param>
/// <param name="Node">The node of the tree the keyword belongs to (an index into <see cref="MatcherIndex.Nodes"/>), or -1 for a facet cue.</param>
/// <param name="Facet">The facet of that node, or the facet the cue asks for.</param>
/// <param name="Start">The first token of the question that the phrase uses.</param>
/// <param name="End">The last token of the question that the phrase uses.</param>
/// <param name="Length">How many terms the phrase has (longer phrases are more specific).</param>
/// <param name="Phrase">The phrase (an index into <see cref="MatcherIndex.Phrases"/>): a repeated phrase counts once.</param>
/// <param name="Weight">Positive for a keyword or facet cue (after any typo or scatter discount), negative for a near-miss phrase.</param>
/// <param name="Scattered">
/// The phrase's words were found apart or reordered (<see cref="PhraseMatcher.TryMatchScattered"/>): only
/// <see cref="Start"/> and <see cref="End"/> are sure to be its words, so it neither claims nor explains those between.
/// </param>
internal record struct Hit(int Group, int Node, Facet Facet, int Start, int End, int Length, int Phrase, double Weight, bool Scattered)
{
    /// <summary>What the selection made of the hit; <see cref="HitRole.Unused"/> until then.</summary>
    public HitRole Role { get; set; }

    public readonly bool IsFacetCue => Group < 0;

    /// <summary>A negative phrase ("data protection", "drug trafficking"): its words are about something else.</summary>
    public readonly bool IsNearMiss => Weight < 0;

    /// <summary>Counted in its topic's or facet's score (a near-miss that was taken counts against it).</summary>
    public readonly bool IsCounted => Role == HitRole.Counted;

    /// <summary>
    /// A keyword or cue not hidden by a near-miss phrase: evidence of its node, and it explains its words, even when
    /// another reading of the same words was counted instead or it repeats an earlier hit.
    /// </summary>
    public readonly bool IsEvidence => Weight > 0 && Role is HitRole.Evidence or HitRole.Counted;
}

/// <summary>What <see cref="HitSelector"/> made of a hit.</summary>
internal enum HitRole : byte
{
    /// <summary>Neither counted nor evidence: a keyword whose words a near-miss phrase took, or a near-miss phrase that repeats or overlaps one already taken.</summary>
    Unused,

    /// <summary>A keyword inside a longer keyword of another topic: those words are taken, so it is not evidence for its own topic.</summary>
    Subsumed,

    /// <summary>A keyword that is evidence (see <see cref="Hit.IsEvidence"/>) but not counted: another reading of its words, or the same phrase elsewhere, was.</summary>
    Evidence,

    /// <summary>Counted in the score of its topic or facet: a keyword of the best cover, or a near-miss phrase that took its words.</summary>
    Counted,
}

/// <summary>Orders hits for the choice within a group: by group, then longer phrases first, then stronger, then earlier.</summary>
internal readonly struct HitOrder : IComparer<Hit>
{
    public int Compare(Hit x, Hit y)
    {
        var order = x.Group.CompareTo(y.Group);
        if (order == 0)
        {
            order = y.Length.CompareTo(x.Length);
        }

        if (order == 0)
        {
            order = Math.Abs(y.Weight).CompareTo(Math.Abs(x.Weight));
        }

        if (order == 0)
        {
            order = x.Start.CompareTo(y.Start);
        }

        return order == 0 ? x.Node.CompareTo(y.Node) : order;
    }
}
