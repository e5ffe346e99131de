using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Testing;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Conversation;

/// <summary>
/// Whole conversations through the real host, knowledge base, matcher and cards: typed, and by clicking the
/// buttons of the cards the bot sent. Every card on the way is checked against the Adaptive Card 1.5 schema.
/// </summary>
public sealed class ConversationTests : IClassFixture<BotHostFactory>
{
    private const int TeamsMessageLimitBytes = 28 * 1024;
    private readonly BotHostFactory _factory;

    public ConversationTests(BotHostFactory factory) => _factory = factory;

    [Fact]
    public async Task Typed_welcome_question_follow_up_back_ambiguity_choice_feedback_and_two_misses()
    {
        var chat = new Chat(_factory, "conv-typed");

        var welcome = await chat.JoinAsync();
        Assert.Contains("Welcome", welcome.Summary, StringComparison.Ordinal);

        var topic = await chat.SayAsync("What does the NATO policy on protection of civilians say?");
        Assert.Contains("Protection of Civilians", topic.CardText, StringComparison.Ordinal);
        Assert.Contains("Matched because", topic.CardText, StringComparison.OrdinalIgnoreCase);

        var followUp = await chat.SayAsync("who does it apply to?");
        Assert.Contains("applies to", followUp.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PoC", followUp.Summary, StringComparison.Ordinal);

        var back = await chat.SayAsync("back");
        Assert.StartsWith("Protection of Civilians", back.Summary, StringComparison.Ordinal);

        var ambiguous = await chat.SayAsync("protection");
        Assert.Contains("Which did you mean", ambiguous.Summary, StringComparison.Ordinal);

        var choice = await chat.SayAsync("2");
        Assert.StartsWith("Cultural Property Protection", choice.Summary, StringComparison.Ordinal);

        var thanks = await chat.ClickAsync(choice.Button("👍"));
        Assert.Contains("Thank", thanks.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Null(thanks.Card);

        var miss = await chat.SayAsync("What is NATO's cyber defence policy?");
        Assert.Contains("found nothing", miss.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("contact", miss.Summary, StringComparison.OrdinalIgnoreCase);

        var secondMiss = await chat.SayAsync("How do I renew my security clearance?");
        Assert.Contains("contact", secondMiss.Summary, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("help", (await chat.SayAsync("help")).Summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Human Security", (await chat.SayAsync("menu")).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_conversation_by_clicking_the_buttons_of_each_card()
    {
        var chat = new Chat(_factory, "conv-clicks");

        var welcome = await chat.JoinAsync();
        var topic = await chat.ClickAsync(welcome.Button("Women, Peace and Security"));
        Assert.StartsWith("Women, Peace and Security", topic.Summary, StringComparison.Ordinal);

        var subQuestion = await chat.ClickAsync(topic.Buttons.First(b => b.Title.Contains("resolution", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("1325", subQuestion.CardText, StringComparison.Ordinal);

        var back = await chat.ClickAsync(subQuestion.Button("Back"));
        Assert.StartsWith("Women, Peace and Security", back.Summary, StringComparison.Ordinal);

        var ambiguous = await chat.SayAsync("protection");
        var none = await chat.ClickAsync(ambiguous.Button("None of these"));
        Assert.Contains("Human Security", none.CardText, StringComparison.Ordinal);

        var feedback = await chat.ClickAsync(back.Button("👎"));
        Assert.Contains("Thank", feedback.Summary, StringComparison.OrdinalIgnoreCase);

        Assert.Contains(topic.AllActions, a => a["type"]!.GetValue<string>() == "Action.OpenUrl" && a["url"]!.GetValue<string>().StartsWith("https://www.nato.int/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_French_conversation_welcome_question_follow_up_choice_and_help()
    {
        var chat = new Chat(_factory, "conv-french", locale: "fr-FR");

        var welcome = await chat.JoinAsync();
        Assert.StartsWith("Bienvenue dans PolicyBot.", welcome.Summary, StringComparison.Ordinal);
        Assert.Contains("Bienvenue dans PolicyBot", welcome.CardText, StringComparison.Ordinal);
        Assert.Contains(welcome.Buttons, b => b.Title == "English");

        var topic = await chat.SayAsync("Je cherche la politique de protection des civils de l'Alliance.");
        Assert.StartsWith("Protection des civils", topic.Summary, StringComparison.Ordinal);
        Assert.Contains("Vérifié au regard des sources de l'OTAN", topic.CardText, StringComparison.Ordinal);
        Assert.Contains("Trouvé grâce à", topic.CardText, StringComparison.Ordinal);

        var followUp = await chat.SayAsync("à qui s'applique-t-elle ?");
        // The follow-up names no topic: it is answered within the topic under discussion (French facets and matching).
        Assert.StartsWith("À qui s", followUp.Summary, StringComparison.Ordinal);
        Assert.Contains("protection des civils", followUp.Summary.Split('\n')[0], StringComparison.Ordinal);

        // A number keeps the conversation's language: the first option of a sub-question's card is its topic.
        var choice = await chat.SayAsync("1");
        Assert.StartsWith("Protection des civils", choice.Summary, StringComparison.Ordinal);

        var help = await chat.SayAsync("aide");
        Assert.StartsWith("Comment interroger PolicyBot", help.Summary, StringComparison.Ordinal);
        Assert.Contains(help.Buttons, b => b.Title == "English");

        var english = await chat.ClickAsync(help.Button("English"));
        Assert.StartsWith("Protection of Civilians", english.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_works_without_any_conversation_state()
    {
        var chat = new Chat(_factory, "conv-cold-click");
        var reply = await chat.ClickAsync(new Button("x", new JsonObject { ["action"] = "node", ["id"] = "conflict-related-sexual-violence.status" }));
        Assert.Contains("CRSV", reply.Summary, StringComparison.Ordinal);
    }

    /// <summary>A user in one conversation, who checks every card the bot sends.</summary>
    private sealed class Chat(BotHostFactory factory, string conversationId, string locale = "en-US")
    {
        private int _turn;

        public Task<Reply> JoinAsync() => SendAsync(Activities.EmulatorConversationUpdate(conversationId));

        public Task<Reply> SayAsync(string text) => SendAsync(Activities.EmulatorMessage(text, conversationId, $"{conversationId}-{++_turn}"));

        public Task<Reply> ClickAsync(Button button)
        {
            var activity = Activities.EmulatorMessage(string.Empty, conversationId, $"{conversationId}-{++_turn}");
            activity.Remove("text");
            activity["value"] = button.Data.DeepClone();
            return SendAsync(activity);
        }

        private async Task<Reply> SendAsync(JsonObject activity)
        {
            // The Emulator, Web Chat and Teams put the user's locale on every activity.
            activity["locale"] = locale;
            using var client = factory.CreateClient();
            using var response = await client.PostAsync("/api/messages", Activities.Json(activity));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
            var attachment = message["attachments"]?.AsArray().FirstOrDefault();
            var card = attachment?["content"]?.AsObject();
            if (card is not null)
            {
                var json = card.ToJsonString();
                AdaptiveCardSchema.AssertValid(json);
                Assert.True(Encoding.UTF8.GetByteCount(message.ToJsonString()) < TeamsMessageLimitBytes);
                Assert.False(string.IsNullOrWhiteSpace(card["fallbackText"]?.GetValue<string>()));
            }

            var plain = message["summary"]?.GetValue<string>() ?? message["text"]?.GetValue<string>() ?? string.Empty;
            Assert.False(string.IsNullOrWhiteSpace(plain), "every reply carries plain text");
            return new Reply(plain, card);
        }
    }

    private sealed record Button(string Title, JsonObject Data);

    private sealed record Reply(string Summary, JsonObject? Card)
    {
        public string CardText => Card?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;

        public IReadOnlyList<JsonObject> AllActions => Card is null ? [] : Descendants(Card).Where(o => o["type"]?.GetValue<string>() is string t && t.StartsWith("Action.", StringComparison.Ordinal)).ToList();

        public IEnumerable<Button> Buttons => AllActions
            .Where(a => a["type"]!.GetValue<string>() == "Action.Submit")
            .Select(a => new Button(a["title"]?.GetValue<string>() ?? string.Empty, a["data"]!.AsObject()));

        public Button Button(string titlePart) =>
            Buttons.FirstOrDefault(b => b.Title.Contains(titlePart, StringComparison.OrdinalIgnoreCase))
            ?? throw new Xunit.Sdk.XunitException($"no button '{titlePart}' in: {string.Join(" | ", Buttons.Select(b => b.Title))}");

        private static IEnumerable<JsonObject> Descendants(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                yield return obj;
                foreach (var child in obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array.OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }
            }
        }
    }
}
