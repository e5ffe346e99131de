using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>The "what's new" timeline: every topic's changes, newest first, each with its topic button and source link.</summary>
public sealed class WhatsNewCardTests
{
    [Fact]
    public void The_timeline_is_newest_first_with_a_topic_button_and_a_source_link_per_change()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var (card, text) = Render(knowledge, null);

        Assert.Equal("What changed since 2021", card["body"]![0]!["text"]!.GetValue<string>());
        var entries = Entries(card, "timeline");
        Assert.Equal(CardModelBuilder.TimelineShown, entries.Count);
        var all = entries.Concat(Entries(card, "timelineEarlier")).ToList();
        Assert.Equal(9, all.Count);
        Assert.Equal(["12 Jul 2023", "12 Jul 2023", "12 Jul 2023", "Jun 2022", "Jun 2022", "Jun 2022", "Jun 2021", "Jun 2021", "Jun 2021"], all.Select(e => e.Date));
        Assert.Equal(["protection-of-civilians", "topic-1", "topic-2"], all.Take(3).Select(e => e.TopicId));
        Assert.Equal("**12 Jul 2023** · At Vilnius Allies endorsed an updated policy (0).", all[0].Text);
        Assert.Equal(@"Source: [NATO Policy \[2023\]](https://www.nato.int/cps/en/natohq/official_texts_71856.htm)", all[0].Source);
        Assert.Equal("Protection of Civilians (PoC)", all[0].Button);

        var toggle = Assert.Single(AnswerFirstCardTests.Toggles(card));
        Assert.Equal(("▸ Earlier changes (4)", "timelineEarlier"), toggle);
        Assert.False(AnswerFirstCardTests.Element(card, "timelineEarlier")!["isVisible"]!.GetValue<bool>());

        // The plain text lists every change in the same order, with its topic and source address.
        var lines = text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal("- 12 Jul 2023 (Protection of Civilians (PoC)): At Vilnius Allies endorsed an updated policy (0). Source: NATO Policy [2023], https://www.nato.int/cps/en/natohq/official_texts_71856.htm", lines[0]);
    }

    [Fact]
    public void A_year_keeps_only_its_changes_and_since_keeps_that_year_and_later()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);

        var (in2022, _) = Render(knowledge, new WhatsNewRequest(2022, Since: false));
        Assert.Equal("What changed in 2022", in2022["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["Jun 2022", "Jun 2022", "Jun 2022"], Entries(in2022, "timeline").Select(e => e.Date));
        Assert.Null(AnswerFirstCardTests.Element(in2022, "timelineEarlier"));

        var (since2022, _) = Render(knowledge, new WhatsNewRequest(2022, Since: true));
        Assert.Equal("What changed since 2022", since2022["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(6, Entries(since2022, "timeline").Count + Entries(since2022, "timelineEarlier").Count);
    }

    [Fact]
    public void A_year_without_changes_says_so_and_shows_them_all()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var (card, _) = Render(knowledge, new WhatsNewRequest(2019, Since: false));
        Assert.StartsWith("Nothing is recorded for that time", card["body"]![1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(9, Entries(card, "timeline").Count + Entries(card, "timelineEarlier").Count);
    }

    [Fact]
    public void The_checked_date_shows_only_when_every_topic_has_one_and_is_the_oldest()
    {
        var someUnchecked = TestKnowledge.Create(topicCount: 3);
        var allChecked = TestKnowledge.Create(topicCount: 1);

        Assert.DoesNotContain("Checked against", Render(someUnchecked, null).Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Checked against NATO sources: 12 Nov 2026", AnswerFirstCardTests.Visible(Render(allChecked, null).Card).Select(v => v.Text));
    }

    [Fact]
    public void The_real_timeline_is_one_valid_card_with_the_newest_changes()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var (card, _) = Render(knowledge, null);
        var count = knowledge.Topics.Sum(t => t.Changes.Count);
        Assert.Equal(Math.Min(count, CardModelBuilder.TimelineMax), Entries(card, "timeline").Count + Entries(card, "timelineEarlier").Count);
        Assert.All(Entries(card, "timeline").Concat(Entries(card, "timelineEarlier")), e => Assert.NotNull(knowledge.Find(e.TopicId)));
    }

    /// <summary>A fresh renderer each time: its cache keys on the content version, the same for every test knowledge base.</summary>
    private static (JsonNode Card, string Text) Render(KnowledgeBase knowledge, WhatsNewRequest? request)
    {
        var message = CardTestContext.Renderer().Render(new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = request }, knowledge);
        Testing.AdaptiveCardSchema.AssertValid(message.CardJson!);
        return (JsonNode.Parse(message.CardJson!)!, message.Text);
    }

    private static List<(string Date, string Text, string Source, string Button, string TopicId)> Entries(JsonNode card, string id)
    {
        var container = id == "timeline"
            ? card["body"]!.AsArray().OfType<JsonObject>().SingleOrDefault(o => o["items"] is JsonArray items && items.Count > 0 && items[0]!["items"]?[2]?["type"]?.GetValue<string>() == "ActionSet" && o["id"] is null)
            : AnswerFirstCardTests.Element(card, id);
        if (container is null)
        {
            return [];
        }

        return [.. container["items"]!.AsArray().Select(entry =>
        {
            var items = entry!["items"]!.AsArray();
            var text = items[0]!["text"]!.GetValue<string>();
            var action = items[2]!["actions"]![0]!;
            return (text[2..text.IndexOf("**", 2, StringComparison.Ordinal)], text, items[1]!["text"]!.GetValue<string>(), action["title"]!.GetValue<string>(), action["data"]!["id"]!.GetValue<string>());
        })];
    }
}
