using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Knowledge;
using PolicyBot.Testing;
using Xunit.Abstractions;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>The answer shared into a conversation (cards/share.json): the answer and its sources for everyone, nothing that acts for one reader.</summary>
public sealed class ShareCardTests(ITestOutputHelper output)
{
    private const string AskUrl = "https://teams.microsoft.com/l/chat/0/0?users=28:6b1e2f9c-3d4a-4c5b-8e7f-0a1b2c3d4e5f";

    private readonly CardRenderer _renderer = CardTestContext.Renderer();

    [Fact]
    public void Every_real_node_shares_as_a_valid_card_under_the_Teams_limit_with_only_link_buttons()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var largest = (Bytes: 0, Id: string.Empty);
        foreach (var node in knowledge.NodesById.Values.Where(n => !n.IsRoot))
        {
            var message = _renderer.RenderShare(node, knowledge, "en", AskUrl);
            var card = AssertShareable(message);
            Assert.Equal(node.Title.Get(), card["body"]![0]!["text"]!.GetValue<string>());
            Assert.Equal(AskUrl, Assert.Single(CardTestContext.Actions(card, "Action.OpenUrl"), a => a["title"]!.GetValue<string>() == "Ask PolicyBot")["url"]!.GetValue<string>());
            var linked = node.Sources.Where(s => s.Url is not null).Select(s => s.Url!.AbsoluteUri).ToList();
            Assert.Equal(linked, CardTestContext.Actions(card, "Action.OpenUrl").Select(a => a["url"]!.GetValue<string>()).Where(u => u != AskUrl));
            Assert.All(TestKnowledge.Notes(knowledge), note => Assert.DoesNotContain(note, message.CardJson!, StringComparison.Ordinal));

            var bytes = Encoding.UTF8.GetByteCount(message.CardJson!);
            largest = bytes > largest.Bytes ? (bytes, node.Id) : largest;
        }

        output.WriteLine($"largest shared card: {largest.Bytes} bytes ({largest.Id})");
    }

    [Fact]
    public void A_sub_question_names_its_policy_and_answers_first_with_its_obligations_open()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var obligations = knowledge.Find("protection-of-civilians.obligations")!;

        var card = Render(obligations, knowledge);
        var texts = Texts(card);

        Assert.Equal(obligations.Title.Get(), texts[0]);
        Assert.Equal("Protection of Civilians (PoC)", texts[1]);
        Assert.Equal(obligations.Summary.Get(), texts[3]);
        Assert.Contains(texts, t => t.StartsWith("**" + obligations.Obligations[0].Who.Get() + "**", StringComparison.Ordinal));
        var obligationsBox = Assert.Single(CardTestContext.Descendants(card).OfType<JsonObject>(), o => o["id"]?.GetValue<string>() == "obligations");
        Assert.True(obligationsBox["isVisible"]?.GetValue<bool>() ?? true);
        Assert.Empty(CardTestContext.Actions(card, "Action.ToggleVisibility"));
    }

    [Fact]
    public void A_topic_folds_its_obligations_behind_a_toggle_and_gives_its_latest_change()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var topic = knowledge.Topics[0];

        var card = Render(topic, knowledge);
        var texts = Texts(card);

        Assert.Equal(topic.Title.Get(), texts[0]);
        Assert.Equal("Endorsed at the 2016 Warsaw Summit · Checked against NATO sources: 12 Nov 2026", texts[1]);
        Assert.Contains("**Latest:** 12 Jul 2023 – At Vilnius Allies endorsed an updated policy (0).", texts);
        var toggle = Assert.Single(CardTestContext.Actions(card, "Action.ToggleVisibility"));
        Assert.Equal("obligations", toggle["targetElements"]![0]!.GetValue<string>());
        Assert.Contains("Bi-SC Directive (public version) (SHAPE and HQ SACT, Oct 2017)", texts);
    }

    [Fact]
    public void Without_a_link_to_the_bot_there_is_no_ask_button_and_the_sources_stay()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var message = _renderer.RenderShare(knowledge.Topics[0], knowledge, "en", askUrl: null);

        var card = AssertShareable(message);
        Assert.DoesNotContain(CardTestContext.Actions(card, "Action.OpenUrl"), a => a["title"]!.GetValue<string>() == "Ask PolicyBot");
        Assert.Equal(2, CardTestContext.Actions(card, "Action.OpenUrl").Count());
        Assert.DoesNotContain("Ask PolicyBot", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_text_has_the_answer_the_sources_and_the_link_to_the_bot()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);
        var topic = knowledge.Topics[0];

        var text = _renderer.RenderShare(topic, knowledge, "en", AskUrl).Text;

        Assert.StartsWith(topic.Title.Get(), text, StringComparison.Ordinal);
        Assert.Contains(topic.Summary.Get(), text, StringComparison.Ordinal);
        Assert.Contains(TestKnowledge.PocPolicy.Url!.AbsoluteUri, text, StringComparison.Ordinal);
        Assert.Contains("Who must do what:", text, StringComparison.Ordinal);
        Assert.EndsWith("Ask PolicyBot: " + AskUrl, text, StringComparison.Ordinal);
    }

    [Fact]
    public void In_French_the_texts_and_documents_come_in_French_where_the_content_has_them()
    {
        var document = new SourceDocument("poc-policy", "NATO Policy for the Protection of Civilians", "NATO", "2016-07-09", new Uri("https://www.nato.int/cps/en/natohq/official_texts_133945.htm"))
        {
            Translations = new Dictionary<string, DocumentTranslation>
            {
                ["fr"] = new("Politique de l'OTAN pour la protection des civils", null, new Uri("https://www.nato.int/cps/fr/natohq/official_texts_133945.htm")),
            },
        };
        var topic = new KnowledgeNode
        {
            Id = "protection-of-civilians",
            TopicId = "protection-of-civilians",
            Facet = Facet.Overview,
            Title = new LocalizedText(new Dictionary<string, string> { ["en"] = "Protection of Civilians", ["fr"] = "Protection des civils" }),
            Summary = new LocalizedText(new Dictionary<string, string> { ["en"] = "The policy in English.", ["fr"] = "La politique en français." }),
            Sources = [document],
        };
        var knowledge = SingleTopic(topic);

        var texts = Texts(Render(topic, knowledge, "fr"));
        var link = Assert.Single(CardTestContext.Actions(Render(topic, knowledge, "fr"), "Action.OpenUrl"), a => a["url"]!.GetValue<string>() != AskUrl);

        Assert.Equal("Protection des civils", texts[0]);
        Assert.Contains("La politique en français.", texts);
        Assert.Equal("Politique de l'OTAN pour la protection des civils", link["title"]!.GetValue<string>());
        Assert.Equal("https://www.nato.int/cps/fr/natohq/official_texts_133945.htm", link["url"]!.GetValue<string>());
        Assert.Equal("Protection of Civilians", Texts(Render(topic, knowledge, "en"))[0]);
        Assert.Contains(CardTestContext.Actions(Render(topic, knowledge, "fr"), "Action.OpenUrl"), a => a["title"]!.GetValue<string>() == "Demander à PolicyBot");
    }

    [Fact]
    public void A_French_shared_card_has_the_French_texts_dates_and_translation_note_of_a_French_answer_card()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        foreach (var node in knowledge.NodesById.Values.Where(n => !n.IsRoot))
        {
            AssertShareable(_renderer.RenderShare(node, knowledge, "fr", AskUrl));
        }

        var topic = knowledge.Find("cultural-property-protection")!;
        var message = _renderer.RenderShare(topic, knowledge, "fr", AskUrl);
        var texts = Texts(JsonNode.Parse(message.CardJson!)!);

        Assert.Equal(topic.Title.Get("fr"), texts[0]);
        Assert.Contains(texts, t => t.Contains("Vérifié au regard des sources de l'OTAN", StringComparison.Ordinal));
        Assert.Contains("Traduit de l'anglais", texts);
        Assert.Contains(texts, t => t.StartsWith("**Dernière évolution", StringComparison.Ordinal));
        Assert.DoesNotContain("Who must", message.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Latest", message.CardJson, StringComparison.Ordinal);
        Assert.Contains("Demander à PolicyBot\u00a0: " + AskUrl, message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_too_large_for_Teams_loses_obligations_but_keeps_its_answer_sources_and_ask_button()
    {
        var huge = TestKnowledge.Create(topicCount: 2, obligationsOnFirstTopic: 120);
        var topic = huge.Topics[0];

        var message = _renderer.RenderShare(topic, huge, "en", AskUrl);

        var card = AssertShareable(message);
        var texts = Texts(card);
        Assert.Contains(texts, t => t.StartsWith("This answer was shortened", StringComparison.Ordinal));
        Assert.Contains(topic.Summary.Get(), texts);
        Assert.InRange(texts.Count(t => t.Contains("** → ", StringComparison.Ordinal)), 10, 119);
        Assert.Equal(2, CardTestContext.Actions(card, "Action.OpenUrl").Count(a => a["title"]!.GetValue<string>() != "Ask PolicyBot"));
        Assert.Contains(CardTestContext.Actions(card, "Action.OpenUrl"), a => a["title"]!.GetValue<string>() == "Ask PolicyBot");
        Assert.Contains("Party 120", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_node_language_and_link_is_rendered_once()
    {
        var knowledge = TestKnowledge.Create(topicCount: 3);

        var first = _renderer.RenderShare(knowledge.Topics[0], knowledge, "en", AskUrl);
        var again = _renderer.RenderShare(knowledge.Topics[0], knowledge, "en", AskUrl);
        var otherLink = _renderer.RenderShare(knowledge.Topics[0], knowledge, "en", null);

        Assert.Same(first, again);
        Assert.NotEqual(first.CardJson, otherLink.CardJson);
    }

    /// <summary>
    /// Rewrites cards/samples/share.data.json from today's content (the PoC topic), so the Designer shows current text:
    /// run with POLICYBOT_WRITE_SAMPLES=1 after a content change.
    /// </summary>
    [Fact]
    public void The_share_sample_can_be_refreshed_from_the_real_content()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var model = CardModelBuilder.Share(knowledge.Find("protection-of-civilians")!, knowledge, CardTestContext.Store.Strings.For("en"), AskUrl);
        Assert.Equal(CardTemplateNames.Share, model.TemplateName);
        if (Environment.GetEnvironmentVariable("POLICYBOT_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.Cards, "samples", "share.data.json"), model.Data.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
    }

    /// <summary>Valid Adaptive Card 1.5 for Teams, under the limit, and no button that would act for one reader of a shared message.</summary>
    internal static JsonNode AssertShareable(ReplyMessage message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.NotNull(message.CardJson);
        AdaptiveCardSchema.AssertValid(message.CardJson);
        Assert.True(Encoding.UTF8.GetByteCount(message.CardJson) <= new CardRendererOptions().MaxCardBytes);
        Assert.DoesNotContain("${", message.CardJson, StringComparison.Ordinal);
        var card = JsonNode.Parse(message.CardJson)!;
        Assert.Equal("heading", card["body"]![0]!["style"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(card["fallbackText"]!.GetValue<string>()));
        var actionTypes = CardTestContext.Descendants(card).OfType<JsonObject>()
            .Select(o => o["type"]?.GetValue<string>())
            .Where(t => t is not null && t.StartsWith("Action.", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.All(actionTypes, t => Assert.Contains(t, new[] { "Action.OpenUrl", "Action.ToggleVisibility" }));
        Assert.DoesNotContain("messageBack", message.CardJson, StringComparison.Ordinal);
        Assert.All(CardTestContext.Actions(card, "Action.OpenUrl"), a => Assert.StartsWith("https://", a["url"]!.GetValue<string>(), StringComparison.Ordinal));
        return card;
    }

    private JsonNode Render(KnowledgeNode node, KnowledgeBase knowledge, string language = "en") =>
        JsonNode.Parse(_renderer.RenderShare(node, knowledge, language, AskUrl).CardJson!)!;

    private static List<string> Texts(JsonNode card) =>
        [.. CardTestContext.Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "TextBlock").Select(o => o["text"]!.GetValue<string>())];

    internal static KnowledgeBase SingleTopic(KnowledgeNode topic)
    {
        var root = new KnowledgeNode
        {
            Id = "root",
            TopicId = "root",
            Facet = Facet.Overview,
            Title = LocalizedText.English("NATO Human Security"),
            Summary = LocalizedText.English("Root."),
        };
        TestKnowledge.Link(root, [topic]);
        return new KnowledgeBase(root, [], [], "test-fr");
    }
}
