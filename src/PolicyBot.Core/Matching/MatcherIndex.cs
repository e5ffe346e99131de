using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>One word of a question or keyword after analysis: its term id (-1 if unknown) and where it came from.</summary>
internal struct Token
{
    public int Term;
    public int Start;
    public int End;
    public bool IsStop;
    public bool Corrected;
}

/// <summary>What a phrase points at: a node of the tree (Node ≥ 0) or a facet (Node = -1).</summary>
internal readonly record struct Posting(int Node, int Topic, Facet Facet, int Weight);

/// <summary>
/// A keyword or synonym compiled to term ids. Content phrases are matched on the question's content words only
/// (function words skipped); literal phrases, made of function words ("who must", "step up"), word for word.
/// </summary>
internal sealed record CompiledPhrase(int[] Terms, bool Literal, Posting[] Postings);

/// <summary>A variant of a synonym group and the canonical words it is rewritten to.</summary>
internal sealed record CompiledSynonym(int[] Terms, bool Literal, Token[] Canonical);

/// <summary>
/// The searchable form of one <see cref="KnowledgeBase"/> snapshot: vocabulary of stems, synonym rewrites, and an
/// inverted index from a phrase's first term to the phrases (with their postings) that start with it, so the
/// cost of a match grows with the question and the hits, not with the number of topics. Immutable once built;
/// cached per snapshot.
/// </summary>
internal sealed class MatcherIndex
{
    public const int MaxTokenLength = 48;

    private static readonly ConditionalWeakTable<KnowledgeBase, MatcherIndex> Cache = [];

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopLookup;

    private MatcherIndex(Builder builder)
    {
        var terms = builder.Terms.ToFrozenDictionary(StringComparer.Ordinal);
        _termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _stopLookup = EnglishLexicon.StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        TermCount = builder.Terms.Count;
        Nodes = [.. builder.Nodes];
        Topics = [.. builder.Topics];
        Phrases = builder.Phrases.Select(p => p.Compile()).ToArray();
        PhrasesByFirstTerm = Group(Phrases.Select((p, i) => (p.Terms[0], i)), TermCount);
        Synonyms = [.. builder.Synonyms];
        SynonymsByFirstTerm = Group(
            Synonyms.Select((s, i) => (s.Terms[0], i)).OrderByDescending(s => Synonyms[s.i].Terms.Length),
            TermCount);
        Neutral = new bool[TermCount];
        foreach (var term in builder.NeutralTerms)
        {
            Neutral[term] = true;
        }

        Typos = TypoIndex.Build(builder.TypoWords);
    }

    public int TermCount { get; }

    public KnowledgeNode[] Nodes { get; }

    public KnowledgeNode[] Topics { get; }

    public CompiledPhrase[] Phrases { get; }

    public int[][] PhrasesByFirstTerm { get; }

    public CompiledSynonym[] Synonyms { get; }

    public int[][] SynonymsByFirstTerm { get; }

    public bool[] Neutral { get; }

    public TypoIndex Typos { get; }

    /// <summary>The index of <paramref name="knowledge"/>, built on first use and kept as long as the snapshot lives.</summary>
    public static MatcherIndex For(KnowledgeBase knowledge) => Cache.GetValue(knowledge, Build);

    public static MatcherIndex Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return new MatcherIndex(new Builder(knowledge));
    }

    public bool IsStopWord(ReadOnlySpan<char> word) => _stopLookup.Contains(word);

    public int FindTerm(ReadOnlySpan<char> stem) => _termLookup.TryGetValue(stem, out var id) ? id : -1;

    /// <summary>Rewrites synonym variants to their canonical words ("poc" → "protection of civilians").</summary>
    public int RewriteSynonyms(ReadOnlySpan<Token> tokens, Span<Token> output)
    {
        var written = 0;
        var i = 0;
        while (i < tokens.Length && written < output.Length)
        {
            var term = tokens[i].Term;
            var rewritten = false;
            if (term >= 0)
            {
                foreach (var s in SynonymsByFirstTerm[term])
                {
                    var synonym = Synonyms[s];
                    if (!PhraseMatcher.TryMatch(tokens, i, synonym.Terms, synonym.Literal, out var end))
                    {
                        continue;
                    }

                    var corrected = PhraseMatcher.AnyCorrected(tokens, i, end);
                    foreach (var canonical in synonym.Canonical)
                    {
                        if (written == output.Length)
                        {
                            break;
                        }

                        output[written++] = canonical with { Start = tokens[i].Start, End = tokens[end].End, Corrected = corrected };
                    }

                    i = end + 1;
                    rewritten = true;
                    break;
                }
            }

            if (!rewritten)
            {
                output[written++] = tokens[i++];
            }
        }

        return written;
    }

    private static int[][] Group(IEnumerable<(int Key, int Value)> pairs, int size)
    {
        var groups = new int[size][];
        foreach (var group in pairs.GroupBy(p => p.Key))
        {
            groups[group.Key] = group.Select(p => p.Value).ToArray();
        }

        for (var i = 0; i < size; i++)
        {
            groups[i] ??= [];
        }

        return groups;
    }

    /// <summary>Collects everything the index needs from the knowledge base, assigning term ids as it goes.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, int> _phraseIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _synonymKeys = new(StringComparer.Ordinal);

        public Builder(KnowledgeBase knowledge)
        {
            foreach (var group in knowledge.Synonyms)
            {
                AddSynonymGroup(group);
            }

            foreach (var topic in knowledge.Topics)
            {
                Topics.Add(topic);
                AddNode(topic, Topics.Count - 1);
            }

            foreach (var definition in knowledge.Facets)
            {
                foreach (var keyword in definition.Keywords)
                {
                    AddKeyword(keyword, new Posting(-1, -1, definition.Facet, keyword.Weight));
                }
            }

            foreach (var word in EnglishLexicon.NeutralWords)
            {
                NeutralTerms.Add(TermId(EnglishStemmer.Stem(word)));
            }
        }

        public Dictionary<string, int> Terms { get; } = new(StringComparer.Ordinal);

        public List<KnowledgeNode> Nodes { get; } = [];

        public List<KnowledgeNode> Topics { get; } = [];

        public List<PhraseBuilder> Phrases { get; } = [];

        public List<CompiledSynonym> Synonyms { get; } = [];

        public List<int> NeutralTerms { get; } = [];

        public List<KeyValuePair<string, int>> TypoWords { get; } = [];

        private void AddNode(KnowledgeNode node, int topic)
        {
            Nodes.Add(node);
            var nodeIndex = Nodes.Count - 1;
            foreach (var keyword in node.Keywords)
            {
                AddKeyword(keyword, new Posting(nodeIndex, topic, node.Facet, keyword.Weight));
            }

            foreach (var child in node.Children)
            {
                AddNode(child, topic);
            }
        }

        private void AddKeyword(Keyword keyword, Posting posting)
        {
            if (keyword.Weight == 0)
            {
                return;
            }

            var (terms, literal) = Compile(RewriteForBuild(Analyze(keyword.Term)));
            if (terms.Length == 0)
            {
                return;
            }

            var key = (literal ? "L:" : "C:") + string.Join(',', terms);
            if (!_phraseIds.TryGetValue(key, out var id))
            {
                id = Phrases.Count;
                _phraseIds[key] = id;
                Phrases.Add(new PhraseBuilder(terms, literal));
            }

            Phrases[id].Add(posting);
        }

        private Token[] RewriteForBuild(Token[] tokens)
        {
            // The same single pass as at question time (synonyms are compiled before any keyword).
            var output = new List<Token>(tokens.Length);
            var i = 0;
            while (i < tokens.Length)
            {
                var matched = false;
                foreach (var synonym in Synonyms.Where(s => s.Terms[0] == tokens[i].Term).OrderByDescending(s => s.Terms.Length))
                {
                    if (PhraseMatcher.TryMatch(tokens, i, synonym.Terms, synonym.Literal, out var end))
                    {
                        output.AddRange(synonym.Canonical);
                        i = end + 1;
                        matched = true;
                        break;
                    }
                }

                if (!matched)
                {
                    output.Add(tokens[i++]);
                }
            }

            return [.. output];
        }

        private void AddSynonymGroup(SynonymGroup group)
        {
            var canonical = Analyze(group.Canonical);
            var (canonicalTerms, canonicalLiteral) = Compile(canonical);
            if (canonicalTerms.Length == 0)
            {
                return;
            }

            foreach (var variant in group.Variants)
            {
                var (terms, literal) = Compile(Analyze(variant));
                if (terms.Length == 0 || (literal == canonicalLiteral && terms.AsSpan().SequenceEqual(canonicalTerms)))
                {
                    continue;
                }

                // The first group to claim a variant keeps it, so the rewrite is deterministic.
                if (_synonymKeys.Add((literal ? "L:" : "C:") + string.Join(',', terms)))
                {
                    Synonyms.Add(new CompiledSynonym(terms, literal, canonical));
                }
            }
        }

        /// <summary>Content words when there are two or more; otherwise every word, matched literally.</summary>
        private static (int[] Terms, bool Literal) Compile(ReadOnlySpan<Token> tokens)
        {
            var content = 0;
            foreach (var token in tokens)
            {
                content += token.IsStop ? 0 : 1;
            }

            var literal = content < tokens.Length && content < 2;
            var terms = new List<int>(tokens.Length);
            foreach (var token in tokens)
            {
                if (literal || !token.IsStop)
                {
                    terms.Add(token.Term);
                }
            }

            return ([.. terms], literal);
        }

        private Token[] Analyze(string text)
        {
            var normalized = TextNormalizer.Normalize(text);
            var tokens = new List<Token>();
            foreach (var range in normalized.AsSpan().Split(' '))
            {
                var word = normalized[range];
                if (word.Length == 0 || word.Length > MaxTokenLength)
                {
                    continue;
                }

                var isStop = EnglishLexicon.StopWords.Contains(word);
                var stem = EnglishStemmer.Stem(word);
                var term = TermId(stem);
                if (!isStop)
                {
                    TypoWords.Add(new(word, term));
                    TypoWords.Add(new(stem, term));
                }

                tokens.Add(new Token { Term = term, IsStop = isStop });
            }

            return [.. tokens];
        }

        private int TermId(string stem)
        {
            if (!Terms.TryGetValue(stem, out var id))
            {
                id = Terms.Count;
                Terms[stem] = id;
            }

            return id;
        }
    }

    /// <summary>A phrase being collected: one posting per node or facet, the strongest weight kept.</summary>
    private sealed class PhraseBuilder(int[] terms, bool literal)
    {
        private readonly List<Posting> _postings = [];

        public void Add(Posting posting)
        {
            var existing = _postings.FindIndex(p => p.Node == posting.Node && p.Facet == posting.Facet && p.Topic == posting.Topic);
            if (existing < 0)
            {
                _postings.Add(posting);
            }
            else if (Math.Abs(posting.Weight) > Math.Abs(_postings[existing].Weight))
            {
                _postings[existing] = posting;
            }
        }

        public CompiledPhrase Compile() => new(terms, literal, [.. _postings]);
    }
}
