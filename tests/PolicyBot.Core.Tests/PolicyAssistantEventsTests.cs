using Moq;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests;

/// <summary>What the assistant tells the host about each turn: typed events with ids and scores, no user text.</summary>
public sealed class PolicyAssistantEventsTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
    private readonly Mock<IQuestionMatcher> _matcher = new(MockBehavior.Strict);
    private readonly PolicyAssistant _assistant;

    public PolicyAssistantEventsTests()
    {
        var knowledge = new Mock<IKnowledgeSource>();
        knowledge.Setup(k => k.Current).Returns(Knowledge);
        var cards = new Mock<ICardRenderer>();
        cards.Setup(c => c.Render(It.IsAny<DialogReply>(), Knowledge)).Returns(new ReplyMessage("reply"));
        _assistant = new PolicyAssistant(knowledge.Object, new DialogEngine(_matcher.Object), cards.Object);
    }

    private async Task<AssistantEvent> EventOf(UserInput input)
    {
        var reply = await _assistant.ReplyAsync(input, DialogContext.Start, CancellationToken.None);
        return Assert.Single(reply.Events);
    }

    [Fact]
    public async Task A_question_answered_by_keywords_is_a_turn_with_its_node_score_and_path()
    {
        var node = Knowledge.Find("protection-of-civilians")!;
        _matcher.Setup(m => m.Match("what is PoC", Knowledge, "en")).Returns(new MatchResult(MatchOutcome.Answer, node, null, 12.5, 0.9, ["poc"], []));

        var turn = Assert.IsType<TurnEvent>(await EventOf(UserInput.FromText("what is PoC")));

        Assert.Equal(ReplyKind.Node, turn.Outcome);
        Assert.Equal("node", turn.OutcomeName);
        Assert.Equal(UserInputKind.Text, turn.Input);
        Assert.Equal(Knowledge.ContentVersion, turn.ContentVersion);
        Assert.Equal(node.Id, turn.NodeId);
        Assert.Equal(node.TopicId, turn.TopicId);
        Assert.Equal(12.5, turn.Score);
        Assert.Equal(MatchPath.Keywords, turn.Path);
        Assert.Equal("keywords", turn.PathName);
        Assert.Empty(turn.Suggestions);
    }

    [Fact]
    public async Task A_question_answered_by_meaning_says_so()
    {
        var node = Knowledge.Find("human-security")!;
        _matcher.Setup(m => m.Match("keeping people safe", Knowledge, "en"))
            .Returns(new MatchResult(MatchOutcome.Answer, node, null, 0.71, 0.71, [], []) { Via = MatchPath.Meaning });

        var turn = Assert.IsType<TurnEvent>(await EventOf(UserInput.FromText("keeping people safe")));

        Assert.Equal("meaning", turn.PathName);
        Assert.Equal(0.71, turn.Score);
    }

    [Fact]
    public async Task A_click_or_a_welcome_has_no_score_and_no_path()
    {
        var turn = Assert.IsType<TurnEvent>(await EventOf(UserInput.Welcome));

        Assert.Equal(ReplyKind.Welcome, turn.Outcome);
        Assert.Equal(UserInputKind.Welcome, turn.Input);
        Assert.Null(turn.Score);
        Assert.Null(turn.Path);
        Assert.Null(turn.PathName);
    }

    [Fact]
    public async Task A_feedback_click_is_a_feedback_event_with_the_node_rated()
    {
        var feedback = Assert.IsType<FeedbackEvent>(await EventOf(UserInput.FromSubmit(SubmitActions.Feedback, "women-peace-security", "down")));

        Assert.Equal("women-peace-security", feedback.NodeId);
        Assert.Equal(Knowledge.Find("women-peace-security")!.TopicId, feedback.TopicId);
        Assert.Equal("down", feedback.Rating);
        Assert.Equal(Knowledge.ContentVersion, feedback.ContentVersion);
    }

    [Fact]
    public async Task The_note_sent_after_a_thumbs_down_is_a_comment_event_on_the_node_without_the_note_itself()
    {
        var input = UserInput.FromSubmit(SubmitActions.FeedbackComment, "women-peace-security", "the national action plans of 2024");

        var comment = Assert.IsType<FeedbackCommentEvent>(await EventOf(input));

        Assert.Equal("women-peace-security", comment.NodeId);
        Assert.Equal(Knowledge.ContentVersion, comment.ContentVersion);
        Assert.DoesNotContain("action plans", comment.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_question_never_appears_in_its_event()
    {
        _matcher.Setup(m => m.Match("my secret question", Knowledge, "en")).Returns(MatchResult.Nothing());

        var turn = Assert.IsType<TurnEvent>(await EventOf(UserInput.FromText("my secret question")));

        Assert.Equal(ReplyKind.Fallback, turn.Outcome);
        Assert.DoesNotContain("secret", turn.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_turn_carries_the_language_of_its_reply()
    {
        Assert.Equal("fr", Assert.IsType<TurnEvent>(await EventOf(UserInput.Welcome with { Locale = "fr-FR" })).Language);
        Assert.Equal("en", Assert.IsType<TurnEvent>(await EventOf(UserInput.Welcome)).Language);

        var reply = await _assistant.ReplyAsync(UserInput.FromText("aide"), new DialogContext { Language = "fr" }, CancellationToken.None);
        Assert.Equal("fr", Assert.IsType<TurnEvent>(Assert.Single(reply.Events)).Language);
        Assert.Equal("fr", reply.Context.Language);
    }

    [Theory]
    [InlineData("fr-FR", "PolicyBot charge encore")]
    [InlineData("en-US", "PolicyBot is still loading")]
    public async Task Before_content_is_loaded_the_user_is_told_so_in_their_language(string locale, string expected)
    {
        var empty = new Mock<IKnowledgeSource>();
        empty.Setup(k => k.Current).Returns((KnowledgeBase?)null);
        var assistant = new PolicyAssistant(empty.Object, new DialogEngine(_matcher.Object), new Mock<ICardRenderer>().Object);

        var reply = await assistant.ReplyAsync(UserInput.FromText("1") with { Locale = locale }, DialogContext.Start, CancellationToken.None);

        Assert.StartsWith(expected, Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
        Assert.False(assistant.IsReady);
    }
}
