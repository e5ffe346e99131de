using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using Xunit.Abstractions;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>
/// Issue 13: the answer comes first (title, the answer to the facet asked, its sources), then the latest change in
/// one line, and everything else folded behind Action.ToggleVisibility; the plain text keeps the same order; no
/// content owner's note or research wording reaches a card.
/// </summary>
public sealed class AnswerFirstCardTests(ITestOutputHelper output)
{
    /// <summary>Wording about our research, not for the reader (content review 2026-11, section 7).</summary>
    private static readonly string[] ResearchWording =
    [
        "visible to us", "not visible", "third-party copy", "third-party summary", "9pdf", "not seen", "could not be checked",
    ];

    private readonly CardRenderer _renderer = CardTestContext.Renderer();

    [Fact]
    public void Every_real_node_card_puts_the_answer_and_sources_first_and_folds_the_rest()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        foreach (var node in knowledge.NodesById.Values)
        {
            AssertAnswerFirst(node, knowledge);
        }
    }

    [Fact]
    public void Every_test_node_card_puts_the_answer_and_sources_first_and_folds_the_rest()
    {
        // The test content has what the real content may lack: several changes per topic, checked dates, notes.
        var knowledge = TestKnowledge.Create(topicCount: 3);
        foreach (var node in knowledge.NodesById.Values)
        {
            AssertAnswerFirst(node, knowledge);
        }
    }

    [Fact]
    public void A_status_card_answers_when_with_every_date_newest_first_and_nothing_folded()
    {
        var knowledge = TestKnowledge.Create();
        var status = knowledge.Find("protection-of-civilians.status")!;
        var message = Render(status, knowledge);
        var card = JsonNode.Parse(message.CardJson!)!;
        var texts = Visible(card).Select(v => v.Text).ToList();

        Assert.Equal(["**12 Jul 2023:** At Vilnius Allies endorsed an updated policy (0).", "**Jun 2022:** The 2022 Strategic Concept makes PoC central.", "**Jun 2021:** Allied leaders recalled the policy (0)."], texts.Where(t => t.StartsWith("**", StringComparison.Ordinal) && t.Contains(":** ", StringComparison.Ordinal)));
        Assert.True(texts.IndexOf("**Jun 2021:** Allied leaders recalled the policy (0).") < texts.IndexOf("Sources"));
        Assert.DoesNotContain(texts, t => t.StartsWith("**Latest:**", StringComparison.Ordinal));
        Assert.DoesNotContain(Toggles(card), t => t.Target == "updates");
    }

    [Fact]
    public void A_topic_shows_the_latest_change_in_one_line_and_the_rest_behind_What_changed_since_2021()
    {
        var knowledge = TestKnowledge.Create();
        var card = JsonNode.Parse(Render(knowledge.Topics[0], knowledge).CardJson!)!;
        var visible = Visible(card).Select(v => v.Text).ToList();

        Assert.Contains("**Latest:** 12 Jul 2023 – At Vilnius Allies endorsed an updated policy (0).", visible);
        Assert.DoesNotContain("**Jun 2022:** The 2022 Strategic Concept makes PoC central.", visible);
        var toggle = Assert.Single(Toggles(card), t => t.Target == "updates");
        Assert.Equal("▸ What changed since 2021 (2)", toggle.Title);
        var hidden = Element(card, "updates");
        Assert.Equal(
            ["**Jun 2022:** The 2022 Strategic Concept makes PoC central.", "**Jun 2021:** Allied leaders recalled the policy (0)."],
            CardTestContext.Descendants(hidden).OfType<JsonObject>().Where(o => Type(o) == "TextBlock").Select(o => o["text"]!.GetValue<string>()));
    }

    [Fact]
    public void The_checked_date_replaces_facts_as_of_and_a_topic_without_one_shows_no_date()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var checkedTopic = Visible(JsonNode.Parse(Render(knowledge.Topics[0].Children[1], knowledge).CardJson!)!).Select(v => v.Text).ToList();
        var withoutDate = Render(knowledge.Topics[2], knowledge);

        Assert.Contains("Endorsed at the 2016 Warsaw Summit · Checked against NATO sources: 12 Nov 2026", checkedTopic);
        Assert.Contains("Endorsed at the 2016 Warsaw Summit", Visible(JsonNode.Parse(withoutDate.CardJson!)!).Select(v => v.Text));
        Assert.DoesNotContain("Checked against", withoutDate.CardJson!, StringComparison.Ordinal);
        Assert.DoesNotContain("as of", withoutDate.CardJson!, StringComparison.Ordinal);
        Assert.DoesNotContain("26 Feb 2021", withoutDate.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_card_shows_a_content_owners_note()
    {
        var test = TestKnowledge.Create(topicCount: 3);
        var notes = TestKnowledge.Notes(test).ToList();
        Assert.True(notes.Count > 10, "the test content should carry notes");
        var real = CardRendererTests.RealKnowledge();

        foreach (var (knowledge, knowledgeNotes) in new[] { (test, notes), (real, TestKnowledge.Notes(real).ToList()) })
        {
            foreach (var (name, message) in EveryCard(knowledge))
            {
                var shown = AllShownText(message);
                Assert.All(knowledgeNotes, note => Assert.False(shown.Contains(note, StringComparison.Ordinal), $"{name} shows the note “{note}”"));
                Assert.DoesNotContain("NOTE-", shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void No_real_card_shows_research_wording()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var offenders = new List<string>();
        foreach (var (name, message) in EveryCard(knowledge))
        {
            var shown = AllShownText(message);
            var found = ResearchWording.Where(w => shown.Contains(w, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count > 0)
            {
                offenders.Add(name);
                output.WriteLine($"{name}: {string.Join(", ", found)}");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_research_wording_check_catches_it_on_a_card()
    {
        var knowledge = TestKnowledge.Create(topicCount: 1);
        var node = knowledge.Topics[0];
        var leaky = new KnowledgeNode
        {
            Id = node.Id,
            TopicId = node.TopicId,
            Facet = node.Facet,
            Title = node.Title,
            Summary = LocalizedText.English("Paragraphs 6-13 were not visible to us; para 14 via a third-party copy on 9pdf."),
        };
        TestKnowledge.Link(knowledge.Root, [leaky]);
        var shown = AllShownText(Render(leaky, knowledge));
        Assert.Equal(4, ResearchWording.Count(w => shown.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Card_sizes_stay_under_the_Teams_limit()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var cards = EveryCard(knowledge).ToList();
        var sizes = cards.Select(c => (c.Name, Bytes: Encoding.UTF8.GetByteCount(c.Message.CardJson!))).OrderByDescending(c => c.Bytes).ToList();
        foreach (var (name, bytes) in sizes.Take(3))
        {
            output.WriteLine($"{name}: {bytes} bytes (Teams limit {CardRendererOptions.TeamsMessageLimitBytes}, card budget {new CardRendererOptions().MaxCardBytes})");
        }

        Assert.True(sizes[0].Bytes <= new CardRendererOptions().MaxCardBytes, $"{sizes[0].Name}: {sizes[0].Bytes} bytes");
        Assert.All(cards, c => Assert.DoesNotContain("This answer was shortened", c.Message.CardJson!, StringComparison.Ordinal));
    }

    /// <summary>The answer-first layout of one node's card, and the same order in its plain text.</summary>
    private void AssertAnswerFirst(KnowledgeNode node, KnowledgeBase knowledge)
    {
        var message = Render(node, knowledge);
        var card = JsonNode.Parse(message.CardJson!)!;
        var visible = Visible(card).Select(v => v.Text).ToList();
        var toggles = Toggles(card);
        var at = (string text) => visible.IndexOf(text);

        Assert.Equal(0, at(node.Title.Get()));
        var answer = at(node.Summary.Get());
        Assert.True(answer > 0, $"{node.Id}: the summary is not shown");
        var sources = at("Sources");
        Assert.True(node.Sources.Count == 0 || sources > answer, $"{node.Id}: the sources are not right after the answer");

        // What answers the facet asked: obligations open for "who must", every date for "when".
        var obligations = Element(card, "obligations");
        if (node.Obligations.Count > 0)
        {
            var folded = node.Facet == Facet.Overview;
            Assert.Equal(!folded, obligations!["isVisible"]!.GetValue<bool>());
            Assert.Equal(folded, toggles.Any(t => t.Target == "obligations"));
            if (!folded)
            {
                var firstDuty = at($"**{node.Obligations[0].Who.Get()}** → {node.Obligations[0].What.Get()}");
                Assert.True(firstDuty > answer && (sources < 0 || firstDuty < sources), $"{node.Id}: the obligations are not part of the answer");
            }
        }

        var topic = knowledge.Find(node.TopicId) ?? node;
        var changes = node.Changes.Count > 0 || node.IsTopic || node.IsRoot ? node.Changes : topic.Changes;
        var latest = visible.FindIndex(t => t.StartsWith("**Latest:** ", StringComparison.Ordinal));
        if (node.Facet == Facet.Status)
        {
            Assert.Equal(-1, latest);
            Assert.All(changes, c => Assert.InRange(visible.FindIndex(t => t.EndsWith(c.Text.Get(), StringComparison.Ordinal)), answer + 1, sources < 0 ? int.MaxValue : sources - 1));
        }
        else if (changes.Count > 0)
        {
            Assert.True(latest > sources, $"{node.Id}: the latest change is not below the sources");
            Assert.Equal(changes.Count > 1, toggles.Any(t => t.Target == "updates"));
            Assert.Equal(1, visible.Count(t => changes.Any(c => t.EndsWith(c.Text.Get(), StringComparison.Ordinal))));
        }

        // Sub-questions and related topics are folded: no topic button is visible but the footer's.
        Assert.DoesNotContain(Visible(card), v => v.IsButton && v.Node is not null);

        // Each toggle is followed by the hidden element it opens; nothing is hidden for good.
        var hiddenIds = CardTestContext.Descendants(card).OfType<JsonObject>().Where(o => o["isVisible"]?.GetValue<bool>() == false).Select(o => o["id"]!.GetValue<string>()).ToList();
        Assert.Equal(hiddenIds.Order(StringComparer.Ordinal), toggles.Select(t => t.Target).Order(StringComparer.Ordinal));
        var order = CardTestContext.Descendants(card).OfType<JsonObject>().ToList();
        foreach (var (_, target) in toggles)
        {
            var toggleAt = order.FindIndex(o => Type(o) == "Action.ToggleVisibility" && o["targetElements"]![0]!.GetValue<string>() == target);
            var targetAt = order.FindIndex(o => o["id"]?.GetValue<string>() == target);
            Assert.True(toggleAt < targetAt, $"{node.Id}: {target} opens above its toggle");
        }

        // The plain text: the same sections, in the same order as the card.
        string[] sections = ["title", "answer", "obligations", "sources", "latest", "updates", "questions", "related"];
        Assert.Equal(toggles.Any(t => t.Target == "more"), DialogEngine.OptionsUnder(node, knowledge).Count + node.RelatedIds.Count > 0);
        var onCard = sections.Where(s => CardPosition(s, card, node, visible, toggles) >= 0).OrderBy(s => CardPosition(s, card, node, visible, toggles)).ToList();
        var inText = sections.Where(s => TextPosition(s, message.Text, node) >= 0).OrderBy(s => TextPosition(s, message.Text, node)).ToList();
        Assert.Equal(onCard, inText);
    }

    private static int CardPosition(string section, JsonNode card, KnowledgeNode node, List<string> visible, List<(string Title, string Target)> toggles)
    {
        var elements = CardTestContext.Descendants(card).OfType<JsonObject>().ToList();
        int IdAt(string id) => elements.FindIndex(o => o["id"]?.GetValue<string>() == id);
        int TextAt(Func<string, bool> test) => elements.FindIndex(o => Type(o) == "TextBlock" && test(o["text"]!.GetValue<string>()));
        return section switch
        {
            "title" => 0,
            "answer" => TextAt(t => t == node.Summary.Get()),
            "obligations" => node.Obligations.Count > 0 ? IdAt("obligations") : -1,
            "sources" => TextAt(t => t == "Sources"),
            "latest" => TextAt(t => t.StartsWith("**Latest:** ", StringComparison.Ordinal)),
            "questions" => TextAt(t => t == "More on this topic"),
            "related" => TextAt(t => t == "Related topics"),
            _ => IdAt(section),
        };
    }

    private static int TextPosition(string section, string text, KnowledgeNode node) => section switch
    {
        "title" => text.IndexOf(node.Title.Get(), StringComparison.Ordinal),
        "answer" => text.IndexOf(node.Summary.Get(), StringComparison.Ordinal),
        "obligations" => text.IndexOf("\nWho must do what:", StringComparison.Ordinal),
        "sources" => text.IndexOf("\nSources:", StringComparison.Ordinal),
        "latest" => text.IndexOf("\nLatest: ", StringComparison.Ordinal),
        "updates" => Math.Max(text.IndexOf("\nWhat changed since ", StringComparison.Ordinal), text.IndexOf("\nEarlier changes:", StringComparison.Ordinal)),
        "questions" => text.IndexOf("\nMore on this topic", StringComparison.Ordinal),
        "related" => text.IndexOf("\nRelated:", StringComparison.Ordinal),
        _ => -1,
    };

    private ReplyMessage Render(KnowledgeNode node, KnowledgeBase knowledge) =>
        _renderer.Render(new DialogReply(ReplyKind.Node) { Node = node, Options = DialogEngine.OptionsUnder(node, knowledge) }, knowledge);

    /// <summary>Every node's card and the what's-new cards, by name.</summary>
    private IEnumerable<(string Name, ReplyMessage Message)> EveryCard(KnowledgeBase knowledge) =>
        knowledge.NodesById.Values.Select(n => (n.Id, Render(n, knowledge)))
            .Append(("whats-new", _renderer.Render(new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root }, knowledge)))
            .Append(("whats-new", _renderer.Render(new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = new WhatsNewRequest(2023, Since: false) }, knowledge)));

    /// <summary>What a reader can see: every text and button title of the card, its fallback text and the plain text.</summary>
    private static string AllShownText(ReplyMessage message)
    {
        var card = JsonNode.Parse(message.CardJson!)!;
        var strings = CardTestContext.Descendants(card).OfType<JsonObject>()
            .SelectMany(o => new[] { o["text"], o["title"], o["displayText"], o["fallbackText"] })
            .OfType<JsonValue>()
            .Select(v => v.ToString());
        return string.Join("\n", strings.Append(message.Text));
    }

    /// <summary>The texts and button titles shown before any toggle is opened, in order (Node: the id a button opens).</summary>
    internal static List<(string Text, bool IsButton, string? Node)> Visible(JsonNode? element)
    {
        var shown = new List<(string, bool, string?)>();
        Walk(element);
        return shown;

        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o when o["isVisible"]?.GetValue<bool>() == false:
                    return;
                case JsonObject o when Type(o) == "TextBlock":
                    shown.Add((o["text"]!.GetValue<string>(), false, null));
                    return;
                case JsonObject o when Type(o) is { } type && type.StartsWith("Action.", StringComparison.Ordinal):
                    var data = o["data"] as JsonObject;
                    shown.Add((o["title"]!.GetValue<string>(), true, data?["action"]?.GetValue<string>() == SubmitActions.Node ? data["id"]!.GetValue<string>() : null));
                    return;
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key is "body" or "items" or "actions")
                        {
                            Walk(value);
                        }
                    }

                    return;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Walk(item);
                    }

                    return;
            }
        }
    }

    internal static List<(string Title, string Target)> Toggles(JsonNode card) =>
        [.. CardTestContext.Actions(card, "Action.ToggleVisibility").Select(a => (a["title"]!.GetValue<string>(), Assert.Single(a["targetElements"]!.AsArray())!.GetValue<string>()))];

    internal static JsonObject? Element(JsonNode card, string id) =>
        CardTestContext.Descendants(card).OfType<JsonObject>().SingleOrDefault(o => o["id"]?.GetValue<string>() == id);

    private static string? Type(JsonObject o) => o["type"]?.GetValue<string>();
}
