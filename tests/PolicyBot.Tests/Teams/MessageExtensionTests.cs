using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PolicyBot.Bots;
using PolicyBot.Core.Cards;
using PolicyBot.Testing;

namespace PolicyBot.Tests.Teams;

/// <summary>
/// Teams' message extension and link previews through the real host, adapter and bot, with the real knowledge and
/// cards: invokes shaped as Teams posts them, answered with the invoke's own response.
/// </summary>
public sealed class MessageExtensionTests : IDisposable
{
    private const string PocPolicyUrl = "https://www.nato.int/cps/en/natohq/official_texts_133945.htm";
    private static readonly string AskUrl = "https://teams.microsoft.com/l/chat/0/0?users=" + Uri.EscapeDataString(TeamsActivities.BotId);

    private readonly TeamsBotHost _host = new(new() { ["Teams:AllowedTenantIds:0"] = TeamsActivities.TenantId });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_search_lists_matching_topics_and_sub_questions_best_first_as_result_previews()
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.SearchQuery("protection of civilians"));

        Assert.Equal(HttpStatusCode.OK, status);
        var result = body!["composeExtension"]!;
        Assert.Equal("result", result["type"]!.GetValue<string>());
        Assert.Equal("list", result["attachmentLayout"]!.GetValue<string>());
        var items = result["attachments"]!.AsArray();
        Assert.InRange(items.Count, 2, 10);
        var first = items[0]!;
        Assert.Equal("application/vnd.microsoft.card.thumbnail", first["contentType"]!.GetValue<string>());
        Assert.Equal("Protection of Civilians (PoC)", first["content"]!["title"]!.GetValue<string>());
        var preview = first["preview"]!;
        Assert.Equal("application/vnd.microsoft.card.thumbnail", preview["contentType"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(preview["content"]!["text"]!.GetValue<string>()));
        var tap = preview["content"]!["tap"]!;
        Assert.Equal("invoke", tap["type"]!.GetValue<string>());
        Assert.Equal("protection-of-civilians", tap["value"]!["nodeId"]!.GetValue<string>());

        // The sub-questions say which policy they belong to.
        Assert.All(items.Skip(1), item => Assert.Equal("Protection of Civilians (PoC)", item!["preview"]!["content"]!["subtitle"]!.GetValue<string>()));
        Assert.Empty(_host.Inputs);
    }

    [Fact]
    public async Task Searches_past_the_per_user_limit_get_a_polite_message_in_the_users_language_and_messages_are_not_counted()
    {
        using var host = new TeamsBotHost(new()
        {
            ["Teams:AllowedTenantIds:0"] = TeamsActivities.TenantId,
            ["RateLimiting:Search:BurstLimit"] = "2",
            ["RateLimiting:Search:MessagesPerPeriod"] = "1",
            ["RateLimiting:Search:ReplenishmentPeriod"] = "01:00:00",
        });
        for (var i = 0; i < 2; i++)
        {
            var (_, answered) = await host.InvokeAsync(TeamsActivities.SearchQuery("protection"));
            Assert.Equal("result", answered!["composeExtension"]!["type"]!.GetValue<string>());
        }

        var (status, refused) = await host.InvokeAsync(TeamsActivities.SearchQuery("protection"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("message", refused!["composeExtension"]!["type"]!.GetValue<string>());
        Assert.Equal(HostTexts.SearchSlowDownEnglish, refused["composeExtension"]!["text"]!.GetValue<string>());

        var french = TeamsActivities.SearchQuery("protection");
        french["locale"] = "fr-FR";
        var (_, refusedInFrench) = await host.InvokeAsync(french);
        Assert.Equal(HostTexts.SearchSlowDownFrench, refusedInFrench!["composeExtension"]!["text"]!.GetValue<string>());

        // The search bucket is the user's own: their chat with the bot is still answered.
        var replies = await host.PostAsync(TeamsActivities.Message("what is the protection of civilians policy?"));
        Assert.Contains(replies, reply => reply["attachments"] is not null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Opening_the_command_or_an_empty_search_lists_the_seven_topics(bool initialRun)
    {
        var activity = TeamsActivities.SearchQuery(string.Empty);
        if (initialRun)
        {
            activity["value"]!["parameters"] = new JsonArray(new JsonObject { ["name"] = "initialRun", ["value"] = "true" });
        }

        var (status, body) = await _host.InvokeAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        var titles = body!["composeExtension"]!["attachments"]!.AsArray().Select(a => a!["preview"]!["content"]!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(7, titles.Count);
        Assert.Equal("Human Security", titles[0][..14]);
    }

    [Fact]
    public async Task Choosing_a_result_inserts_its_shareable_card_with_sources_and_a_link_to_the_bots_chat()
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/selectItem", new JsonObject { ["nodeId"] = "protection-of-civilians.obligations", ["language"] = "en" }));

        Assert.Equal(HttpStatusCode.OK, status);
        var attachment = Assert.Single(body!["composeExtension"]!["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!.AsObject();
        AssertShareable(card);
        Assert.Equal("What the PoC policy obliges, and whom", card["body"]![0]!["text"]!.GetValue<string>());
        var links = OpenUrls(card);
        Assert.Contains(PocPolicyUrl, links.Select(l => l.Url));
        Assert.Equal(AskUrl, Assert.Single(links, l => l.Title == "Ask PolicyBot").Url);
        Assert.Equal("What the PoC policy obliges, and whom", attachment["preview"]!["content"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_result_of_a_search_gives_a_valid_shareable_card()
    {
        foreach (var query in new[] { string.Empty, "women peace and security", "trafficking" })
        {
            var (_, results) = await _host.InvokeAsync(TeamsActivities.SearchQuery(query));
            foreach (var item in results!["composeExtension"]!["attachments"]!.AsArray())
            {
                var value = item!["preview"]!["content"]!["tap"]!["value"]!.DeepClone();
                var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/selectItem", value));

                Assert.Equal(HttpStatusCode.OK, status);
                AssertShareable(Assert.Single(body!["composeExtension"]!["attachments"]!.AsArray())!["content"]!.AsObject());
            }
        }
    }

    [Fact]
    public async Task A_pasted_link_to_a_cited_nato_page_unfurls_into_its_topics_card()
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/queryLink", new JsonObject { ["url"] = PocPolicyUrl + "?selectedLocale=en" }));

        Assert.Equal(HttpStatusCode.OK, status);
        var attachment = Assert.Single(body!["composeExtension"]!["attachments"]!.AsArray())!;
        var card = attachment["content"]!.AsObject();
        AssertShareable(card);
        Assert.Equal("Protection of Civilians (PoC)", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Protection of Civilians (PoC)", attachment["preview"]!["content"]!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://www.nato.int/cps/en/natohq/news_1.htm")]
    [InlineData("https://www.nato.int/")]
    public async Task Any_other_nato_page_unfurls_to_nothing_so_Teams_shows_its_own_preview(string url)
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/queryLink", new JsonObject { ["url"] = url }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("result", body!["composeExtension"]!["type"]!.GetValue<string>());
        Assert.Empty(body["composeExtension"]!["attachments"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_command_gets_a_400_naming_it()
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.SearchQuery("poc", commandId: "searchEverything"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'searchEverything'", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("findPolicy", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string> BadPayloads() => new()
    {
        { "composeExtension/query", null, "no value object" },
        { "composeExtension/query", "\"poc\"", "no value object" },
        { "composeExtension/query", "[1, 2]", "no value object" },
        { "composeExtension/query", """{"commandId": "findPolicy"}""", "no 'query' parameter" },
        { "composeExtension/query", """{"commandId": "findPolicy", "parameters": "poc"}""", "cannot be read at 'parameters'" },
        { "composeExtension/query", """{"commandId": "findPolicy", "parameters": [{"name": "query", "value": {"text": "poc"}}]}""", "must be text" },
        { "composeExtension/query", """{"commandId": "findPolicy", "parameters": [{"name": "query", "value": "poc"}], "queryOptions": {"skip": "first"}}""", "cannot be read at 'queryOptions.skip'" },
        { "composeExtension/selectItem", null, "no value object" },
        { "composeExtension/selectItem", "{}", "no 'nodeId'" },
        { "composeExtension/selectItem", """{"nodeId": 42}""", "no 'nodeId'" },
        { "composeExtension/selectItem", """{"nodeId": "  "}""", "no 'nodeId'" },
        { "composeExtension/queryLink", null, "no value object" },
        { "composeExtension/queryLink", "{}", "no 'url'" },
        { "composeExtension/queryLink", """{"url": ["https://www.nato.int/"]}""", "cannot be read at 'url'" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task A_malformed_payload_gets_a_400_saying_what_is_wrong_never_a_500(string name, string? valueJson, string problem)
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke(name, valueJson is null ? null : JsonNode.Parse(valueJson)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("poc", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_chosen_after_its_node_left_the_knowledge_says_so_instead_of_failing()
    {
        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/selectItem", new JsonObject { ["nodeId"] = "a-topic-since-removed" }));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("message", body!["composeExtension"]!["type"]!.GetValue<string>());
        Assert.Contains("no longer", body["composeExtension"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("composeExtension/query")]
    [InlineData("composeExtension/selectItem")]
    [InlineData("composeExtension/queryLink")]
    public async Task A_tenant_outside_the_allow_list_gets_nothing(string name)
    {
        JsonNode value = name switch
        {
            "composeExtension/query" => TeamsActivities.SearchQuery("poc")["value"]!.DeepClone(),
            "composeExtension/selectItem" => new JsonObject { ["nodeId"] = "protection-of-civilians" },
            _ => new JsonObject { ["url"] = PocPolicyUrl },
        };

        var (status, body) = await _host.InvokeAsync(TeamsActivities.Invoke(name, value, tenantId: TeamsActivities.OtherTenantId));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(body);
        Assert.Equal(0, _host.Storage.Reads);
        Assert.Equal(0, _host.Storage.Writes);
    }

    [Fact]
    public async Task Searches_and_shares_read_and_write_no_conversation_state()
    {
        await _host.InvokeAsync(TeamsActivities.SearchQuery("poc"));
        await _host.InvokeAsync(TeamsActivities.Invoke("composeExtension/selectItem", new JsonObject { ["nodeId"] = "protection-of-civilians" }));

        Assert.Equal(0, _host.Storage.Reads);
        Assert.Equal(0, _host.Storage.Writes);
    }

    [Fact]
    public void The_manifest_names_the_command_and_parameter_the_bot_answers()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Manifests, "manifest.template.json")))!;
        var command = manifest["composeExtensions"]![0]!["commands"]![0]!;

        Assert.Equal(TeamsMessageExtension.SearchCommandId, command["id"]!.GetValue<string>());
        Assert.Equal(TeamsMessageExtension.QueryParameter, command["parameters"]![0]!["name"]!.GetValue<string>());
        Assert.True(command["initialRun"]!.GetValue<bool>());
    }

    private static void AssertShareable(JsonObject card)
    {
        var json = card.ToJsonString();
        AdaptiveCardSchema.AssertValid(json);
        Assert.True(Encoding.UTF8.GetByteCount(json) <= new CardRendererOptions().MaxCardBytes);
        Assert.DoesNotContain("Action.Submit", json, StringComparison.Ordinal);
        Assert.DoesNotContain("messageBack", json, StringComparison.Ordinal);
        Assert.Contains(OpenUrls(card), l => l.Title == "Ask PolicyBot" && l.Url == AskUrl);
    }

    private static List<(string Title, string Url)> OpenUrls(JsonNode card) =>
        [.. Descendants(card).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>() == "Action.OpenUrl")
            .Select(o => (o["title"]!.GetValue<string>(), o["url"]!.GetValue<string>()))];

    private static IEnumerable<JsonNode> Descendants(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Descendants).Prepend(obj),
        JsonArray array => array.SelectMany(Descendants).Prepend(array),
        null => [],
        _ => [node],
    };
}
