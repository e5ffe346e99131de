using PolicyBot.Core.Knowledge;

namespace PolicyBot.Benchmarks;

/// <summary>
/// A knowledge base shaped like the real one but with thousands of topics: each has a three-word name (10), an
/// acronym (8), five distinctive two-word phrases (4-7), two generic words shared with about a hundred other topics
/// (2), a near-miss phrase (-8) and five sub-questions with a keyword each. Seeded, so every run is the same.
/// </summary>
internal sealed class SyntheticKnowledge
{
    private const int GenericWords = 200;
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "be", "do", "fa", "gu", "pe", "sa", "ti", "ri", "no", "me", "la", "ko"];
    private static readonly Facet[] SubQuestions = [Facet.Obligations, Facet.Scope, Facet.Status, Facet.Resolutions, Facet.Documents];

    // Synthetic data, not security: a seeded Random keeps every run identical.
#pragma warning disable CA5394
    private readonly Random _random;
    private readonly string[] _words;

    private SyntheticKnowledge(int topics, int seed)
    {
        _random = new Random(seed);
        _words = PseudoWords(GenericWords + (topics * 16));
        var nodes = new List<KnowledgeNode>();
        var names = new List<string>();
        var acronyms = new List<string>();
        var phrases = new List<string>();
        for (var i = 0; i < topics; i++)
        {
            var unique = _words.AsSpan(GenericWords + (i * 16), 16).ToArray();
            var name = string.Join(' ', unique[..3]);
            var acronym = "x" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "q";
            var keywords = new List<Keyword> { new(name, 10, "en"), new(acronym, 8, "en") };
            for (var p = 0; p < 5; p++)
            {
                var phrase = unique[3 + p] + " " + Pick(_words);
                keywords.Add(new Keyword(phrase, 4 + _random.Next(4), "en"));
                phrases.Add(phrase);
            }

            keywords.Add(new Keyword(_words[_random.Next(GenericWords)], 2, "en"));
            keywords.Add(new Keyword(_words[_random.Next(GenericWords)], 2, "en"));
            keywords.Add(new Keyword(_words[_random.Next(GenericWords)] + " " + unique[8], -8, "en"));

            var id = "topic-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var children = SubQuestions.Select((facet, f) => Node(id + "." + facet.ToString().ToLowerInvariant(), id, facet, [new Keyword(unique[9 + f] + " " + Pick(_words), 3 + _random.Next(3), "en")])).ToList();
            var topic = Node(id, id, Facet.Overview, keywords);
            topic.Children = children;
            children.ForEach(c => c.ParentId = id);
            nodes.Add(topic);
            names.Add(name);
            acronyms.Add(acronym);
        }

        var root = Node("root", "root", Facet.Overview, []);
        root.Children = nodes;
        nodes.ForEach(n => n.ParentId = root.Id);
        var facets = new[]
        {
            new FacetDefinition(Facet.Scope, LocalizedText.English("Who does it apply to?"), [new Keyword("apply to", 6, "en")]),
            new FacetDefinition(Facet.Status, LocalizedText.English("When was it adopted?"), [new Keyword("when was", 6, "en"), new Keyword("adopted", 5, "en")]),
        };
        Knowledge = new KnowledgeBase(root, facets, [new SynonymGroup(names[0], [acronyms[0] + " alias"], "en")], "synthetic");
        Questions = MakeQuestions(names, acronyms, phrases);
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>Names, acronyms with a facet, misspelt phrases, generic words only, and unrelated questions, in turn.</summary>
    public IReadOnlyList<string> Questions { get; }

    public static SyntheticKnowledge Create(int topics, int seed = 20_240_601) => new(topics, seed);

    private string Pick(string[] words) => words[GenericWords + _random.Next(words.Length - GenericWords)];

    private List<string> MakeQuestions(List<string> names, List<string> acronyms, List<string> phrases)
    {
        var questions = new List<string>();
        for (var q = 0; q < 200; q++)
        {
            var topic = _random.Next(names.Count);
            questions.Add((q % 5) switch
            {
                0 => $"What is the NATO policy on {names[topic]}?",
                1 => $"Who does the {acronyms[topic].ToUpperInvariant()} guidance apply to, and when was it adopted?",
                2 => $"Tell me about {Misspell(phrases[_random.Next(phrases.Count)])} in operations",
                3 => $"What about {_words[_random.Next(GenericWords)]} and {_words[_random.Next(GenericWords)]}?",
                _ => "How do I renew the parking permit for my car at headquarters before the end of the month?",
            });
        }

        return questions;
    }

    private string Misspell(string phrase)
    {
        var chars = phrase.ToCharArray();
        var i = 1 + _random.Next(Math.Max(1, phrase.IndexOf(' ', StringComparison.Ordinal) - 2));
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }

    private string[] PseudoWords(int count)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>(count);
        while (ordered.Count < count)
        {
            var syllables = 3 + _random.Next(3);
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[_random.Next(Syllables.Length)])) + "n";
            if (words.Add(word))
            {
                ordered.Add(word);
            }
        }

        return [.. ordered];
    }
#pragma warning restore CA5394

    private static KnowledgeNode Node(string id, string topicId, Facet facet, List<Keyword> keywords) => new()
    {
        Id = id,
        TopicId = topicId,
        Facet = facet,
        Title = LocalizedText.English(id),
        Summary = LocalizedText.English(id),
        Keywords = keywords,
    };
}
