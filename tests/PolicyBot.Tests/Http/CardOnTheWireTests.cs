using System.Net;
using System.Text.Json.Nodes;
using PolicyBot.Bots;
using PolicyBot.Core;
using PolicyBot.Testing;

namespace PolicyBot.Tests.Http;

/// <summary>The card is sent as raw JSON (not re-parsed by the host): what reaches the channel must still be the card itself.</summary>
public sealed class CardOnTheWireTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public CardOnTheWireTests(BotHostFactory factory) => _factory = factory;

    [Fact]
    public async Task A_question_gets_its_adaptive_card_as_a_json_object_that_passes_the_schema()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("What is the NATO Policy for the Protection of Civilians?", "conv-card-wire")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = Assert.IsType<JsonObject>(attachment["content"]);
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        AdaptiveCardSchema.AssertValid(card.ToJsonString());
    }

    [Fact]
    public void The_activity_serialises_the_card_json_unchanged()
    {
        const string cardJson = """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Zoë's \"quoted\" text","wrap":true}]}""";

        var activity = PolicyTeamsBot.ToActivity(new ReplyMessage("Zoë's text", cardJson));
        var wire = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(activity, Newtonsoft.Json.Formatting.Indented))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cardJson), wire["attachments"]![0]!["content"]));
        Assert.Equal("Zoë's text", wire["summary"]!.GetValue<string>());
    }
}
