using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;
using Xunit.Abstractions;

namespace PolicyBot.Core.Tests.Cards;

public sealed class CardRendererTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> KnownActions =
    [
        SubmitActions.Node, SubmitActions.Menu, SubmitActions.Help, SubmitActions.Back, SubmitActions.NoneOfThese, SubmitActions.Feedback, SubmitActions.Language, SubmitActions.FeedbackComment,
    ];

    private readonly KnowledgeBase _knowledge = TestKnowledge.Create(topicCount: 7);
    private readonly CardRenderer _renderer = CardTestContext.Renderer();

    public static TheoryData<string> ReplyNames() => [.. CardTestContext.EveryReply(TestKnowledge.Create(topicCount: 7)).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(ReplyNames))]
    public void Every_reply_is_a_valid_Teams_ready_Adaptive_Card(string name)
    {
        var reply = CardTestContext.EveryReply(_knowledge).Single(r => r.Name == name).Reply;
        var message = _renderer.Render(reply, _knowledge);
        AssertTeamsReady(message, _knowledge);
    }

    [Fact]
    public void Thanks_for_a_thumbs_up_is_text_only_and_a_thumbs_down_asks_what_was_missing_in_one_optional_box()
    {
        var node = _knowledge.Topics[0];
        var up = _renderer.Render(new DialogReply(ReplyKind.FeedbackThanks) { Node = node, FeedbackRating = "up" }, _knowledge);
        var down = _renderer.Render(new DialogReply(ReplyKind.FeedbackThanks) { Node = node, FeedbackRating = "down" }, _knowledge);
        var noted = _renderer.Render(new DialogReply(ReplyKind.FeedbackCommentThanks) { Node = node }, _knowledge);
        Assert.Null(up.CardJson);
        Assert.Null(noted.CardJson);
        Assert.NotEqual(up.Text, down.Text);

        AssertTeamsReady(down, _knowledge);
        var card = JsonNode.Parse(down.CardJson!)!;
        Assert.Equal("What was missing?", card["body"]![0]!["text"]!.GetValue<string>());
        var input = Assert.Single(card["body"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "Input.Text")!;
        Assert.Equal(SubmitPayload.CommentField, input["id"]!.GetValue<string>());
        Assert.Null(input["isRequired"]);
        Assert.Equal(SubmitPayload.MaxCommentLength, input["maxLength"]!.GetValue<int>());

        // A plain Action.Submit (no messageBack): Teams merges the box's text into the value only then.
        var send = Assert.Single(CardTestContext.Actions(card, "Action.Submit"));
        Assert.Equal("Send", send["title"]!.GetValue<string>());
        Assert.Equal(SubmitActions.FeedbackComment, send["data"]!["action"]!.GetValue<string>());
        Assert.Equal(node.Id, send["data"]!["id"]!.GetValue<string>());
        Assert.Null(send["data"]!["msteams"]);
    }

    [Fact]
    public void A_topic_card_shows_status_obligations_sources_updates_and_its_sub_questions()
    {
        var topic = _knowledge.Topics[0];
        var card = Render(new DialogReply(ReplyKind.Node) { Node = topic });
        var texts = Texts(card);

        Assert.Equal("heading", card["body"]![0]!["style"]!.GetValue<string>());
        Assert.Equal(topic.Title.Get(), card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("Endorsed at the 2016 Warsaw Summit · Checked against NATO sources: 12 Nov 2026", texts);
        Assert.Contains("**Latest:** 12 Jul 2023 – At Vilnius Allies endorsed an updated policy (0).", texts);
        Assert.Contains("**Jun 2022:** The 2022 Strategic Concept makes PoC central.", texts);
        Assert.DoesNotContain(texts, t => t.Contains("facts as of", StringComparison.Ordinal));
        Assert.Contains("**NATO planners at all levels** → Analyse the threats to civilians (1).", texts);
        Assert.Contains("NATO Policy for the Protection of Civilians, Policy para 16", texts);
        Assert.Contains("Bi-SC Directive (public version) (SHAPE and HQ SACT, Oct 2017)", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("Matched because", StringComparison.Ordinal));

        var links = CardTestContext.Actions(card, "Action.OpenUrl").ToList();
        Assert.Equal([TestKnowledge.PocPolicy.Url!.AbsoluteUri, TestKnowledge.TopicPage.Url!.AbsoluteUri], links.Select(l => l["url"]!.GetValue<string>()));

        var opened = SubmitIds(card, SubmitActions.Node);
        Assert.Equal([.. topic.Children.Select(c => c.Id), "topic-1"], opened);
        Assert.Equal("1. " + topic.Children[0].Title.Get(), CardTestContext.Actions(card, "Action.Submit").First()["title"]!.GetValue<string>());
    }

    [Fact]
    public void A_sub_question_offers_its_topic_and_siblings_and_says_why_it_matched()
    {
        var topic = _knowledge.Topics[0];
        var child = topic.Children[1];
        var match = new MatchResult(MatchOutcome.Answer, child, Facet.Scope, 12, 0.8, ["apply to", "**PoC**"], []);
        var card = Render(new DialogReply(ReplyKind.Node) { Node = child, Match = match });

        Assert.Equal([topic.Id, topic.Children[0].Id, topic.Children[2].Id], SubmitIds(card, SubmitActions.Node));
        Assert.Contains("Endorsed at the 2016 Warsaw Summit · Checked against NATO sources: 12 Nov 2026", Texts(card));
        var because = Assert.Single(Texts(card), t => t.StartsWith("Matched because", StringComparison.Ordinal));
        Assert.Equal(@"Matched because of “apply to”, “\*\*PoC\*\*”", because);
    }

    [Fact]
    public void The_dialogs_options_are_the_numbered_sub_question_buttons()
    {
        var topic = _knowledge.Topics[0];
        var options = new[] { topic.Children[2], topic.Children[0] };
        var message = _renderer.Render(new DialogReply(ReplyKind.Node) { Node = topic, Options = options }, _knowledge);
        var card = JsonNode.Parse(message.CardJson!)!;
        Assert.Equal([options[0].Id, options[1].Id, "topic-1"], SubmitIds(card, SubmitActions.Node));
        Assert.Contains("1. " + options[0].Title.Get(), message.Text, StringComparison.Ordinal);
        Assert.Contains("2. " + options[1].Title.Get(), message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_buttons_carry_the_intent_and_id_with_a_Teams_messageBack()
    {
        var topic = _knowledge.Topics[0];
        var card = Render(new DialogReply(ReplyKind.Node) { Node = topic });
        var first = CardTestContext.Actions(card, "Action.Submit").First()["data"]!;
        var child = topic.Children[0];
        var intent = new JsonObject { ["action"] = "node", ["id"] = child.Id };
        var expected = new JsonObject
        {
            ["action"] = "node",
            ["id"] = child.Id,
            ["msteams"] = new JsonObject { ["type"] = "messageBack", ["displayText"] = child.Title.Get(), ["text"] = string.Empty, ["value"] = intent },
        };
        Assert.True(JsonNode.DeepEquals(expected, first), first.ToJsonString());
    }

    [Fact]
    public void Feedback_buttons_send_the_node_and_the_rating()
    {
        var node = _knowledge.Topics[0].Children[0];
        var card = Render(new DialogReply(ReplyKind.Node) { Node = node });
        var feedback = CardTestContext.Actions(card, "Action.Submit")
            .Select(a => a["data"]!)
            .Where(d => d["action"]!.GetValue<string>() == SubmitActions.Feedback)
            .ToList();
        Assert.Equal(["up", "down"], feedback.Select(d => d["value"]!.GetValue<string>()));
        Assert.All(feedback, d => Assert.Equal(node.Id, d["id"]!.GetValue<string>()));
        Assert.All(feedback, d => Assert.Equal(d["value"]!.GetValue<string>(), d["msteams"]!["value"]!["value"]!.GetValue<string>()));
        Assert.Equal(["👍 Helpful", "👎 Not helpful"], feedback.Select(d => d["msteams"]!["displayText"]!.GetValue<string>()));
    }

    [Fact]
    public void Choices_get_a_row_each_and_the_short_footer_buttons_share_one()
    {
        var card = Render(new DialogReply(ReplyKind.Menu) { Options = _knowledge.Topics });
        var sets = ActionSets(card);
        Assert.Equal(Enumerable.Repeat(1, 7), sets.Select(s => s["actions"]!.AsArray().Count));
        // The footer is one row in every host: Web Chat stacks an ActionSet's buttons, so each gets a column.
        var node = Render(new DialogReply(ReplyKind.Node) { Node = _knowledge.Topics[0] });
        var footer = node["body"]!.AsArray().Last()!;
        Assert.Equal("ColumnSet", footer["type"]!.GetValue<string>());
        Assert.Equal(["👍 Helpful", "👎 Not helpful", "◀ Back", "☰ Topics"], CardTestContext.Actions(footer, "Action.Submit").Select(a => a["title"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"{i}. "), CardTestContext.Actions(card, "Action.Submit").Select(a => a["title"]!.GetValue<string>()[..3]));
    }

    [Fact]
    public void Disambiguation_numbers_the_candidates_and_offers_none_of_these()
    {
        var candidates = _knowledge.Topics.Take(3).ToList();
        var message = _renderer.Render(new DialogReply(ReplyKind.Disambiguation) { Options = candidates, EchoedText = "protection" }, _knowledge);
        var card = JsonNode.Parse(message.CardJson!)!;
        var titles = CardTestContext.Actions(card, "Action.Submit").Select(a => a["title"]!.GetValue<string>()).ToList();
        Assert.Equal([.. candidates.Select((c, i) => $"{i + 1}. {c.Title.Get()}"), "None of these"], titles);
        Assert.Equal("Which did you mean?", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(SubmitActions.NoneOfThese, CardTestContext.Actions(card, "Action.Submit").Last()["data"]!["action"]!.GetValue<string>());
        Assert.Contains("1. " + candidates[0].Title.Get(), message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_offers_the_policy_office_only_after_repeated_misses()
    {
        var without = Render(new DialogReply(ReplyKind.Fallback) { EchoedText = "x" });
        var with = Render(new DialogReply(ReplyKind.Fallback) { EchoedText = "x", OfferContact = true });
        Assert.DoesNotContain(Texts(without), t => t.Contains(CardTestContext.Contact, StringComparison.Ordinal));
        Assert.Contains($"Still stuck? Contact {CardTestContext.Contact}.", Texts(with));
        Assert.Equal(_knowledge.Topics.Select(t => t.Id), SubmitIds(with, SubmitActions.Node));
    }

    [Theory]
    [InlineData("mailto:hs-focal-point@example.org")]
    [InlineData("https://intranet.example.org/human-security")]
    public void The_policy_office_channel_is_a_button_on_the_fallback_only_when_the_contact_is_offered(string url)
    {
        var renderer = CardTestContext.Renderer(new CardRendererOptions { PolicyOfficeContact = "the HS focal point", PolicyOfficeUrl = url });
        JsonNode Card(bool offer) => JsonNode.Parse(renderer.Render(new DialogReply(ReplyKind.Fallback) { EchoedText = "x", OfferContact = offer }, _knowledge).CardJson!)!;

        var button = Assert.Single(CardTestContext.Actions(Card(offer: true), "Action.OpenUrl"));
        Assert.Equal(url, button["url"]!.GetValue<string>());
        Assert.Empty(CardTestContext.Actions(Card(offer: false), "Action.OpenUrl"));
        Assert.Contains($"contact the HS focal point ({url}).", renderer.Render(new DialogReply(ReplyKind.Fallback) { OfferContact = true }, _knowledge).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_channel_the_fallback_names_the_contact_and_shows_no_button()
    {
        var card = Render(new DialogReply(ReplyKind.Fallback) { EchoedText = "x", OfferContact = true });
        Assert.Contains($"Still stuck? Contact {CardTestContext.Contact}.", Texts(card));
        Assert.Empty(CardTestContext.Actions(card, "Action.OpenUrl"));
        Assert.DoesNotContain("Human Security Unit", new CardRendererOptions().PolicyOfficeContact, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("**x**", @"\*\*x\*\*")]
    [InlineData("[a](https://evil.example)", @"\[a\](https://evil.example)")]
    [InlineData("<b>hi</b>", @"\<b\>hi\</b\>")]
    [InlineData("_y_ and \\", @"\_y\_ and \\")]
    public void What_the_user_typed_is_escaped_on_every_card_that_repeats_it(string typed, string shown)
    {
        var fallback = Texts(Render(new DialogReply(ReplyKind.Fallback) { EchoedText = typed }));
        var disambiguation = Texts(Render(new DialogReply(ReplyKind.Disambiguation) { Options = [.. _knowledge.Topics.Take(2)], EchoedText = typed }));
        Assert.Contains($"I found nothing on “{shown}”.", fallback);
        Assert.Contains($"“{shown}” could be about more than one policy.", disambiguation);
    }

    [Fact]
    public void Long_user_text_is_cut_on_the_card_and_in_the_plain_text()
    {
        var typed = new string('a', 5000);
        var message = _renderer.Render(new DialogReply(ReplyKind.Fallback) { EchoedText = typed }, _knowledge);
        Assert.DoesNotContain(new string('a', 101), message.CardJson, StringComparison.Ordinal);
        Assert.Contains(new string('a', 99) + "…", message.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 101), message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_text_has_the_title_summary_and_options_and_the_fallback_text_is_not_longer()
    {
        var topic = _knowledge.Topics[0];
        var message = _renderer.Render(new DialogReply(ReplyKind.Node) { Node = topic }, _knowledge);
        var card = JsonNode.Parse(message.CardJson!)!;
        Assert.StartsWith(topic.Title.Get(), message.Text, StringComparison.Ordinal);
        Assert.Contains(topic.Summary.Get(), message.Text, StringComparison.Ordinal);
        Assert.Contains("1. " + topic.Children[0].Title.Get(), message.Text, StringComparison.Ordinal);
        Assert.Contains(TestKnowledge.PocPolicy.Url!.AbsoluteUri, message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", message.Text, StringComparison.Ordinal);
        Assert.True(card["fallbackText"]!.GetValue<string>().Length <= message.Text.Length);
    }

    [Fact]
    public void An_oversized_node_drops_optional_parts_to_stay_under_the_limit()
    {
        var huge = TestKnowledge.Create(topicCount: 7, obligationsOnFirstTopic: 120);
        var message = _renderer.Render(new DialogReply(ReplyKind.Node) { Node = huge.Topics[0], Match = new MatchResult(MatchOutcome.Answer, huge.Topics[0], null, 1, 1, ["PoC"], []) }, huge);
        var bytes = Encoding.UTF8.GetByteCount(message.CardJson!);
        output.WriteLine($"oversized node card: {bytes} bytes");
        Assert.True(bytes <= new CardRendererOptions().MaxCardBytes, $"{bytes} bytes");
        AssertTeamsReady(message, huge);
        var texts = Texts(JsonNode.Parse(message.CardJson!)!);
        var keptObligations = texts.Count(t => t.Contains("** → ", StringComparison.Ordinal));
        output.WriteLine($"obligations kept: {keptObligations} of 120");
        Assert.InRange(keptObligations, 10, 119);
        Assert.Contains("**Party 2** → Analyse the threats to civilians (2).", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("**Party 120**", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith("Matched because", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("This answer was shortened", StringComparison.Ordinal));
        Assert.Contains(huge.Topics[0].Summary.Get(), texts);

        // The plain text keeps everything: it is not bound by the card limit.
        Assert.Contains("Party 120", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void Every_real_node_renders_as_a_valid_card_under_the_Teams_limit(string language)
    {
        var knowledge = RealKnowledge();
        var largest = (Bytes: 0, Id: string.Empty);
        foreach (var node in knowledge.NodesById.Values)
        {
            var message = _renderer.Render(new DialogReply(ReplyKind.Node) { Node = node, Options = DialogEngine.OptionsUnder(node, knowledge), Language = language }, knowledge);
            AssertTeamsReady(message, knowledge);
            var bytes = Encoding.UTF8.GetByteCount(message.CardJson!);
            largest = bytes > largest.Bytes ? (bytes, node.Id) : largest;

            // Real content fits whole: nothing optional was dropped.
            var card = JsonNode.Parse(message.CardJson!)!;
            Assert.Equal(node.Obligations.Count, Texts(card).Count(t => t.Contains("** → ", StringComparison.Ordinal)));
            Assert.DoesNotContain(Texts(card), t => t.StartsWith("This answer was shortened", StringComparison.Ordinal));
        }

        output.WriteLine($"largest real node card ({language}): {largest.Id}, {largest.Bytes} bytes of {CardRendererOptions.TeamsMessageLimitBytes}");
        Assert.True(largest.Bytes < CardRendererOptions.TeamsMessageLimitBytes);
    }

    [Fact]
    public void Every_reply_kind_renders_from_the_real_knowledge_base()
    {
        var knowledge = RealKnowledge();
        foreach (var (name, reply) in CardTestContext.EveryReply(knowledge))
        {
            var message = _renderer.Render(reply, knowledge);
            output.WriteLine($"{name}: {Encoding.UTF8.GetByteCount(message.CardJson ?? string.Empty)} bytes");
            AssertTeamsReady(message, knowledge);
        }
    }

    internal static KnowledgeBase RealKnowledge()
    {
        var result = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge);
        return result.Knowledge ?? throw new InvalidOperationException(string.Join("\n", result.Errors));
    }

    private static void AssertTeamsReady(ReplyMessage message, KnowledgeBase knowledge)
    {
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        Assert.NotNull(message.CardJson);
        AdaptiveCardSchema.AssertValid(message.CardJson);
        var card = JsonNode.Parse(message.CardJson)!;
        Assert.Equal("Full", card["msteams"]!["width"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(card["fallbackText"]!.GetValue<string>()));
        Assert.True(card["fallbackText"]!.GetValue<string>().Length <= message.Text.Length);
        Assert.Equal("heading", card["body"]![0]!["style"]!.GetValue<string>());
        Assert.DoesNotContain("${", message.CardJson, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(message.CardJson) <= new CardRendererOptions().MaxCardBytes);

        foreach (var set in CardTestContext.Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "ActionSet"))
        {
            Assert.InRange(set["actions"]!.AsArray().Count, 1, CardModelBuilder.MaxActionsPerSet);
        }

        foreach (var action in CardTestContext.Actions(card, "Action.Submit"))
        {
            AssertSubmitPayload(action, knowledge);
        }

        Assert.All(CardTestContext.Actions(card, "Action.OpenUrl"), a => Assert.StartsWith("https://", a["url"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    private static void AssertSubmitPayload(JsonObject action, KnowledgeBase knowledge)
    {
        Assert.False(string.IsNullOrWhiteSpace(action["title"]!.GetValue<string>()));
        var data = Assert.IsType<JsonObject>(action["data"]);
        var intent = data["action"]!.GetValue<string>();
        Assert.Contains(intent, KnownActions);
        if (intent is SubmitActions.Node or SubmitActions.Feedback or SubmitActions.FeedbackComment)
        {
            Assert.NotNull(knowledge.Find(data["id"]!.GetValue<string>()));
        }

        if (intent is SubmitActions.Language)
        {
            Assert.Contains(data["value"]!.GetValue<string>(), PolicyBot.Core.Language.Languages.Supported);
        }

        if (intent == SubmitActions.FeedbackComment)
        {
            // A card with an input sends a plain submit: Teams merges the input's value into it (not into a messageBack).
            Assert.Null(data["msteams"]);
            return;
        }

        var teams = Assert.IsType<JsonObject>(data["msteams"]);
        Assert.Equal("messageBack", teams["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(teams["displayText"]!.GetValue<string>()));
        Assert.Equal(string.Empty, teams["text"]!.GetValue<string>());
        var withoutTeams = data.DeepClone().AsObject();
        withoutTeams.Remove("msteams");
        Assert.True(JsonNode.DeepEquals(withoutTeams, teams["value"]), $"msteams.value differs from the data: {data.ToJsonString()}");
    }

    private static List<JsonObject> ActionSets(JsonNode card) =>
        [.. CardTestContext.Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "ActionSet")];

    private JsonNode Render(DialogReply reply) => JsonNode.Parse(_renderer.Render(reply, _knowledge).CardJson!)!;

    private static List<string> Texts(JsonNode card) =>
        [.. CardTestContext.Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "TextBlock").Select(o => o["text"]!.GetValue<string>())];

    private static List<string> SubmitIds(JsonNode card, string intent) =>
        [.. CardTestContext.Actions(card, "Action.Submit").Select(a => a["data"]!).Where(d => d["action"]!.GetValue<string>() == intent).Select(d => d["id"]!.GetValue<string>())];
}
