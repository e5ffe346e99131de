using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>Small knowledge bases built in code, and the real one, for matcher tests.</summary>
internal static class TestKnowledge
{
    private static readonly Lazy<KnowledgeBase> LazyReal = new(() =>
        KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge ?? throw new InvalidOperationException("the real knowledge base does not load"));

    public static KnowledgeBase Real => LazyReal.Value;

    public static PolicyMatcher Matcher(MatcherOptions? options = null) => PolicyMatcher.Create(options);

    public static KnowledgeNode Topic(string id, (string Term, int Weight)[] keywords, params KnowledgeNode[] children) =>
        Topic(id, keywords, [], children);

    /// <summary>A topic with English and French keywords.</summary>
    public static KnowledgeNode Topic(string id, (string Term, int Weight)[] keywords, (string Term, int Weight)[] french, params KnowledgeNode[] children)
    {
        var topic = Node(id, id, Facet.Overview, keywords, french);
        topic.Children = children;
        foreach (var child in children)
        {
            child.ParentId = id;
        }

        return topic;
    }

    public static KnowledgeNode Sub(string topicId, Facet facet, params (string Term, int Weight)[] keywords) =>
        Node(topicId + "." + facet.ToString().ToLowerInvariant(), topicId, facet, keywords, []);

    public static KnowledgeBase Build(KnowledgeNode[] topics, FacetDefinition[]? facets = null, SynonymGroup[]? synonyms = null)
    {
        var root = Node("root", "root", Facet.Overview, [], []);
        root.Children = topics;
        foreach (var topic in topics)
        {
            topic.ParentId = root.Id;
        }

        return new KnowledgeBase(root, facets ?? [], synonyms ?? [], "test");
    }

    public static FacetDefinition FacetCues(Facet facet, params (string Term, int Weight)[] keywords) =>
        new(facet, LocalizedText.English(facet.ToString()), Keywords(keywords, "en"));

    /// <summary>A facet with English and French cues.</summary>
    public static FacetDefinition FacetCues(Facet facet, (string Term, int Weight)[] keywords, (string Term, int Weight)[] french) =>
        new(facet, LocalizedText.English(facet.ToString()), [.. Keywords(keywords, "en"), .. Keywords(french, "fr")]);

    public static SynonymGroup Synonyms(string canonical, params string[] variants) => new(canonical, variants, "en");

    public static SynonymGroup FrenchSynonyms(string canonical, params string[] variants) => new(canonical, variants, "fr");

    /// <summary>A knowledge base shaped like the real one, small enough to reason about in a test.</summary>
    public static KnowledgeBase Sample() => Build(
        [
            Topic("civilians",
                [("protection of civilians", 10), ("civilian casualties", 7), ("civilians", 3), ("protection", 2), ("data protection", -9), ("force protection", -10)],
                Sub("civilians", Facet.Scope, ("partner nations", 3)),
                Sub("civilians", Facet.Status, ("2016", 4)),
                Sub("civilians", Facet.Resolutions)),
            Topic("heritage",
                [("cultural property protection", 10), ("cultural property", 9), ("monument", 7), ("cultural", 3), ("protection", 2), ("cultural awareness", -6)],
                Sub("heritage", Facet.Scope),
                Sub("heritage", Facet.Resolutions, ("UNSCR 2347", 9))),
            Topic("trafficking",
                [("trafficking in human beings", 10), ("trafficking", 6), ("contractors", 4), ("drug trafficking", -10)],
                Sub("trafficking", Facet.Scope, ("contractors", 5))),
        ],
        [
            FacetCues(Facet.Scope, ("apply to", 6), ("who is covered", 6)),
            FacetCues(Facet.Status, ("when was", 6), ("adopted", 5), ("when", 2)),
            FacetCues(Facet.Resolutions, ("UNSCR", 7), ("resolution", 6)),
        ],
        [
            Synonyms("protection of civilians", "PoC", "civilian protection"),
            Synonyms("trafficking in human beings", "THB", "human trafficking"),
            Synonyms("UNSCR", "UN Security Council resolution", "Security Council resolution"),
            Synonyms("defence", "defense"),
        ]);

    private static KnowledgeNode Node(string id, string topicId, Facet facet, (string Term, int Weight)[] keywords, (string Term, int Weight)[] french) => new()
    {
        Id = id,
        TopicId = topicId,
        Facet = facet,
        Title = LocalizedText.English(id),
        Summary = LocalizedText.English("About " + id),
        Keywords = [.. Keywords(keywords, "en"), .. Keywords(french, "fr")],
    };

    private static List<Keyword> Keywords((string Term, int Weight)[] keywords, string language) =>
        keywords.Select(k => new Keyword(k.Term, k.Weight, language)).ToList();
}
