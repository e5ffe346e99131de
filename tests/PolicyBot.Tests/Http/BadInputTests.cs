using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace PolicyBot.Tests.Http;

/// <summary>Bad input over HTTP against the real host: a defined answer, the host keeps serving, no exception text.</summary>
public sealed class BadInputTests : IClassFixture<BotHostFactory>
{
    private readonly BotHostFactory _factory;

    public BadInputTests(BotHostFactory factory) => _factory = factory;

    private async Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        using var client = _factory.CreateClient();
        var response = await client.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        await AssertStillServingAsync();
        return response;
    }

    private async Task AssertStillServingAsync()
    {
        using var client = _factory.CreateClient();
        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("help", "conv-still-serving-" + Guid.NewGuid())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_body_gets_400()
    {
        using var response = await PostAsync(new StringContent(string.Empty, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_naming_the_setting()
    {
        var huge = Activities.EmulatorMessage(new string('a', 300_000));
        using var response = await PostAsync(Activities.Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Hosting:MaxRequestBodyBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conversation")]
    [InlineData("from")]
    [InlineData("serviceUrl")]
    [InlineData("type")]
    public async Task An_activity_missing_a_required_field_gets_400_naming_it(string field)
    {
        var activity = Activities.EmulatorMessage("hello");
        activity.Remove(field);
        using var response = await PostAsync(Activities.Json(activity));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_wrong_content_type_gets_415(string contentType)
    {
        using var response = await PostAsync(new StringContent(Activities.EmulatorMessage("hello").ToJsonString(), Encoding.UTF8, contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_json_array_instead_of_an_activity_gets_400()
    {
        using var response = await PostAsync(new StringContent("[1,2,3]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("somethingNew")]
    [InlineData("deleteUserData")]
    [InlineData("handoff")]
    public async Task An_unknown_or_unused_activity_type_is_ignored_without_error(string type)
    {
        var activity = Activities.EmulatorMessage("hello", "conv-type-" + type);
        activity["type"] = type;
        using var response = await PostAsync(Activities.Json(activity));
        Assert.True(response.IsSuccessStatusCode, $"status {response.StatusCode}");
    }

    [Fact]
    public async Task A_message_with_only_attachments_is_told_to_type_a_question()
    {
        var activity = Activities.EmulatorMessage(string.Empty, "conv-attachments");
        activity.Remove("text");
        activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://localhost/x.png" });
        using var response = await PostAsync(Activities.Json(activity));

        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        Assert.Contains("type", message["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_message_with_only_attachments_from_a_French_client_is_told_in_French()
    {
        var activity = Activities.EmulatorMessage(string.Empty, "conv-attachments-fr");
        activity.Remove("text");
        activity["locale"] = "fr-FR";
        activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "image/png", ["contentUrl"] = "http://localhost/x.png" });
        using var response = await PostAsync(Activities.Json(activity));

        var message = Assert.Single(Activities.Messages(await Activities.RepliesAsync(response)));
        Assert.Equal("Je ne lis que les questions écrites, pas les pièces jointes. Veuillez taper votre question.", message["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("a 100 KB question")]
    [InlineData("control characters \u0000\u0001\u0007\u001b[31m")]
    [InlineData("emoji 🛡️👩‍⚕️🏳️‍🌈 protection of civilians")]
    [InlineData("ما هي سياسة حماية المدنيين؟ מה המדיניות")]
    [InlineData("<script>alert(1)</script> **bold** [link](http://evil.example) <at>Someone</at>")]
    public async Task Odd_text_is_answered_politely(string kind)
    {
        var text = kind == "a 100 KB question" ? string.Concat(Enumerable.Repeat("protection of civilians ", 4_300)) : kind;
        using var response = await PostAsync(Activities.Json(Activities.EmulatorMessage(text, "conv-odd-" + Guid.NewGuid())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = Activities.Messages(await Activities.RepliesAsync(response)).ToList();
        Assert.NotEmpty(messages);

        // What is rendered (cards, and text where there is no card) never carries the user's markup unescaped;
        // the plain-text summary is for notifications and screen readers, which do not render markup.
        var rendered = string.Concat(messages.Select(m => m["attachments"]?.ToJsonString() + (m["attachments"] is JsonArray { Count: > 0 } ? string.Empty : m["text"]?.ToJsonString())));
        Assert.DoesNotContain("<script>", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("\u003Cscript", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(" [link](http://evil.example)", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("**bold**", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"action\": 42}")]
    [InlineData("{\"action\": \"node\", \"id\": \"no-such-node\"}")]
    [InlineData("\"just a string\"")]
    [InlineData("[1, 2]")]
    public async Task A_value_payload_of_the_wrong_shape_or_an_unknown_node_gets_a_defined_answer(string value)
    {
        var activity = Activities.EmulatorMessage(string.Empty, "conv-value-" + Guid.NewGuid());
        activity.Remove("text");
        activity["value"] = JsonNode.Parse(value);
        using var response = await PostAsync(Activities.Json(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Activities.Messages(await Activities.RepliesAsync(response)));
    }
}
