using Moq;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Dialog;

public sealed class DialogEngineTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
    private readonly Mock<IQuestionMatcher> _matcher = new(MockBehavior.Strict);
    private readonly DialogEngine _engine;

    public DialogEngineTests() => _engine = new DialogEngine(_matcher.Object);

    private static KnowledgeNode Node(string id) => Knowledge.Find(id)!;

    private void Matches(string text, MatchResult result) => _matcher.Setup(m => m.Match(text, Knowledge, "en")).Returns(result);

    private static MatchResult Answer(string nodeId) => new(MatchOutcome.Answer, Node(nodeId), null, 12, 0.9, ["term"], []);

    [Fact]
    public void Welcome_offers_the_topic_menu()
    {
        var turn = _engine.Respond(UserInput.Welcome, DialogContext.Start, Knowledge);

        Assert.Equal(ReplyKind.Welcome, turn.Reply.Kind);
        Assert.Equal(Knowledge.Topics, turn.Reply.Options);
        Assert.Equal(Knowledge.Topics.Select(t => t.Id), turn.Context.OfferedNodeIds);
    }

    [Fact]
    public void A_matched_question_shows_the_node_and_offers_its_sub_questions()
    {
        Matches("what is PoC", Answer("protection-of-civilians"));

        var turn = _engine.Respond(UserInput.FromText("what is PoC"), DialogContext.Start, Knowledge);

        Assert.Equal(ReplyKind.Node, turn.Reply.Kind);
        Assert.Equal("protection-of-civilians", turn.Reply.Node!.Id);
        Assert.Equal("protection-of-civilians", turn.Context.CurrentNodeId);
        Assert.Equal(Node("protection-of-civilians").Children.Select(c => c.Id), turn.Context.OfferedNodeIds);
    }

    [Fact]
    public void A_follow_up_naming_only_a_facet_resolves_within_the_current_topic()
    {
        Matches("who does it apply to?", MatchResult.Nothing(Facet.Scope));
        var context = new DialogContext { CurrentNodeId = "children-armed-conflict" };

        var turn = _engine.Respond(UserInput.FromText("who does it apply to?"), context, Knowledge);

        Assert.Equal("children-armed-conflict.scope", turn.Reply.Node!.Id);
    }

    [Theory]
    [InlineData("sources", "women-peace-security.documents")]
    [InlineData("more", "women-peace-security.obligations")]
    public void Navigation_words_stay_within_the_topic(string text, string expected)
    {
        var turn = _engine.Respond(UserInput.FromText(text), new DialogContext { CurrentNodeId = "women-peace-security" }, Knowledge);
        Assert.Equal(expected, turn.Reply.Node!.Id);
    }

    [Fact]
    public void Back_returns_to_the_previous_node_and_then_to_the_menu()
    {
        var context = new DialogContext { CurrentNodeId = "human-security.status", History = ["human-security"] };

        var first = _engine.Respond(UserInput.FromText("back"), context, Knowledge);
        Assert.Equal("human-security", first.Reply.Node!.Id);

        var second = _engine.Respond(UserInput.FromText("Back!"), first.Context, Knowledge);
        Assert.Equal(ReplyKind.Menu, second.Reply.Kind);
    }

    [Theory]
    [InlineData("help", ReplyKind.Help)]
    [InlineData("Menu", ReplyKind.Menu)]
    [InlineData("start over", ReplyKind.Menu)]
    public void Help_and_menu_always_work(string text, ReplyKind expected)
    {
        var turn = _engine.Respond(UserInput.FromText(text), new DialogContext { CurrentNodeId = "human-security", MissesInARow = 1 }, Knowledge);
        Assert.Equal(expected, turn.Reply.Kind);
    }

    [Fact]
    public void A_number_or_a_title_chooses_among_the_options_just_offered()
    {
        var menu = _engine.Respond(UserInput.FromText("menu"), DialogContext.Start, Knowledge).Context;

        Assert.Equal(Knowledge.Topics[2].Id, _engine.Respond(UserInput.FromText("3"), menu, Knowledge).Reply.Node!.Id);
        Assert.Equal(Knowledge.Topics[1].Id, _engine.Respond(UserInput.FromText(Knowledge.Topics[1].Title.Get()), menu, Knowledge).Reply.Node!.Id);
    }

    [Fact]
    public void Disambiguation_offers_the_candidates_then_a_number_picks_one()
    {
        Matches("protection", new MatchResult(MatchOutcome.Disambiguate, null, null, 4, 0.4, ["protection"], [new("protection-of-civilians", 4), new("cultural-property-protection", 4)]));

        var ask = _engine.Respond(UserInput.FromText("protection"), DialogContext.Start, Knowledge);
        Assert.Equal(ReplyKind.Disambiguation, ask.Reply.Kind);
        Assert.Equal(["protection-of-civilians", "cultural-property-protection"], ask.Context.OfferedNodeIds);

        var pick = _engine.Respond(UserInput.FromText("2"), ask.Context, Knowledge);
        Assert.Equal("cultural-property-protection", pick.Reply.Node!.Id);
    }

    [Fact]
    public void Two_misses_in_a_row_offer_the_contact_and_a_hit_resets_the_count()
    {
        Matches("cyber defence", MatchResult.Nothing());
        Matches("what is WPS", Answer("women-peace-security"));

        var first = _engine.Respond(UserInput.FromText("cyber defence"), DialogContext.Start, Knowledge);
        Assert.False(first.Reply.OfferContact);
        Assert.Equal("cyber defence", first.Reply.EchoedText);
        var second = _engine.Respond(UserInput.FromText("cyber defence"), first.Context, Knowledge);
        Assert.True(second.Reply.OfferContact);
        Assert.Equal(0, _engine.Respond(UserInput.FromText("what is WPS"), second.Context, Knowledge).Context.MissesInARow);
    }

    [Fact]
    public void A_click_is_routed_by_its_payload_without_conversation_state()
    {
        var turn = _engine.Respond(UserInput.FromSubmit(SubmitActions.Node, "trafficking-in-human-beings.status"), DialogContext.Start, Knowledge);
        Assert.Equal("trafficking-in-human-beings.status", turn.Reply.Node!.Id);
        _matcher.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(SubmitActions.Node, "no-such-node", null)]
    [InlineData("explode", "human-security", null)]
    [InlineData(SubmitActions.Feedback, "human-security", "sideways")]
    public void A_click_with_an_unknown_node_or_a_wrong_shape_gets_the_fallback_menu(string action, string id, string? value)
    {
        var turn = _engine.Respond(UserInput.FromSubmit(action, id, value), DialogContext.Start, Knowledge);
        Assert.Equal(ReplyKind.Fallback, turn.Reply.Kind);
        Assert.Equal(0, turn.Context.MissesInARow);
    }

    [Fact]
    public void Feedback_is_acknowledged_without_moving()
    {
        var context = new DialogContext { CurrentNodeId = "human-security" };
        var turn = _engine.Respond(UserInput.FromSubmit(SubmitActions.Feedback, "human-security", "up"), context, Knowledge);

        Assert.Equal(ReplyKind.FeedbackThanks, turn.Reply.Kind);
        Assert.Equal("up", turn.Reply.FeedbackRating);
        Assert.Equal(context with { Language = "en" }, turn.Context);
    }

    [Theory]
    [InlineData("the date it applies from")]
    [InlineData(null)]
    public void The_note_after_a_thumbs_down_is_thanked_without_moving_even_when_empty(string? note)
    {
        var context = new DialogContext { CurrentNodeId = "human-security" };
        var turn = _engine.Respond(UserInput.FromSubmit(SubmitActions.FeedbackComment, "human-security", note), context, Knowledge);

        Assert.Equal(ReplyKind.FeedbackCommentThanks, turn.Reply.Kind);
        Assert.Equal("human-security", turn.Reply.Node!.Id);
        Assert.Equal(context with { Language = "en" }, turn.Context); // only the reply's language is recorded
    }
}
