using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;
using PolicyBot.Core.Sharing;
using PolicyBot.Testing;
using Xunit.Abstractions;
using TestKnowledge = PolicyBot.Core.Tests.Matching.TestKnowledge;

namespace PolicyBot.Core.Tests.Sharing;

/// <summary>The message extension's search on the real content, with the chat's matcher.</summary>
public sealed class PolicySearchTests(ITestOutputHelper output)
{
    private static readonly KnowledgeBase Knowledge = TestKnowledge.Real;
    private static readonly Lazy<MeaningStage> LazyStage = new(() => SharedMeaning.Stage(Knowledge));

    private static PolicySearch KeywordsOnly => new(TestKnowledge.Matcher());

    private static PolicySearch TwoStage => new(new TwoStageMatcher(TestKnowledge.Matcher(), LazyStage.Value), LazyStage.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_search_lists_the_seven_topics_in_menu_order(string? query)
    {
        var results = KeywordsOnly.Search(query, Knowledge, "en");

        Assert.Equal(Knowledge.Topics.Select(t => t.Id), Ids(results));
        Assert.Equal(7, results.Count);
    }

    [Fact]
    public void A_policy_named_lists_its_topic_first_then_what_can_be_shared_about_it()
    {
        var results = Ids(KeywordsOnly.Search("civilian protection", Knowledge, "en"));

        Assert.Equal("protection-of-civilians", results[0]);
        Assert.Equal(Knowledge.Find("protection-of-civilians")!.Children.Select(c => c.Id), results.Skip(1).Take(5));
    }

    [Fact]
    public void A_question_lists_the_node_it_would_be_answered_with_first_then_its_topic()
    {
        var results = Ids(KeywordsOnly.Search("who is bound by the WPS policy", Knowledge, "en"));
        output.WriteLine(string.Join(", ", results));

        Assert.Equal(["women-peace-security.scope", "women-peace-security"], results.Take(2));
        Assert.Equal(results.Count, results.Distinct().Count());
    }

    [Fact]
    public void A_search_that_names_two_policies_lists_both_topics()
    {
        var results = Ids(KeywordsOnly.Search("trafficking and sexual violence", Knowledge, "en"));
        output.WriteLine(string.Join(", ", results));

        Assert.Contains("trafficking-in-human-beings", results.Take(3));
        Assert.Contains("conflict-related-sexual-violence", results.Take(3));
    }

    [Fact]
    public void A_kind_of_question_without_a_policy_lists_each_topics_answer_to_it()
    {
        var results = Ids(KeywordsOnly.Search("who does it apply to", Knowledge, "en"));

        Assert.Equal(Knowledge.Topics.Select(t => Knowledge.FindFacet(t.Id, Facet.Scope)?.Id).OfType<string>(), results);
    }

    [Fact]
    public void Results_are_capped_and_never_include_the_root()
    {
        var results = KeywordsOnly.Search("human security", Knowledge, "en", maxResults: 3);

        Assert.Equal(3, results.Count);
        Assert.DoesNotContain(results, n => n.IsRoot);
        Assert.Throws<ArgumentOutOfRangeException>(() => KeywordsOnly.Search("x", Knowledge, "en", maxResults: 0));
    }

    [Fact]
    public void Nothing_the_policies_cover_finds_nothing_but_what_the_chat_would_suggest()
    {
        const string query = "weather forecast for Brussels tomorrow";
        var chat = new TwoStageMatcher(TestKnowledge.Matcher(), LazyStage.Value).Match(query, Knowledge);

        Assert.Empty(Ids(KeywordsOnly.Search(query, Knowledge, "en")));
        Assert.Equal(Ids(chat.Suggestions), Ids(TwoStage.Search(query, Knowledge, "en")));
    }

    [Fact]
    public void When_the_keywords_find_nothing_the_meaning_stage_lists_the_closest_nodes()
    {
        const string query = "boys and girls made to carry guns for rebels";
        Assert.DoesNotContain(KeywordsOnly.Search(query, Knowledge, "en"), n => n.TopicId == "children-armed-conflict");

        var results = TwoStage.Search(query, Knowledge, "en");
        output.WriteLine(string.Join(", ", Ids(results)));

        Assert.Equal("children-armed-conflict", results[0].Id);
        Assert.InRange(results.Count, 2, PolicySearch.DefaultMaxResults);
    }

    [Fact]
    public void A_French_search_in_other_words_lists_the_closest_nodes_through_its_English_gloss()
    {
        const string query = "des gamins forcés de porter des fusils pour les rebelles";
        Assert.DoesNotContain(KeywordsOnly.Search(query, Knowledge, "fr"), n => n.TopicId == "children-armed-conflict");

        var results = TwoStage.Search(query, Knowledge, "fr");
        output.WriteLine(string.Join(", ", Ids(results)));

        Assert.Contains(results.Take(3), n => n.TopicId == "children-armed-conflict");
    }

    [Fact]
    public void A_search_whose_words_the_French_glossary_does_not_know_gets_nothing_from_meaning_in_French()
    {
        const string query = "boys and girls made to carry guns for rebels";

        Assert.NotEmpty(TwoStage.Search(query, Knowledge, "en"));
        Assert.Empty(Ids(TwoStage.Search(query, Knowledge, "fr")));
    }

    private static List<string> Ids(IEnumerable<KnowledgeNode> nodes) => [.. nodes.Select(n => n.Id)];
}
