namespace PolicyBot.Core.Matching;

/// <summary>
/// The working buffers of a match, one set per thread, grown on demand and reused, so that a match allocates only its
/// result. The one owner of every buffer the three jobs of <see cref="PolicyMatcher"/> use; what a job gets from it is
/// valid until the thread's next match.
/// </summary>
internal sealed class MatchScratch
{
    [ThreadStatic]
    private static MatchScratch? t_current;

    // HitFinder: the normalised text, one word folded and its stem (folding may double a word: œ → oe), the words,
    // the words after synonym rewriting, the hits.

    public char[] Text { get; private set; } = new char[1024];

    public char[] Folded { get; } = new char[MatcherIndex.MaxTokenLength * 2];

    public char[] Stem { get; } = new char[MatcherIndex.MaxTokenLength * 2];

    public Token[] Tokens { get; private set; } = new Token[256];

    public Token[] Rewritten { get; private set; } = new Token[1024];

    public Hit[] Hits { get; private set; } = new Hit[256];

    // HitSelector, per rewritten word: hidden by a near-miss phrase of any topic, taken by a near-miss of the group
    // being chosen (all false between groups); per hit: the best-cover table, the topics' scores.

    public bool[] Masked { get; private set; } = new bool[1024];

    public bool[] Blocked { get; private set; } = new bool[1024];

    public int[] Order { get; private set; } = new int[256];

    public double[] Best { get; private set; } = new double[256];

    public int[] Take { get; private set; } = new int[256];

    public TopicScore[] Topics { get; private set; } = new TopicScore[256];

    // OutcomeDecider, per rewritten word: explained by a keyword or cue.

    public bool[] Explained { get; private set; } = new bool[1024];

    /// <summary>This thread's buffers, large enough for <paramref name="inputLength"/> characters of question.</summary>
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
