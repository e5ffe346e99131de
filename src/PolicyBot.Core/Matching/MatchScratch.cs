using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>A keyword or facet phrase found in the question, with what it points at.</summary>
internal struct Hit
{
    /// <summary>The topic index, or for a facet cue -1 - (int)facet: hits are weighed per group.</summary>
    public int Group;
    public int Node;
    public Facet Facet;
    public int Start;
    public int End;
    public int Length;
    public int Phrase;
    public double Weight;
    public bool Accepted;

    /// <summary>A positive hit not hidden by a near-miss phrase: evidence of its node even when another hit was preferred.</summary>
    public bool Eligible;

    /// <summary>Inside a longer phrase of another topic: its words are taken.</summary>
    public bool Subsumed;

    /// <summary>
    /// The phrase's words were found apart or reordered (<see cref="PhraseMatcher.TryMatchScattered"/>): only
    /// <see cref="Start"/> and <see cref="End"/> are sure to be its words, so it neither claims nor explains those between.
    /// </summary>
    public bool Scattered;

    public readonly bool IsFacetCue => Group < 0;
}

/// <summary>A topic and its score.</summary>
internal struct TopicScore
{
    public int Topic;
    public double Score;
}

/// <summary>Orders hits for the greedy choice within a group: longer phrases first, then stronger, then earlier.</summary>
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

/// <summary>Best topic first; ties in menu order.</summary>
internal readonly struct TopicScoreOrder : IComparer<TopicScore>
{
    public int Compare(TopicScore x, TopicScore y)
    {
        var order = y.Score.CompareTo(x.Score);
        return order == 0 ? x.Topic.CompareTo(y.Topic) : order;
    }
}

/// <summary>
/// Per-thread working buffers of the matcher, grown on demand and reused, so a match allocates only its result.
/// </summary>
internal sealed class MatchScratch
{
    [ThreadStatic]
    private static MatchScratch? t_current;

    public char[] Text { get; private set; } = new char[1024];

    public char[] Stem { get; } = new char[MatcherIndex.MaxTokenLength];

    public Token[] Tokens { get; private set; } = new Token[256];

    public Token[] Rewritten { get; private set; } = new Token[1024];

    public bool[] Masked { get; private set; } = new bool[1024];

    public bool[] Explained { get; private set; } = new bool[1024];

    public Hit[] Hits { get; private set; } = new Hit[256];

    public int[] Order { get; private set; } = new int[256];

    public double[] Best { get; private set; } = new double[256];

    public int[] Take { get; private set; } = new int[256];

    public bool[] Blocked { get; private set; } = new bool[1024];

    public TopicScore[] Topics { get; private set; } = new TopicScore[256];

    public static MatchScratch For(int inputLength)
    {
        var scratch = t_current ??= new MatchScratch();
        scratch.Ensure(inputLength);
        return scratch;
    }

    private void Ensure(int inputLength)
    {
        var textLength = TextNormalizer.BufferSize(inputLength);
        if (Text.Length < textLength)
        {
            Text = new char[textLength];
        }

        var tokens = (textLength / 2) + 2;
        if (Tokens.Length < tokens)
        {
            Tokens = new Token[tokens];
        }

        // Room for synonyms that expand to longer canonical forms; anything beyond is cut.
        var rewritten = (tokens * 4) + 16;
        if (Rewritten.Length < rewritten)
        {
            Rewritten = new Token[rewritten];
            Masked = new bool[rewritten];
            Explained = new bool[rewritten];
            Blocked = new bool[rewritten];
        }
    }

    /// <summary>Appends a hit; the per-hit buffers grow together (a question can touch as many topics as it has hits).</summary>
    public void AddHit(ref int count, in Hit hit)
    {
        if (count == Hits.Length)
        {
            var grown = new Hit[Hits.Length * 2];
            Hits.CopyTo(grown, 0);
            Hits = grown;
            Order = new int[grown.Length];
            Best = new double[grown.Length];
            Take = new int[grown.Length];
            Topics = new TopicScore[grown.Length];
        }

        Hits[count++] = hit;
    }
}
