using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Cards;

public sealed class RenderedCardCacheTests
{
    [Fact]
    public void The_same_reply_is_rendered_once_and_served_from_the_cache()
    {
        var knowledge = TestKnowledge.Create();
        var renderer = CardTestContext.Renderer();
        var reply = new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0], Options = knowledge.Topics[0].Children };

        Assert.Same(renderer.Render(reply, knowledge), renderer.Render(reply with { }, knowledge));
    }

    [Fact]
    public void Anything_the_card_shows_makes_a_different_key()
    {
        var knowledge = TestKnowledge.Create();
        var topic = knowledge.Topics[0];
        var baseline = new DialogReply(ReplyKind.Node) { Node = topic };
        var match = new MatchResult(MatchOutcome.Answer, topic, null, 10, 0.8, ["a"], []);
        string Key(DialogReply reply, string version = "v1", int generation = 0) => RenderedCardCache.Key(reply, version, generation);

        var keys = new[]
        {
            Key(baseline),
            Key(baseline, version: "v2"),
            Key(baseline, generation: 1),
            Key(baseline with { Kind = ReplyKind.Menu }),
            Key(baseline with { Language = "fr" }),
            Key(baseline with { Node = knowledge.Topics[1] }),
            Key(baseline with { Options = [knowledge.Topics[1]] }),
            Key(baseline with { OfferContact = true }),
            Key(baseline with { FeedbackRating = "up" }),
            Key(baseline with { Match = match }),
            Key(baseline with { Match = match with { MatchedTerms = ["a", "b"] } }),
            Key(baseline with { Match = match with { MatchedTerms = ["a|b"] } }),
            Key(baseline with { Suggestions = [knowledge.Topics[1]] }),
            Key(baseline with { Match = match with { MatchedTerms = [], ClosestExample = "how do we keep civilians safe?" } }),
            Key(baseline with { Match = match with { MatchedTerms = [], ClosestExample = "how do we keep children safe?" } }),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void A_reply_repeating_the_users_text_is_not_kept()
    {
        var knowledge = TestKnowledge.Create();
        var renderer = CardTestContext.Renderer();
        var reply = new DialogReply(ReplyKind.Fallback) { Options = knowledge.Topics, EchoedText = "my private question" };

        Assert.NotSame(renderer.Render(reply, knowledge), renderer.Render(reply, knowledge));
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var cache = new RenderedCardCache();
        for (var i = 0; i < RenderedCardCache.MaxEntries + 10; i++)
        {
            cache.GetOrRender("key" + i, () => new ReplyMessage("x"));
        }

        Assert.True(cache.Count <= RenderedCardCache.MaxEntries);
    }
}
