using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PolicyBot.Deployment.Tests;

/// <summary>The published bot, started from its publish folder as a real process: it answers, and stops gracefully.</summary>
public sealed class PublishedBotTests : IClassFixture<PublishedBot>
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);
    private readonly PublishedBot _published;

    public PublishedBotTests(PublishedBot published) => _published = published;

    [Fact]
    public async Task The_published_folder_starts_with_dotnet_PolicyBot_dll_and_answers()
    {
        Assert.True(File.Exists(Path.Combine(_published.Folder, "PolicyBot.dll")));
        Assert.True(File.Exists(Path.Combine(_published.Folder, "knowledge", "protection-of-civilians.yaml")));
        using var bot = await _published.StartAsync();

        using var response = await bot.Http.PostAsJsonAsync("api/messages", Message("conv-published", "http://127.0.0.1:1/", expectReplies: true));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(body["activities"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "message");
        Assert.Contains("Content root path: " + _published.Folder, bot.Output, StringComparison.Ordinal);

        await bot.SendSigtermAsync();
        Assert.Equal(0, await bot.WaitForExitAsync(ExitBound));
    }

    [Fact]
    public async Task On_SIGTERM_a_turn_in_flight_is_finished_and_the_process_exits_0()
    {
        await using var connector = await FakeChannel.StartAsync();
        connector.HoldFirst = true;
        using var bot = await _published.StartAsync();

        // Not expectReplies: the bot sends its typing indicator, then the answer, to the (fake) Bot Connector.
        var turn = bot.Http.PostAsJsonAsync("api/messages", Message("conv-sigterm", connector.Address.ToString(), expectReplies: false));
        await connector.FirstArrived;
        await bot.SendSigtermAsync();
        await bot.Stopping;
        connector.Release();

        using var response = await turn;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await bot.WaitForExitAsync(ExitBound));
        Assert.Contains(connector.Received, r => r.Body?["replyToId"]?.GetValue<string>() == "act-conv-sigterm" && r.Body["attachments"] is JsonArray { Count: > 0 });
    }

    [Fact]
    public async Task A_turn_stuck_past_Hosting_ShutdownTimeout_is_cut_off_and_the_process_still_exits()
    {
        await using var connector = await FakeChannel.StartAsync();
        connector.HoldFirst = true;
        using var bot = await _published.StartAsync(new() { ["Hosting__ShutdownTimeout"] = "00:00:02" });

        var turn = bot.Http.PostAsJsonAsync("api/messages", Message("conv-stuck", connector.Address.ToString(), expectReplies: false));
        await connector.FirstArrived;
        await bot.SendSigtermAsync();

        Assert.Equal(0, await bot.WaitForExitAsync(ExitBound));
        // Cut off before its answer: the user gets the apology from the error handler, never the answer card.
        Assert.DoesNotContain(connector.Received, r => r.Body?["attachments"] is JsonArray { Count: > 0 });
        await Assert.ThrowsAnyAsync<Exception>(async () => (await turn).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task In_Development_the_Direct_Line_secret_comes_from_user_secrets()
    {
        await using var azure = await FakeChannel.StartAsync();
        var home = Directory.CreateTempSubdirectory("policybot-home-").FullName;
        try
        {
            var secrets = Path.Combine(home, ".microsoft", "usersecrets", "policybot-local");
            Directory.CreateDirectory(secrets);
            await File.WriteAllTextAsync(Path.Combine(secrets, "secrets.json"), """{ "WebChat:DirectLineSecret": "secret-from-user-secrets" }""");
            using var bot = await _published.StartAsync(new()
            {
                ["HOME"] = home,
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["WebChat__DevelopmentDirectLine__Enabled"] = "false",
                ["WebChat__DirectLineEndpoint"] = azure.Address.ToString(),
            });

            using var response = await bot.Http.PostAsync(new Uri("api/webchat/token", UriKind.Relative), null);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sent = Assert.Single(azure.Received);
            Assert.Equal("/v3/directline/tokens/generate", sent.Path);
            Assert.Equal("Bearer secret-from-user-secrets", sent.Authorization);
            Assert.DoesNotContain("secret-from-user-secrets", bot.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static JsonObject Message(string conversationId, string serviceUrl, bool expectReplies)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "act-" + conversationId,
            ["text"] = "who does the protection of civilians policy apply to?",
            ["channelId"] = "emulator",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "user-1", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
        };
        if (expectReplies)
        {
            activity["deliveryMode"] = "expectReplies";
        }

        return activity;
    }
}
