using Moq;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Sharing;
using PolicyBot.Core.Tests.Cards;
using RealKnowledge = PolicyBot.Core.Tests.Matching.TestKnowledge;

namespace PolicyBot.Core.Tests.Sharing;

/// <summary>What a host's message extension and link previews get: answers with their result-list lines and shareable cards.</summary>
public sealed class PolicySharingTests
{
    private static readonly Uri AskUrl = new("https://teams.microsoft.com/l/chat/0/0?users=28:bot");
    private static readonly ShareRequest English = new("en", AskUrl);

    private readonly Mock<IKnowledgeSource> _source = new();
    private readonly PolicySharing _sharing;

    public PolicySharingTests()
    {
        _source.SetupGet(s => s.Current).Returns(RealKnowledge.Real);
        _sharing = new PolicySharing(_source.Object, new PolicySearch(RealKnowledge.Matcher()), CardTestContext.Renderer());
    }

    [Fact]
    public void Each_result_has_its_title_topic_one_line_summary_and_a_valid_shareable_card()
    {
        var results = _sharing.Search("children in armed conflict", English);

        Assert.Equal("children-armed-conflict", results[0].NodeId);
        foreach (var result in results)
        {
            var node = RealKnowledge.Real.Find(result.NodeId)!;
            Assert.Equal(node.Title.Get(), result.Title);
            Assert.Equal(RealKnowledge.Real.Find(node.TopicId)!.Title.Get(), result.Topic);
            Assert.InRange(result.Summary.Length, 10, PolicySharing.SummaryLength);
            Assert.StartsWith(result.Summary.TrimEnd('…'), node.Summary.Get(), StringComparison.Ordinal);
            var card = ShareCardTests.AssertShareable(result.Message);
            Assert.Equal(result.Title, card["body"]![0]!["text"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A_node_is_found_by_id_but_never_the_root_or_an_unknown_id()
    {
        Assert.Equal("women-peace-security.scope", _sharing.Find("women-peace-security.scope", English)?.NodeId);
        Assert.Null(_sharing.Find("root", English));
        Assert.Null(_sharing.Find("no-such-node", English));
        Assert.Null(_sharing.Find(null, English));
    }

    [Fact]
    public void A_cited_page_gives_its_topics_answer_and_any_other_page_nothing()
    {
        var shared = _sharing.ForPage("https://www.nato.int/cps/en/natohq/official_texts_133945.htm?selectedLocale=en", English);

        Assert.Equal("protection-of-civilians", shared?.NodeId);
        Assert.Contains(AskUrl.AbsoluteUri, shared!.Message.CardJson!, StringComparison.Ordinal);
        Assert.Null(_sharing.ForPage("https://www.nato.int/cps/en/natohq/news_1.htm", English));
    }

    [Fact]
    public void Before_the_content_is_loaded_nothing_is_found()
    {
        _source.SetupGet(s => s.Current).Returns((KnowledgeBase?)null);

        Assert.False(_sharing.IsReady);
        Assert.Empty(_sharing.Search(null, English));
        Assert.Null(_sharing.Find("protection-of-civilians", English));
        Assert.Null(_sharing.ForPage("https://www.nato.int/cps/en/natohq/official_texts_133945.htm", English));
    }

    [Theory]
    [InlineData("One sentence. Another one.", "One sentence.")]
    [InlineData("No full stop at all", "No full stop at all")]
    [InlineData("NATO's U.N. ties.", "NATO's U.N. ties.")]
    public void The_result_line_is_the_summarys_first_sentence(string summary, string line)
    {
        Assert.Equal(line, PolicySharing.OneLine(summary));
    }

    [Fact]
    public void A_long_first_sentence_is_cut_to_one_line()
    {
        var line = PolicySharing.OneLine(new string('x', 400) + ". Next.");

        Assert.Equal(PolicySharing.SummaryLength, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }
}
