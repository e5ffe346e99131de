using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>A small knowledge base shaped like knowledge/*.yaml, built in code.</summary>
internal static class TestKnowledge
{
    public static readonly SourceDocument PocPolicy = new(
        "poc-policy", "NATO Policy for the Protection of Civilians", "NATO Heads of State and Government, Warsaw Summit", "2016-07-09",
        new Uri("https://www.nato.int/cps/en/natohq/official_texts_133945.htm"));

    public static readonly SourceDocument TopicPage = new(
        "hs-topic-page", "Human Security (NATO topic page)", "NATO", "2021-02-26", new Uri("https://www.nato.int/cps/en/natohq/topics_181779.htm"));

    public static readonly SourceDocument Unlinked = new("bisc-2017", "Bi-SC Directive (public version)", "SHAPE and HQ SACT", "2017-10", null)
    {
        Note = "NOTE-DOCUMENT: only a third-party copy was seen.",
    };

    public static readonly SourceDocument VilniusPolicy = new(
        "vilnius-2023", "NATO Policy [2023]", "NATO", "2023-07-12", new Uri("https://www.nato.int/cps/en/natohq/official_texts_71856.htm"))
    {
        Note = "NOTE-DOCUMENT-2: dated by the page, not the text.",
    };

    /// <summary>When topics were checked against NATO's sources; the last topic has no date, to show nothing is shown then.</summary>
    public static readonly DateOnly CheckedOn = new(2026, 11, 12);

    /// <summary>The content owners' notes in this knowledge base, none of which may reach a card.</summary>
    public static IEnumerable<string> Notes(KnowledgeBase knowledge) =>
        knowledge.NodesById.Values.SelectMany(n => n.Obligations.Select(o => o.Note)
                .Concat(n.Changes.Select(c => c.Note))
                .Concat(n.Changes.Select(c => c.Source.Note))
                .Concat(n.Sources.Select(d => d.Note))
                .Concat(n.Obligations.Select(o => o.Source.Note)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    public static KnowledgeBase Create(int topicCount = 3, int obligationsOnFirstTopic = 2)
    {
        var topics = Enumerable.Range(0, topicCount).Select(i => Topic(i, i == 0 ? obligationsOnFirstTopic : 1, i < topicCount - 1 || topicCount == 1)).ToList();
        var root = new KnowledgeNode
        {
            Id = "root",
            TopicId = "root",
            Facet = Facet.Overview,
            Title = LocalizedText.English("NATO Human Security"),
            Summary = LocalizedText.English("PolicyBot answers questions about NATO's Human Security policies."),
            AsOf = new DateOnly(2021, 2, 26),
        };
        Link(root, topics);
        return new KnowledgeBase(root, [], [], "test");
    }

    private static KnowledgeNode Topic(int index, int obligations, bool isChecked)
    {
        var id = index == 0 ? "protection-of-civilians" : $"topic-{index}";
        var topic = new KnowledgeNode
        {
            Id = id,
            TopicId = id,
            Facet = Facet.Overview,
            Order = index + 1,
            Title = LocalizedText.English(index == 0 ? "Protection of Civilians (PoC)" : $"Topic {index}"),
            Status = LocalizedText.English("Endorsed at the 2016 Warsaw Summit"),
            AsOf = new DateOnly(2021, 2, 26),
            Checked = isChecked ? CheckedOn : null,
            Summary = LocalizedText.English("NATO protects civilians from harm in its operations and missions."),
            Obligations = [.. Enumerable.Range(1, obligations).Select(o => new Obligation(
                LocalizedText.English(o == 1 ? "NATO planners at all levels" : $"Party {o}"),
                LocalizedText.English($"Analyse the threats to civilians ({o})."),
                PocPolicy,
                LocalizedText.English($"Policy para {15 + o}")) { Note = $"NOTE-OBLIGATION-{index}-{o}: para {15 + o} was only partly visible." })],
            // Oldest first, as content owners write them; cards show the newest first.
            Changes =
            [
                new ChangeNote("2021-06", LocalizedText.English($"Allied leaders recalled the policy ({index})."), TopicPage) { Note = $"NOTE-CHANGE-{index}-A: page re-dated." },
                new ChangeNote("2023-07-12", LocalizedText.English($"At Vilnius Allies endorsed an updated policy ({index})."), VilniusPolicy) { Note = $"NOTE-CHANGE-{index}-B" },
                new ChangeNote("2022-06", LocalizedText.English("The 2022 Strategic Concept makes PoC central."), TopicPage),
            ],
            Sources = [PocPolicy, TopicPage, Unlinked],
            RelatedIds = index == 0 ? ["topic-1", "missing-id"] : ["protection-of-civilians"],
        };
        var children = new[] { Facet.Obligations, Facet.Scope, Facet.Status }.Select(f => new KnowledgeNode
        {
            Id = $"{id}.{f.ToString().ToLowerInvariant()}",
            TopicId = id,
            Facet = f,
            Title = LocalizedText.English($"{f} of {(index == 0 ? "PoC" : $"topic {index}")}"),
            Summary = LocalizedText.English($"The {f} of the policy."),
            Sources = [PocPolicy],
            RelatedIds = [id],
        }).ToList();
        Link(topic, children);
        return topic;
    }

    public static void Link(KnowledgeNode parent, IReadOnlyList<KnowledgeNode> children)
    {
        foreach (var child in children)
        {
            child.ParentId = parent.Id;
        }

        parent.Children = children;
    }
}
