using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;

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
/// The searchable form of one <see cref="KnowledgeBase"/> snapshot in one language: vocabulary of stems, synonym
/// rewrites, and an inverted index from a phrase's first term to the phrases (with their postings) that start with it,
/// so the cost of a match grows with the question and the hits, not with the number of topics. Built from that
/// language's keywords, synonyms and facet cues, analysed by its <see cref="WordAnalyzer"/>, plus the other language's
/// acronyms with what they point at there ("la politique PoC", "what is TEH?"): staff use both languages' acronyms,
/// and a message made of little more than an acronym has no clear language. Immutable once built; both languages'
/// indexes are built together and cached per snapshot.
/// </summary>
internal sealed class MatcherIndex
{
    public const int MaxTokenLength = 48;

    private static readonly ConditionalWeakTable<KnowledgeBase, LanguageIndexes> Cache = [];

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopLookup;

    private MatcherIndex(Builder builder)
    {
        Analyzer = builder.Analyzer;
        var terms = builder.Terms.ToFrozenDictionary(StringComparer.Ordinal);
        _termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _stopLookup = Analyzer.StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
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

    /// <summary>The language this index matches, and how its words are analysed.</summary>
    public WordAnalyzer Analyzer { get; }

    public string Language => Analyzer.Language;

    public int TermCount { get; }

    public KnowledgeNode[] Nodes { get; }

    public KnowledgeNode[] Topics { get; }

    public CompiledPhrase[] Phrases { get; }

    public int[][] PhrasesByFirstTerm { get; }

    public CompiledSynonym[] Synonyms { get; }

    public int[][] SynonymsByFirstTerm { get; }

    public bool[] Neutral { get; }

    public TypoIndex Typos { get; }

    /// <summary>The English index of <paramref name="knowledge"/>, built on first use and kept as long as the snapshot lives.</summary>
    public static MatcherIndex For(KnowledgeBase knowledge) => For(knowledge, Languages.English);

    /// <summary>The index of <paramref name="knowledge"/> in <paramref name="language"/> (English for a language the matcher does not know).</summary>
    public static MatcherIndex For(KnowledgeBase knowledge, string language)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var indexes = Cache.GetValue(knowledge, k => new LanguageIndexes(k)).Both.Value;
        return language == Languages.French ? indexes.French : indexes.English;
    }

    /// <summary>Builds the English and French indexes of <paramref name="knowledge"/> (each borrows the other's acronyms).</summary>
    public static (MatcherIndex English, MatcherIndex French) Build(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var english = new Builder(knowledge, Languages.English, Languages.French);
        var french = new Builder(knowledge, Languages.French, Languages.English);
        var fromEnglish = english.AcronymPostings();
        var fromFrench = french.AcronymPostings();
        english.Borrow(fromFrench, french.Nodes);
        french.Borrow(fromEnglish, english.Nodes);
        return (new MatcherIndex(english), new MatcherIndex(french));
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

    /// <summary>Collects everything the index needs from the knowledge base in one language, assigning term ids as it goes.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, int> _phraseIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _synonymKeys = new(StringComparer.Ordinal);
        private readonly char[] _folded = new char[MaxTokenLength * 2];
        private readonly char[] _stem = new char[MaxTokenLength * 2];
        private readonly string _language;

        /// <param name="other">The other language, whose acronyms this index borrows (see <see cref="Borrow"/>).</param>
        public Builder(KnowledgeBase knowledge, string language, string other)
        {
            _language = language;
            var synonyms = knowledge.Synonyms.Where(g => g.Language == language).ToList();
            Analyzer = WordAnalyzer.For(language, Acronyms.In(Texts(knowledge, language).Concat(AcronymTextsOf(knowledge, other))));
            AcronymTexts = [.. AcronymTextsOf(knowledge, language)];

            foreach (var group in synonyms)
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
                foreach (var keyword in definition.Keywords.Where(k => k.Language == language))
                {
                    AddKeyword(keyword.Term, new Posting(-1, -1, definition.Facet, keyword.Weight));
                }
            }

            foreach (var word in Analyzer.NeutralWords)
            {
                NeutralTerms.Add(TermId(Analyzer.Analyze(word, _folded, _stem).Stem.ToString()));
            }
        }

        public WordAnalyzer Analyzer { get; }

        /// <summary>This language's own keywords, facet cues and synonyms made only of acronyms and numbers ("PoC", "UNSCR 1325", "TEH").</summary>
        public List<string> AcronymTexts { get; }

        public Dictionary<string, int> Terms { get; } = new(StringComparer.Ordinal);

        public List<KnowledgeNode> Nodes { get; } = [];

        public List<KnowledgeNode> Topics { get; } = [];

        public List<PhraseBuilder> Phrases { get; } = [];

        public List<CompiledSynonym> Synonyms { get; } = [];

        public List<int> NeutralTerms { get; } = [];

        public List<KeyValuePair<string, int>> TypoWords { get; } = [];

        /// <summary>Every keyword, facet cue and synonym text of <paramref name="language"/>.</summary>
        private static IEnumerable<string> Texts(KnowledgeBase knowledge, string language) =>
            knowledge.NodesById.Values.SelectMany(n => n.Keywords)
                .Concat(knowledge.Facets.SelectMany(f => f.Keywords))
                .Where(k => k.Language == language)
                .Select(k => k.Term)
                .Concat(knowledge.Synonyms.Where(g => g.Language == language).SelectMany(g => g.Variants.Prepend(g.Canonical)));

        private static IEnumerable<string> AcronymTextsOf(KnowledgeBase knowledge, string language) =>
            Texts(knowledge, language).Where(Acronyms.IsAcronymPhrase).Distinct(StringComparer.Ordinal);

        /// <summary>Each of this language's acronym texts with what it points at here (after this language's synonyms).</summary>
        public List<(string Text, Posting[] Postings)> AcronymPostings()
        {
            var result = new List<(string, Posting[])>();
            foreach (var text in AcronymTexts)
            {
                var tokens = Lookup(text);
                var (terms, literal) = tokens is null ? ([], false) : Compile(RewriteForBuild(tokens));
                var key = (literal ? "L:" : "C:") + string.Join(',', terms);
                if (terms.Length > 0 && _phraseIds.TryGetValue(key, out var id))
                {
                    result.Add((text, Phrases[id].Postings.ToArray()));
                }
            }

            return result;
        }

        /// <summary>
        /// Adds the other language's acronyms with their postings there, each unless every word of it is already a word
        /// of this language's content ("UNSCR" is a French synonym: French keeps its own meaning). Postings carry node
        /// and topic indexes, the same in both builders since both walk the same tree.
        /// </summary>
        public void Borrow(List<(string Text, Posting[] Postings)> borrowed, List<KnowledgeNode> otherNodes)
        {
            if (otherNodes.Count != Nodes.Count || otherNodes.Where((node, i) => !ReferenceEquals(node, Nodes[i])).Any())
            {
                throw new InvalidOperationException("the two languages' indexes list the nodes in different orders");
            }

            foreach (var (text, postings) in borrowed)
            {
                if (Lookup(text) is not null)
                {
                    continue;
                }

                foreach (var posting in postings)
                {
                    AddKeyword(text, posting);
                }
            }
        }

        /// <summary>The tokens of <paramref name="text"/> if every word of it is already a term of this index, else null; adds nothing.</summary>
        private Token[]? Lookup(string text)
        {
            var tokens = new List<Token>();
            foreach (var (folded, stem, _) in AnalyzedWords(text))
            {
                if (!Terms.TryGetValue(stem, out var term))
                {
                    return null;
                }

                tokens.Add(new Token { Term = term, IsStop = Analyzer.StopWords.Contains(folded) });
            }

            return tokens.Count == 0 ? null : [.. tokens];
        }

        /// <summary>Each word of <paramref name="text"/> as this index's language analyses it (at build time: strings are fine here).</summary>
        private List<(string Folded, string Stem, bool Exact)> AnalyzedWords(string text)
        {
            var normalized = TextNormalizer.Normalize(text, _language);
            var words = new List<(string, string, bool)>();
            foreach (var range in normalized.AsSpan().Split(' '))
            {
                var word = normalized.AsSpan()[range];
                if (word.Length == 0 || word.Length > MaxTokenLength)
                {
                    continue;
                }

                var analyzed = Analyzer.Analyze(word, _folded, _stem);
                words.Add((analyzed.Folded.ToString(), analyzed.Stem.ToString(), analyzed.Exact));
            }

            return words;
        }

        private void AddNode(KnowledgeNode node, int topic)
        {
            Nodes.Add(node);
            var nodeIndex = Nodes.Count - 1;
            foreach (var keyword in node.Keywords.Where(k => k.Language == _language))
            {
                AddKeyword(keyword.Term, new Posting(nodeIndex, topic, node.Facet, keyword.Weight));
            }

            foreach (var child in node.Children)
            {
                AddNode(child, topic);
            }
        }

        private void AddKeyword(string text, Posting posting)
        {
            if (posting.Weight == 0)
            {
                return;
            }

            var (terms, literal) = Compile(RewriteForBuild(Analyze(text)));
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
            var tokens = new List<Token>();
            foreach (var (folded, stem, exact) in AnalyzedWords(text))
            {
                var isStop = Analyzer.StopWords.Contains(folded);
                var term = TermId(stem);
                if (!isStop)
                {
                    // A protected word's folded form may be another word ("traité" folds to "traite"): only its own stem
                    // is a correction target (and only if it is plain ASCII: "traite" and "traitement", never "traité").
                    if (!exact)
                    {
                        TypoWords.Add(new(folded, term));
                    }

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

    /// <summary>The two indexes of one snapshot, built together on first use.</summary>
    private sealed class LanguageIndexes(KnowledgeBase knowledge)
    {
        public Lazy<(MatcherIndex English, MatcherIndex French)> Both { get; } = new(() => Build(knowledge));
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

        public IReadOnlyList<Posting> Postings => _postings;

        public CompiledPhrase Compile() => new(terms, literal, [.. _postings]);
    }
}
