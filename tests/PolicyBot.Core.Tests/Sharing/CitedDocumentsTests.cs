using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Sharing;
using PolicyBot.Core.Tests.Cards;
using RealKnowledge = PolicyBot.Core.Tests.Matching.TestKnowledge;

namespace PolicyBot.Core.Tests.Sharing;

/// <summary>Which topic a pasted NATO link unfurls into.</summary>
public sealed class CitedDocumentsTests
{
    private static readonly KnowledgeBase Knowledge = RealKnowledge.Real;

    [Fact]
    public void Every_page_a_topic_cites_leads_to_a_topic_that_cites_it()
    {
        var cited = CitedDocuments.For(Knowledge);
        var pages = Knowledge.Topics
            .SelectMany(t => Nodes(t).SelectMany(Documents).Select(d => (Topic: t, Url: d.Url)))
            .Where(p => p.Url is not null)
            .ToList();

        Assert.NotEmpty(pages);
        foreach (var group in pages.GroupBy(p => p.Url!.AbsoluteUri))
        {
            var page = cited.Find(group.Key);
            Assert.True(page is not null, $"{group.Key} leads nowhere");
            Assert.Contains(page.Topic.Id, group.Select(p => p.Topic.Id));
            Assert.True(page.Topic.IsTopic);
        }

        Assert.Equal(pages.Select(p => CitedDocuments.PageKey(p.Url!.AbsoluteUri)).Distinct().Count(), cited.Count);
    }

    [Theory]
    [InlineData("https://www.nato.int/cps/en/natohq/official_texts_133945.htm", "protection-of-civilians")]
    [InlineData("http://www.nato.int/cps/en/natohq/official_texts_133945.htm", "protection-of-civilians")]
    [InlineData("https://WWW.NATO.INT/cps/en/natohq/official_texts_133945.htm?selectedLocale=en", "protection-of-civilians")]
    [InlineData("https://www.nato.int/cps/en/natohq/official_texts_133945.htm#para14", "protection-of-civilians")]
    [InlineData("  https://www.nato.int/cps/en/natohq/official_texts_133945.htm  ", "protection-of-civilians")]
    [InlineData("https://www.nato.int/cps/en/natohq/topics_181779.htm", "human-security")]
    [InlineData("https://www.nato.int/docu/comm/2004/06-istanbul/docu-traffic.htm", "trafficking-in-human-beings")]
    public void A_cited_page_in_any_of_its_forms_leads_to_its_topic(string url, string topicId)
    {
        var page = CitedDocuments.For(Knowledge).Find(url);

        Assert.Equal(topicId, page?.Topic.Id);
        Assert.Null(page!.Language);
    }

    [Theory]
    [InlineData("https://www.nato.int/cps/en/natohq/news_1.htm")]
    [InlineData("https://www.nato.int/")]
    [InlineData("https://www.example.org/cps/en/natohq/official_texts_133945.htm")]
    [InlineData("ftp://www.nato.int/cps/en/natohq/official_texts_133945.htm")]
    [InlineData("/cps/en/natohq/official_texts_133945.htm")]
    [InlineData("not a link")]
    [InlineData("")]
    [InlineData(null)]
    public void Any_other_address_leads_nowhere(string? url)
    {
        Assert.Null(CitedDocuments.For(Knowledge).Find(url));
    }

    [Fact]
    public void A_documents_page_in_French_leads_to_its_topic_in_French()
    {
        var document = new SourceDocument("poc-policy", "NATO Policy for the Protection of Civilians", "NATO", "2016-07-09", new Uri("https://www.nato.int/cps/en/natohq/official_texts_133945.htm"))
        {
            Translations = new Dictionary<string, DocumentTranslation> { ["fr"] = new(null, null, new Uri("https://www.nato.int/cps/fr/natohq/official_texts_133945.htm")) },
        };
        var topic = new KnowledgeNode
        {
            Id = "protection-of-civilians",
            TopicId = "protection-of-civilians",
            Facet = Facet.Overview,
            Title = LocalizedText.English("Protection of Civilians"),
            Summary = LocalizedText.English("The policy."),
            Sources = [document],
        };
        var cited = CitedDocuments.For(ShareCardTests.SingleTopic(topic));

        Assert.Equal("fr", cited.Find("https://www.nato.int/cps/fr/natohq/official_texts_133945.htm")?.Language);
        Assert.Null(cited.Find("https://www.nato.int/cps/en/natohq/official_texts_133945.htm")?.Language);
    }

    [Fact]
    public void A_page_several_topics_cite_goes_to_the_one_that_cites_it_among_its_own_sources()
    {
        var shared = new SourceDocument("hs", "Human Security", "NATO", "2021", new Uri("https://www.nato.int/cps/en/natohq/topics_181779.htm"));
        var first = Topic("first", changeSource: shared, sources: []);
        var second = Topic("second", changeSource: null, sources: [shared]);
        var root = new KnowledgeNode { Id = "root", TopicId = "root", Facet = Facet.Overview, Title = LocalizedText.English("Root"), Summary = LocalizedText.English("Root.") };
        TestKnowledge.Link(root, [first, second]);

        var page = CitedDocuments.For(new KnowledgeBase(root, [], [], "t")).Find(shared.Url!.AbsoluteUri);

        Assert.Equal("second", page?.Topic.Id);
    }

    private static KnowledgeNode Topic(string id, SourceDocument? changeSource, IReadOnlyList<SourceDocument> sources) => new()
    {
        Id = id,
        TopicId = id,
        Facet = Facet.Overview,
        Title = LocalizedText.English(id),
        Summary = LocalizedText.English(id + "."),
        Sources = sources,
        Changes = changeSource is null ? [] : [new ChangeNote("2021", LocalizedText.English("A change."), changeSource)],
    };

    private static IEnumerable<KnowledgeNode> Nodes(KnowledgeNode node) => node.Children.SelectMany(Nodes).Prepend(node);

    private static IEnumerable<SourceDocument> Documents(KnowledgeNode node) =>
        node.Sources.Concat(node.Obligations.Select(o => o.Source)).Concat(node.Changes.Select(c => c.Source));
}
